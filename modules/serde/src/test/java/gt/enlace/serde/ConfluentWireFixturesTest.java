package gt.enlace.serde;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import gt.enlace.serde.internal.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance with bytes written by Confluent's own serializer (the JavaScript
 * {@code @confluentinc/schemaregistry} AvroSerializer): Enlace must read what Confluent writes and
 * write exactly the same bytes.
 */
class ConfluentWireFixturesTest {

    private Schema schema;
    private MockSchemaRegistryClient registry;

    @BeforeEach
    void registerTheFixtureSchemaAsId1WithItsGuid() {
        schema = Fixtures.birthSchema();
        registry = new MockSchemaRegistryClient();
        registry.register(Fixtures.subject(), schema, Fixtures.schemaId(), Fixtures.guid());
    }

    static Stream<String> cases() {
        return Fixtures.caseNames().stream();
    }

    @Test
    void fixturesAreWhereTheBuildSaysAndCoverBothForms() {
        assertThat(Fixtures.caseNames()).contains("birth-full", "birth-minimal");
        assertThat(Fixtures.schemaId()).isEqualTo(1);
        assertThat(Fixtures.bytes("birth-full.bin")).startsWith(0, 0, 0, 0, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deserializesConfluentPrefixedBytesWrittenByTheJavaScriptSerializer(String name) {
        JsonNode caseNode = Fixtures.caseNode(name);
        byte[] bytes = Fixtures.bytes(caseNode.get("prefixFormat").asText());
        assertThat(bytes).hasSize(caseNode.get("length").asInt());

        Object value = deserializer().deserialize(Fixtures.subject().replace("-value", ""), new RecordHeaders(), bytes);

        assertMatchesJson((GenericRecord) value, Fixtures.record(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deserializesConfluentHeaderFormBytesUsingTheGuidInTheValueSchemaIdHeader(String name) {
        JsonNode caseNode = Fixtures.caseNode(name);
        byte[] bytes = Fixtures.bytes(caseNode.get("headerFormat").asText());
        RecordHeaders headers = new RecordHeaders();
        headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, Fixtures.headerValue(name, WireFormat.VALUE_SCHEMA_ID_HEADER));

        Object value = deserializer().deserialize("gt.fixture.birth-registered.v1", headers, bytes);

        assertMatchesJson((GenericRecord) value, Fixtures.record(name));
        // The header form's payload is the prefix form's payload without its 5 bytes.
        byte[] prefixed = Fixtures.bytes(caseNode.get("prefixFormat").asText());
        assertThat(bytes).isEqualTo(Arrays.copyOfRange(prefixed, 5, prefixed.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serializesTheSameRecordToBytesEqualToConfluentsWithId1(String name) {
        JsonNode caseNode = Fixtures.caseNode(name);
        GenericRecord record = Fixtures.toRecord(schema, Fixtures.record(name));
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry,
            Map.of(KafkaAvroSerDeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS, true));

        byte[] bytes = serializer.serialize("gt.fixture.birth-registered.v1", new RecordHeaders(), record);

        assertThat(bytes).isEqualTo(Fixtures.bytes(caseNode.get("prefixFormat").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serializesTheHeaderFormLikeConfluent8WhenConfiguredTo(String name) {
        JsonNode caseNode = Fixtures.caseNode(name);
        GenericRecord record = Fixtures.toRecord(schema, Fixtures.record(name));
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of(
            KafkaAvroSerDeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS, true,
            KafkaAvroSerDeConfig.VALUE_SCHEMA_ID_SERIALIZER, "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer"));
        RecordHeaders headers = new RecordHeaders();

        byte[] bytes = serializer.serialize("gt.fixture.birth-registered.v1", headers, record);

        assertThat(bytes).isEqualTo(Fixtures.bytes(caseNode.get("headerFormat").asText()));
        assertThat(headers.lastHeader(WireFormat.VALUE_SCHEMA_ID_HEADER).value())
            .isEqualTo(Fixtures.headerValue(name, WireFormat.VALUE_SCHEMA_ID_HEADER));
    }

    private KafkaAvroDeserializer deserializer() {
        return new KafkaAvroDeserializer(registry, Map.of(KafkaAvroSerDeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS, true));
    }

    /** Field by field: dates as days, timestamps as millis, the decimal as its string value. */
    private static void assertMatchesJson(GenericRecord actual, JsonNode expected) {
        assertThat(actual.getSchema().getFullName()).isEqualTo("fixture.renap.BirthRegistered");
        assertThat(actual.get("registrationNumber")).hasToString(expected.get("registrationNumber").asText());
        assertThat(actual.get("childCui")).hasToString(expected.get("childCui").asText());
        assertThat(((LocalDate) actual.get("birthDate")).toEpochDay()).isEqualTo(expected.get("birthDate").asLong());
        assertThat(((Instant) actual.get("registeredAt")).toEpochMilli()).isEqualTo(expected.get("registeredAt").asLong());
        assertThat(actual.get("municipalityCode")).hasToString(expected.get("municipalityCode").asText());
        assertThat(actual.get("sex")).hasToString(expected.get("sex").asText());
        assertNullableEquals(actual.get("weightGrams"), expected.get("weightGrams").isNull() ? null : expected.get("weightGrams").asInt());
        assertNullableText(actual.get("motherCui"), expected.get("motherCui"));
        assertNullableText(actual.get("fatherCui"), expected.get("fatherCui"));
        BigDecimal fee = (BigDecimal) actual.get("fee");
        assertThat(fee.toPlainString()).isEqualTo(expected.get("fee").asText());
        List<String> notes = ((List<?>) actual.get("notes")).stream().map(Object::toString).toList();
        List<String> expectedNotes = new ArrayList<>();
        expected.get("notes").forEach(n -> expectedNotes.add(n.asText()));
        assertThat(notes).containsExactlyElementsOf(expectedNotes);
        Map<String, String> attributes = new LinkedHashMap<>();
        ((Map<?, ?>) actual.get("attributes")).forEach((k, v) -> attributes.put(k.toString(), v.toString()));
        Map<String, String> expectedAttributes = new LinkedHashMap<>();
        expected.get("attributes").fields().forEachRemaining(e -> expectedAttributes.put(e.getKey(), e.getValue().asText()));
        assertThat(attributes).containsExactlyInAnyOrderEntriesOf(expectedAttributes);
        JsonNode hospital = expected.get("hospital");
        if (hospital.isNull()) {
            assertThat(actual.get("hospital")).isNull();
        } else {
            GenericRecord h = (GenericRecord) actual.get("hospital");
            assertThat(h.get("name")).hasToString(hospital.get("name").asText());
            assertThat(h.get("beds")).isEqualTo(hospital.get("beds").asInt());
        }
        assertThat(actual.getSchema().getFields()).hasSize(expected.size());
    }

    private static void assertNullableEquals(Object actual, Object expected) {
        assertThat(actual).isEqualTo(expected);
    }

    private static void assertNullableText(Object actual, JsonNode expected) {
        if (expected.isNull()) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).hasToString(expected.asText());
        }
    }

    @Test
    void theManifestGuidIsReadMostSignificantHalfFirst() {
        assertThat(Fixtures.guid()).isEqualTo(UUID.fromString("a4c2cbcf-f226-4c00-9d69-e7c268009217"));
    }
}
