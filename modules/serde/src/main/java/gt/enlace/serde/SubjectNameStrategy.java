package gt.enlace.serde;

import org.apache.avro.Schema;

/**
 * Decides the registry subject a record's schema is registered and looked up under. Configured with
 * {@code key.subject.name.strategy} / {@code value.subject.name.strategy}; implementations need a
 * public no-argument constructor and must be thread-safe.
 *
 * @see TopicNameStrategy
 * @see RecordNameStrategy
 * @see TopicRecordNameStrategy
 */
@FunctionalInterface
public interface SubjectNameStrategy {

    /**
     * @param topic  the Kafka topic
     * @param isKey  true for the record key, false for the value
     * @param schema the schema of the object being written
     * @return the subject
     */
    String subjectName(String topic, boolean isKey, Schema schema);

    /**
     * @return false when the subject depends on the topic only (then the serde computes it once per
     *         topic)
     */
    default boolean usesSchema() {
        return true;
    }
}
