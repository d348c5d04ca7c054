/**
 * Client for a Confluent-compatible schema registry (Enlace's own registry or Confluent Schema
 * Registry), speaking its REST API with Jackson and the JDK's {@link java.net.http.HttpClient}.
 *
 * <p>{@link gt.enlace.serde.client.SchemaRegistryClient} is the contract;
 * {@link gt.enlace.serde.client.CachedSchemaRegistryClient} is the HTTP implementation with
 * Confluent's caching rules (ids forever, latest versions with a TTL), URL failover, retries and
 * HTTP Basic auth; {@link gt.enlace.serde.client.MockSchemaRegistryClient} is an in-memory registry
 * for unit tests, reachable from configuration as {@code mock://<scope>}. Registry errors surface as
 * {@link gt.enlace.serde.client.RestClientException} carrying the HTTP status and the registry's
 * {@code error_code}.
 */
package gt.enlace.serde.client;
