package gt.enlace.serde;

import java.time.LocalDate;
import java.util.Map;

import gt.enlace.serde.client.CompatibilityLevel;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.test.CitizenRegistered;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Old writer, new reader: Avro schema resolution through the registry's ids. */
class SchemaEvolutionTest {

    private static final String TOPIC = "gt.test.citizen-evolution.v1";

    /** Version 1: CitizenRegistered before municipalityCode was added. */
    static Schema version1() {
        return SchemaBuilder.record("CitizenRegistered").namespace("gt.enlace.serde.test").fields()
            .requiredString("cui")
            .requiredString("fullName")
            .name("birthDate").type(org.apache.avro.LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
            .endRecord();
    }

    @Test
    void aSpecificReaderOnVersion2GetsTheDefaultForDataWrittenWithVersion1() {
        MockSchemaRegistryClient registry = new MockSchemaRegistryClient();
        GenericRecord v1 = new GenericData.Record(version1());
        v1.put("cui", "1587564440904");
        v1.put("fullName", "Luis");
        v1.put("birthDate", 0);
        byte[] written = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, new RecordHeaders(), v1);

        Object read = new KafkaAvroDeserializer(registry, Map.of(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true))
            .deserialize(TOPIC, new RecordHeaders(), written);

        assertThat(read).isInstanceOf(CitizenRegistered.class);
        CitizenRegistered citizen = (CitizenRegistered) read;
        assertThat(citizen.getCui()).isEqualTo("1587564440904");
        assertThat(citizen.getBirthDate()).isEqualTo(LocalDate.EPOCH);
        assertThat(citizen.getMunicipalityCode()).isEqualTo("0101");
    }

    @Test
    void version2RegistersAfterVersion1UnderBackwardAndBothIdsStayReadable() {
        MockSchemaRegistryClient registry = new MockSchemaRegistryClient();
        int id1 = registry.register(TOPIC + "-value", version1());
        int id2 = registry.register(TOPIC + "-value", CitizenRegistered.getClassSchema());

        assertThat(id2).isNotEqualTo(id1);
        assertThat(registry.getAllVersions(TOPIC + "-value")).containsExactly(1, 2);
        assertThat(registry.getSchemaById(id1)).isEqualTo(version1());
    }

    @Test
    void aFieldWithoutDefaultIsRefusedUnderBackwardWith40901() {
        MockSchemaRegistryClient registry = new MockSchemaRegistryClient();
        registry.register(TOPIC + "-value", version1());
        Schema noDefault = SchemaBuilder.record("CitizenRegistered").namespace("gt.enlace.serde.test").fields()
            .requiredString("cui").requiredString("fullName").requiredInt("birthDate").requiredString("extra").endRecord();

        assertThat(registry.getCompatibility(TOPIC + "-value")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.testCompatibility(TOPIC + "-value", noDefault)).isFalse();
        assertThatThrownBy(() -> registry.register(TOPIC + "-value", noDefault))
            .isInstanceOfSatisfying(RestClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40901));
    }
}
