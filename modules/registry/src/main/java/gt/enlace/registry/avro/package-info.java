/**
 * Avro schema identity: parsing with references, the canonical and normalized strings, MD5 and GUID,
 * as Confluent Schema Registry computes them.
 */
package gt.enlace.registry.avro;
