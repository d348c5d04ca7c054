package gt.enlace.schemas.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import gt.enlace.schemas.IdentifierRules;
import gt.enlace.schemas.RoundTrip;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.renap.BirthRegistered;

class SampleEventsTest {

    private static final int SAMPLES_PER_TOPIC = 40;

    @Test
    void theIdentifierRulesOfTheTestsAgreeWithTheReferenceExamples() {
        IdentifierRules.REFERENCE_CUIS.forEach((cui, valid) ->
                assertThat(IdentifierRules.cuiProblem(cui).isEmpty()).as(cui).isEqualTo(valid));
        IdentifierRules.REFERENCE_NITS.forEach((nit, valid) ->
                assertThat(IdentifierRules.nitProblem(nit).isEmpty()).as(nit).isEqualTo(valid));
    }

    @Test
    void everyCatalogTopicHasASampleOfItsRecordType() {
        TopicCatalog catalog = TopicCatalog.loadDefault();

        assertThat(SampleEvents.topics()).containsExactlyInAnyOrderElementsOf(
                catalog.topics().stream().map(TopicDefinition::name).toList());
        for (TopicDefinition topic : catalog.topics()) {
            SpecificRecord sample = SampleEvents.sampleFor(topic.name());
            assertThat(sample.getSchema().getFullName()).as(topic.name()).isEqualTo(topic.recordName());
        }
    }

    @Test
    void everySampleRoundTripsThroughAvroBinary() {
        for (String topic : SampleEvents.topics()) {
            for (int i = 0; i < SAMPLES_PER_TOPIC; i++) {
                SpecificRecord sample = SampleEvents.sampleFor(topic, i);
                assertThat(RoundTrip.throughBinary(sample)).as(topic + " #" + i).isEqualTo(sample);
            }
        }
    }

    @Test
    void samplesAreDeterministicAndDistinctPerIndex() {
        for (String topic : SampleEvents.topics()) {
            Set<SpecificRecord> distinct = new HashSet<>();
            for (int i = 0; i < SAMPLES_PER_TOPIC; i++) {
                assertThat(SampleEvents.sampleFor(topic, i)).isEqualTo(SampleEvents.sampleFor(topic, i));
                distinct.add(SampleEvents.sampleFor(topic, i));
            }
            assertThat(distinct).as(topic).hasSize(SAMPLES_PER_TOPIC);
        }
    }

    @Test
    void everyCuiAndNitInTheSamplesIsValid() {
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (String topic : SampleEvents.topics()) {
            for (int i = 0; i < SAMPLES_PER_TOPIC; i++) {
                checked += checkIdentifiers(topic + " #" + i, (GenericRecord) SampleEvents.sampleFor(topic, i), invalid);
            }
        }
        assertThat(invalid).isEmpty();
        assertThat(checked).isGreaterThan(SampleEvents.topics().size() * SAMPLES_PER_TOPIC);
    }

    /** Checks every field the schema marks with gt.enlace.identifier; returns how many values it checked. */
    private static int checkIdentifiers(String where, GenericRecord record, List<String> invalid) {
        int checked = 0;
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            Object kind = field.getObjectProp("gt.enlace.identifier");
            if (value instanceof GenericRecord nested) {
                checked += checkIdentifiers(where, nested, invalid);
            } else if (value != null && kind != null) {
                String id = value.toString();
                var problem = "cui".equals(kind) ? IdentifierRules.cuiProblem(id) : IdentifierRules.nitProblem(id);
                problem.ifPresent(p -> invalid.add(where + " " + field.name() + "=" + id + ": " + p));
                checked++;
            }
        }
        return checked;
    }

    @Test
    void aChildsCuiCarriesItsPlaceOfBirth() {
        for (int i = 0; i < SAMPLES_PER_TOPIC; i++) {
            BirthRegistered birth = (BirthRegistered) SampleEvents.sampleFor("gt.renap.birth-registered.v1", i);
            assertThat(birth.getChildCui().substring(9)).isEqualTo(
                    birth.getPlaceOfBirth().getDepartmentCode() + birth.getPlaceOfBirth().getMunicipalityCode());
            assertThat(birth.getRegisteredAt()).isAfter(birth.getDateOfBirth().atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
            assertThat(birth.getFatherCui() == null).isEqualTo(birth.getFatherName() == null);
        }
    }

    @Test
    void placesInTheSamplesAreRealMunicipalities() {
        for (String topic : SampleEvents.topics()) {
            for (int i = 0; i < SAMPLES_PER_TOPIC; i++) {
                checkPlaces(topic, (GenericRecord) SampleEvents.sampleFor(topic, i));
            }
        }
    }

    private static void checkPlaces(String topic, GenericRecord record) {
        if (record.getSchema().getFullName().equals("gt.enlace.common.GeoLocation")) {
            int count = IdentifierRules.municipalities(record.get("departmentCode").toString());
            assertThat(count).as(topic).isPositive();
            assertThat(Integer.parseInt(record.get("municipalityCode").toString())).as(topic).isBetween(1, count);
            return;
        }
        for (Schema.Field field : record.getSchema().getFields()) {
            if (record.get(field.pos()) instanceof GenericRecord nested) {
                checkPlaces(topic, nested);
            }
        }
    }

    @Test
    void anUnknownTopicOrNegativeIndexIsRejected() {
        assertThatThrownBy(() -> SampleEvents.sampleFor("gt.renap.marriage-registered.v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no sample for topic 'gt.renap.marriage-registered.v1'; topics with samples: gt.igss.");
        assertThatThrownBy(() -> SampleEvents.sampleFor("gt.renap.birth-registered.v1", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'index' must be from 0 to 1000000, got -1");
        assertThatThrownBy(() -> SampleEvents.sampleFor("gt.renap.birth-registered.v1", SampleEvents.MAX_INDEX + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLargestIndexStillGivesValidSamples() {
        for (String topic : SampleEvents.topics()) {
            SpecificRecord sample = SampleEvents.sampleFor(topic, SampleEvents.MAX_INDEX);
            assertThat(RoundTrip.throughBinary(sample)).as(topic).isEqualTo(sample);
            List<String> invalid = new ArrayList<>();
            checkIdentifiers(topic, (GenericRecord) sample, invalid);
            assertThat(invalid).isEmpty();
            checkPlaces(topic, (GenericRecord) sample);
        }
    }

    @Test
    void theIdentifierGeneratorsProduceTheReferenceCheckCharacters() {
        assertThat(Identifiers.cuiCheckDigit("15803522")).isEqualTo(4);
        assertThat(Identifiers.nitCheckCharacter("576937")).isEqualTo('K');
        assertThat(Identifiers.nitCheckCharacter("7108")).isEqualTo('0');
        assertThat(Identifiers.nitCheckCharacter("3952550")).isEqualTo('3');
        assertThat(Identifiers.nitCheckCharacter("8977112")).isEqualTo('5');
        for (Map.Entry<String, String> place : Map.of("01", "17", "13", "33", "18", "05").entrySet()) {
            for (long seed = 0; seed < 200; seed++) {
                String cui = Identifiers.cui(seed, place.getKey(), place.getValue());
                assertThat(IdentifierRules.cuiProblem(cui)).as(cui).isEmpty();
            }
        }
    }
}
