package gt.enlace.bus.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"gt.renap.birth-registered.v1", "gt.rm.company-registered.v12",
        "gt.sat.taxpayer-status-changed.v2", "gt.mspas.vaccination-applied.v1", "gt.igss2.x.v1"})
    void acceptsEventTopics(String topic) {
        assertThat(Topics.isValid(topic)).isTrue();
        assertThat(Topics.invalidReason(topic)).isEmpty();
        assertThat(Topics.requireValid(topic)).isEqualTo(topic);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gt.RENAP.birth-registered.v1   | the institution 'RENAP' must be an institution code",
        "gt.registro-mercantil.company-registered.v1 | the institution 'registro-mercantil' must be an institution code",
        "gt.1sat.x.v1                   | the institution '1sat' must be an institution code",
        "gt.renap.birth_registered.v1   | the event 'birth_registered' must be lower-case kebab",
        "gt.renap.birth--registered.v1  | the event 'birth--registered' must be lower-case kebab",
        "gt.renap.-birth.v1             | the event '-birth' must be lower-case kebab",
        "gt.renap.birth-.v1             | the event 'birth-' must be lower-case kebab",
        "gt.renap.1birth.v1             | the event '1birth' must be lower-case kebab",
        "gt..birth-registered.v1        | the institution '' must be an institution code",
        "mx.renap.birth-registered.v1   | it must start with 'gt.', not 'mx.'",
        "gt.renap.birth-registered      | it has 3 dot-separated parts; expected 4",
        "gt.renap.birth.registered.v1   | it has 5 dot-separated parts; expected 4",
        "gt.renap.birth-registered.v0   | the version 'v0' must be v<N>",
        "gt.renap.birth-registered.v01  | the version 'v01' must be v<N>",
        "gt.renap.birth-registered.V1   | the version 'V1' must be v<N>",
        "gt.renap.birth-registered.1    | the version '1' must be v<N>",
        "gt.renap.birth-registered.v1.dlt | it is a dead-letter topic",
        "_enlace.agreements             | it has 2 dot-separated parts"
    })
    void rejectsMalformedNamesWithAReason(String topic, String reason) {
        assertThat(Topics.isValid(topic)).isFalse();
        assertThat(Topics.invalidReason(topic)).hasValueSatisfying(r -> assertThat(r).contains(reason));
        assertThatThrownBy(() -> Topics.requireValid(topic))
                .isInstanceOfSatisfying(InvalidTopicException.class, e -> {
                    assertThat(e.topic()).isEqualTo(topic);
                    assertThat(e.getMessage()).startsWith("'" + topic + "' is not a valid topic name: ")
                            .contains(reason);
                });
    }

    @Test
    void rejectsNullAndEmpty() {
        assertThat(Topics.invalidReason(null)).hasValueSatisfying(r -> assertThat(r).startsWith("it is null"));
        assertThat(Topics.invalidReason("")).hasValueSatisfying(r -> assertThat(r).startsWith("it is empty"));
        assertThatThrownBy(() -> Topics.requireValid(null)).hasMessageStartingWith("null is not a valid topic name");
    }

    @Test
    void rejectsNamesWhoseDeadLetterTopicWouldExceedKafkasLimit() {
        String longest = "gt.renap." + "a".repeat(Topics.MAX_EVENT_TOPIC_LENGTH - "gt.renap..v1".length()) + ".v1";
        assertThat(longest).hasSize(245);
        assertThat(Topics.isValid(longest)).isTrue();
        assertThat(Topics.deadLetterTopic(longest)).hasSize(Topics.KAFKA_MAX_LENGTH);

        String tooLong = "gt.renap.a" + longest.substring("gt.renap.".length());
        assertThat(Topics.invalidReason(tooLong)).hasValueSatisfying(r -> assertThat(r).contains("246 characters"));
    }

    @Test
    void derivesTheDeadLetterTopic() {
        assertThat(Topics.deadLetterTopic("gt.renap.birth-registered.v1")).isEqualTo("gt.renap.birth-registered.v1.dlt");
        assertThat(Topics.isDeadLetterTopic("gt.renap.birth-registered.v1.dlt")).isTrue();
        assertThat(Topics.isDeadLetterTopic("gt.renap.birth-registered.v1")).isFalse();
        assertThat(Topics.isDeadLetterTopic("gt.renap.birth-registered.v1.dlt.dlt")).isFalse();
        assertThat(Topics.isDeadLetterTopic(null)).isFalse();
    }

    @Test
    void aDeadLetterTopicHasNoDeadLetterTopic() {
        assertThatThrownBy(() -> Topics.deadLetterTopic("gt.renap.birth-registered.v1.dlt"))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("it is a dead-letter topic");
    }

    @Test
    void derivesTheEventTypeInstitutionAndVersion() {
        assertThat(Topics.eventType("gt.renap.birth-registered.v1")).isEqualTo("gt.renap.birth-registered");
        assertThat(Topics.eventType("gt.rm.company-registered.v10")).isEqualTo("gt.rm.company-registered");
        assertThat(Topics.institutionOf("gt.rm.company-registered.v1")).isEqualTo("rm");
        assertThat(Topics.majorVersion("gt.sat.taxpayer-registered.v3")).isEqualTo(3);
        assertThat(Topics.topicOf("gt.sat.taxpayer-registered", 2)).isEqualTo("gt.sat.taxpayer-registered.v2");
    }

    @Test
    void helpersRejectInvalidTopics() {
        assertThatThrownBy(() -> Topics.eventType("gt.renap.birth-registered")).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> Topics.institutionOf("GT.renap.x.v1")).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> Topics.topicOf("gt.sat.taxpayer-registered", 0)).isInstanceOf(InvalidTopicException.class);
    }

    @Test
    void validatesEventTypes() {
        assertThat(Topics.invalidTypeReason("gt.renap.birth-registered")).isEmpty();
        assertThat(Topics.invalidTypeReason("gt.renap.birth-registered.v1"))
                .hasValueSatisfying(r -> assertThat(r).contains("the type has no version suffix"));
        assertThat(Topics.invalidTypeReason("com.example.x")).isPresent();
    }

    @Test
    void namesInternalTopics() {
        assertThat(Topics.internalTopic("agreements")).isEqualTo("_enlace.agreements");
        assertThat(Topics.isInternal("_enlace.agreements")).isTrue();
        assertThat(Topics.isInternal(Topics.SCHEMAS_TOPIC)).isTrue();
        assertThat(Topics.isInternal("gt.renap.birth-registered.v1")).isFalse();
        assertThat(Topics.isInternal(null)).isFalse();
        assertThatThrownBy(() -> Topics.internalTopic("Agreements")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.internalTopic("")).isInstanceOf(IllegalArgumentException.class);
    }
}
