package gt.enlace.serde;

import org.apache.avro.Schema;

/**
 * Subject = the schema's full name ({@code fixture.renap.BirthRegistered}; a primitive's type name),
 * so one record type evolves under one subject across every topic it is written to. Alias of
 * Confluent's {@code io.confluent.kafka.serializers.subject.RecordNameStrategy}.
 */
public class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return schema.getFullName();
    }
}
