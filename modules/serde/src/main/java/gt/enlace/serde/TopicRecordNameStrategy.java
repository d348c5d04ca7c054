package gt.enlace.serde;

import org.apache.avro.Schema;

/**
 * Subject = {@code <topic>-<schema full name>}: several record types on one topic, each evolving
 * separately. Alias of Confluent's
 * {@code io.confluent.kafka.serializers.subject.TopicRecordNameStrategy}.
 */
public class TopicRecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return topic + "-" + schema.getFullName();
    }
}
