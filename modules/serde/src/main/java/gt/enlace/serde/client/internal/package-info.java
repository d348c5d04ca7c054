/**
 * Implementation details of the registry client: the HTTP transport with failover and retries,
 * bounded caches, subject encoding and GUID helpers. Not API: may change without notice.
 */
package gt.enlace.serde.client.internal;
