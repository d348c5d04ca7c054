package gt.enlace.serde;

import org.apache.avro.Schema;

/**
 * The default strategy: {@code <topic>-key} or {@code <topic>-value}, so a topic holds one record
 * type whose evolution the registry checks. Alias of Confluent's
 * {@code io.confluent.kafka.serializers.subject.TopicNameStrategy}.
 */
public class TopicNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public boolean usesSchema() {
        return false;
    }
}
