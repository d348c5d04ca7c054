/**
 * Enlace's schema registry: Confluent Schema Registry's REST API for Avro, stored in Kafka's {@code _schemas}
 * topic in Confluent's own layout. Start it with {@link gt.enlace.registry.RegistryServer#start(java.util.Map)}.
 */
package gt.enlace.registry;
