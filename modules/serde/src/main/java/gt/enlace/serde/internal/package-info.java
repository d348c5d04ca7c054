/**
 * Implementation details of the serde (wire format constants, Avro data models, reusable buffers).
 * Not API: may change without notice.
 */
package gt.enlace.serde.internal;
