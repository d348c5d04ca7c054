/**
 * Kafka {@link org.apache.kafka.common.serialization.Serializer}/{@link
 * org.apache.kafka.common.serialization.Deserializer} for Avro in Confluent's wire format, configured
 * with Confluent's keys and defaults: a user moving from Confluent changes only class names.
 *
 * <ul>
 *   <li>{@link gt.enlace.serde.KafkaAvroSerializer}: generic and specific records and Avro
 *       primitives → {@code 0x00} + 4-byte big-endian schema id + Avro binary;</li>
 *   <li>{@link gt.enlace.serde.KafkaAvroDeserializer}: that prefix form, and the 8.x header form
 *       ({@code __value_schema_id}/{@code __key_schema_id} = {@code 0x01} + 16-byte GUID);</li>
 *   <li>{@link gt.enlace.serde.KafkaAvroSerDeConfig}: every key, its type, default and meaning;</li>
 *   <li>{@link gt.enlace.serde.SubjectNameStrategy} and its three Confluent strategies.</li>
 * </ul>
 */
package gt.enlace.serde;
