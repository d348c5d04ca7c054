/**
 * Storage of the registry in Kafka: the {@code _schemas} topic in Confluent's key and value layouts, one
 * reader thread that rebuilds the in-memory state from offset 0, and read-your-writes for every write.
 */
package gt.enlace.registry.storage;
