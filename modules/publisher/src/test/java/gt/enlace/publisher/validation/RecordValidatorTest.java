package gt.enlace.publisher.validation;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private final RecordValidator validator = new RecordValidator();

    private static Schema schema(String topic) {
        return CATALOG.topic(topic).orElseThrow().schema();
    }

    private static BirthRegistered birth() {
        return BirthRegistered.newBuilder((BirthRegistered) SampleEvents.sampleFor(BIRTHS, 7)).build();
    }

    @Test
    void acceptsEverySample() {
        CATALOG.topics().forEach(t -> {
            for (int i = 0; i < 50; i++) {
                SpecificRecord sample = SampleEvents.sampleFor(t.name(), i);
                assertThat(validator.validate(sample, t.schema())).as(t.name() + " #" + i).isEmpty();
            }
        });
    }

    @Test
    void rejectsABadCuiCheckDigitWithTheIdentifierCode() {
        BirthRegistered birth = birth();
        birth.setChildCui("1680352240101");
        assertThat(validator.validate(birth, schema(BIRTHS))).extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.childCui", "CUI_CHECK_DIGIT"));
    }

    @Test
    void rejectsAValidCuiWrittenWithSpaces() {
        BirthRegistered birth = birth();
        birth.setMotherCui("1580 35224 0101");
        assertThat(validator.validate(birth, schema(BIRTHS))).extracting(Violation::code).containsExactly("IDENTIFIER_NOT_NORMALIZED");
    }

    @Test
    void checksNullableIdentifiersWhenPresent() {
        BirthRegistered birth = birth();
        birth.setFatherCui("1580352240123");
        assertThat(validator.validate(birth, schema(BIRTHS))).extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.fatherCui", "CUI_MUNICIPALITY"));
    }

    @Test
    void checksDepartmentAndMunicipalityPairs() {
        BirthRegistered birth = birth();
        birth.getPlaceOfBirth().setDepartmentCode("18");
        birth.getPlaceOfBirth().setMunicipalityCode("06");
        birth.getRegistrationOffice().getLocation().setDepartmentCode("23");
        assertThat(validator.validate(birth, schema(BIRTHS))).extracting(Violation::path, Violation::code).containsExactly(
            org.assertj.core.groups.Tuple.tuple("$.placeOfBirth.municipalityCode", "MUNICIPALITY_CODE"),
            org.assertj.core.groups.Tuple.tuple("$.registrationOffice.location.departmentCode", "DEPARTMENT_CODE"));
    }

    @Test
    void checksNits() {
        String topic = "gt.sat.taxpayer-registered.v1";
        org.apache.avro.generic.GenericRecord taxpayer = (org.apache.avro.generic.GenericRecord) SampleEvents.sampleFor(topic, 2);
        taxpayer.put("nit", "8977112-0");
        assertThat(validator.validate((org.apache.avro.generic.IndexedRecord) taxpayer, schema(topic)))
            .extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.nit", "NIT_CHECK"));
    }

    @Test
    void rejectsARecordOfAnotherTopic() {
        assertThat(validator.validate(SampleEvents.sampleFor("gt.sat.taxpayer-registered.v1", 0), schema(BIRTHS)))
            .extracting(Violation::code).containsExactly("SCHEMA_MISMATCH");
    }

    @Test
    void reportsMissingRequiredValuesSetToNull() {
        BirthRegistered birth = birth();
        birth.setRegistrationNumber(null);
        assertThat(validator.validate(birth, schema(BIRTHS))).extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("$.registrationNumber", "REQUIRED"));
    }
}
