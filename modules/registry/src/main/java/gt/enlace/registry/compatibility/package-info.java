/**
 * Schema evolution rules: the seven compatibility levels and a checker built on Avro's own
 * {@code SchemaCompatibility}, with Confluent's wording of the reasons.
 */
package gt.enlace.registry.compatibility;
