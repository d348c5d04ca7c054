/**
 * JMH benchmarks of Enlace's Avro serde against raw Avro {@code BinaryEncoder}/{@code BinaryDecoder} on a
 * 1 KiB, 17-field specific record, and the table rows built on them.
 */
package gt.enlace.benchmarks.serde;
