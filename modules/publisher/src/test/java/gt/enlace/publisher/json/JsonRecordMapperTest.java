package gt.enlace.publisher.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.publisher.validation.Violation;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class JsonRecordMapperTest {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private final JsonRecordMapper mapper = JsonRecordMapper.strict();

    private static Schema schema(String topic) {
        return CATALOG.topic(topic).orElseThrow().schema();
    }

    private static ObjectNode birthJson() {
        return PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 3));
    }

    private static JsonNode parse(String json) {
        return JsonText.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everySampleOfEveryTopicRoundTripsThroughPlainJson() {
        for (TopicDefinition topic : CATALOG.topics()) {
            for (int i = 0; i < 20; i++) {
                SpecificRecord sample = SampleEvents.sampleFor(topic.name(), i);
                JsonRecordMapper.Result result = mapper.map(PlainJson.toJson(sample), topic.schema());
                assertThat(result.violations()).as(topic.name() + " #" + i).isEmpty();
                assertThat(result.record()).as(topic.name() + " #" + i).isEqualTo(sample);
            }
        }
    }

    @Test
    void mapsToTheGeneratedClassWithJavaTimeValues() {
        JsonRecordMapper.Result result = mapper.map(birthJson(), schema(BIRTHS));
        assertThat(result.record()).isInstanceOf(BirthRegistered.class);
        assertThat(((BirthRegistered) result.record()).getDateOfBirth()).isInstanceOf(LocalDate.class);
    }

    @Test
    void unionsTakePlainValuesAndMissingNullableFieldsDefaultToNull() {
        ObjectNode json = birthJson();
        json.remove("fatherCui");
        json.remove("fatherName");
        json.put("book", 125);
        BirthRegistered birth = (BirthRegistered) mapper.map(json, schema(BIRTHS)).record();
        assertThat(birth.getFatherCui()).isNull();
        assertThat(birth.getFatherName()).isNull();
        assertThat(birth.getBook()).isEqualTo(125);
    }

    @Test
    void rejectsAvroUnionWrappersWithThePath() {
        ObjectNode json = birthJson();
        json.putObject("facilityName").put("string", "Hospital Roosevelt");
        assertThat(mapper.map(json, schema(BIRTHS)).violations())
            .extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.facilityName", "WRONG_TYPE"));
    }

    @Test
    void reportsEveryProblemWithItsJsonPath() {
        ObjectNode json = birthJson();
        json.remove("registrationNumber");
        json.put("book", "ciento");
        json.put("sex", "F");
        json.put("dateOfBirth", "20/11/2026");
        json.put("registeredAt", "yesterday");
        ((ObjectNode) json.get("childName")).put("nickname", "Majo");
        ((ObjectNode) json.get("placeOfBirth")).put("departmentCode", 1);
        assertThat(mapper.map(json, schema(BIRTHS)).violations())
            .extracting(v -> v.path() + " " + v.code())
            .containsExactlyInAnyOrder(
                "$.registrationNumber REQUIRED",
                "$.book WRONG_TYPE",
                "$.sex INVALID_ENUM",
                "$.dateOfBirth INVALID_DATE",
                "$.registeredAt INVALID_TIMESTAMP",
                "$.childName.nickname UNKNOWN_FIELD",
                "$.placeOfBirth.departmentCode WRONG_TYPE");
    }

    @Test
    void explicitNullForARequiredFieldIsRequired() {
        ObjectNode json = birthJson();
        json.putNull("childCui");
        assertThat(mapper.map(json, schema(BIRTHS)).violations()).extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.childCui", "REQUIRED"));
    }

    @Test
    void timestampsAcceptOffsetsAndEpochMillis() {
        ObjectNode json = birthJson();
        json.put("registeredAt", "2026-11-20T14:35:00-06:00");
        BirthRegistered birth = (BirthRegistered) mapper.map(json, schema(BIRTHS)).record();
        assertThat(birth.getRegisteredAt()).hasToString("2026-11-20T20:35:00Z");
        json.put("registeredAt", 1_000L);
        assertThat(((BirthRegistered) mapper.map(json, schema(BIRTHS)).record()).getRegisteredAt().toEpochMilli()).isEqualTo(1_000L);
    }

    @Test
    void decimalsAreCheckedAgainstTheScale() {
        String topic = "gt.igss.affiliate-registered.v1";
        ObjectNode json = PlainJson.toJson(SampleEvents.sampleFor(topic, 1));
        json.put("monthlySalary", new BigDecimal("4250.5"));
        assertThat(mapper.map(json, schema(topic)).ok()).isTrue();
        json.put("monthlySalary", "4250.50");
        assertThat(mapper.map(json, schema(topic)).ok()).isTrue();
        json.put("monthlySalary", new BigDecimal("4250.505"));
        assertThat(mapper.map(json, schema(topic)).violations()).extracting(Violation::code).containsExactly("DECIMAL_SCALE");
        json.put("monthlySalary", "mucho");
        assertThat(mapper.map(json, schema(topic)).violations()).extracting(Violation::code).containsExactly("INVALID_NUMBER");
    }

    @Test
    void anOversizedTextFieldIsTooLargeNotAnException() {
        ObjectNode json = birthJson();
        json.put("facilityName", "x".repeat(10 * 1024 * 1024));
        assertThat(mapper.map(json, schema(BIRTHS)).violations()).extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$", "TOO_LARGE"));
    }

    @Test
    void aNonObjectEventIsAWrongTypeAtTheRoot() {
        ArrayNode array = JsonText.mapper().createArrayNode().add(1);
        assertThat(mapper.map(array, schema(BIRTHS)).violations()).extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$", "WRONG_TYPE"));
        assertThat(mapper.map(parse("null"), schema(BIRTHS)).violations()).extracting(Violation::code).containsExactly("REQUIRED");
    }

    @Test
    void textModeReadsSpreadsheetForms() {
        ObjectNode json = birthJson();
        json.put("dateOfBirth", "20/11/2026");
        json.put("book", "125");
        json.put("sex", "female");
        json.put("facilityName", "");
        json.put("registeredAt", "21/11/2026 09:15");
        BirthRegistered birth = (BirthRegistered) JsonRecordMapper.lenientText().map(json, schema(BIRTHS)).record();
        assertThat(birth.getDateOfBirth()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(birth.getBook()).isEqualTo(125);
        assertThat(birth.getSex()).hasToString("FEMALE");
        assertThat(birth.getFacilityName()).isNull();
        assertThat(birth.getRegisteredAt()).hasToString("2026-11-21T15:15:00Z");
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        try {
            parse("[\n  {\"a\": 1,}\n]");
        } catch (JsonText.MalformedJsonException e) {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isPositive();
            return;
        }
        throw new AssertionError("expected a MalformedJsonException");
    }

    @Test
    void invalidUtf8IsMalformedJson() {
        byte[] body = "{\"a\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        try {
            JsonText.parse(new ByteArrayInputStream(body));
        } catch (JsonText.MalformedJsonException e) {
            assertThat(e.getMessage()).containsIgnoringCase("UTF-8");
            return;
        }
        throw new AssertionError("expected a MalformedJsonException");
    }

    @Test
    void aWrongValueForARequiredIntOfAGeneratedClassIsAViolationNotAnException() {
        String companies = "gt.rm.company-registered.v1";
        ObjectNode json = PlainJson.toJson(SampleEvents.sampleFor(companies, 1));
        json.put("book", "cuatro");
        JsonRecordMapper.Result result = mapper.map(json, schema(companies));
        assertThat(result.violations()).extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.book", "WRONG_TYPE"));
    }
}
