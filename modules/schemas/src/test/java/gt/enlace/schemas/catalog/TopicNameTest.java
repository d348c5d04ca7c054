package gt.enlace.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicNameTest {

    @Test
    void parsesTheSegmentsOfAValidName() {
        TopicName name = TopicName.parse("gt.renap.birth-registered.v1");

        assertThat(name.institution()).isEqualTo("renap");
        assertThat(name.event()).isEqualTo("birth-registered");
        assertThat(name.version()).isEqualTo(1);
        assertThat(name.subject()).isEqualTo("gt.renap.birth-registered.v1-value");
        assertThat(name.deadLetterTopic()).isEqualTo("gt.renap.birth-registered.v1.dlt");
        assertThat(name.eventType()).isEqualTo("gt.renap.birth-registered");
        assertThat(name).hasToString("gt.renap.birth-registered.v1");
    }

    @Test
    void buildsANameFromItsParts() {
        assertThat(TopicName.of("sat", "taxpayer-status-changed", 12).value()).isEqualTo("gt.sat.taxpayer-status-changed.v12");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gt.renap.birth-registered|must have 4 dot-separated segments gt.<institution>.<event>.v<N>, found 3",
            "gt.renap.birth.registered.v1|must have 4 dot-separated segments gt.<institution>.<event>.v<N>, found 5",
            "gu.renap.birth-registered.v1|must start with 'gt.', found 'gu'",
            "gt.Renap.birth-registered.v1|institution segment 'Renap' must be a lower-case letter",
            "gt.1renap.birth-registered.v1|institution segment '1renap' must be",
            "gt.renap.birth_registered.v1|event segment 'birth_registered' must be lower-case kebab case",
            "gt.renap.birth--registered.v1|event segment 'birth--registered' must be lower-case kebab case",
            "gt.renap.birth-registered-.v1|event segment 'birth-registered-' must be lower-case kebab case",
            "gt.renap.BirthRegistered.v1|event segment 'BirthRegistered' must be lower-case kebab case",
            "gt.renap.birth-registered.v0|version segment 'v0' must be 'v' followed by a major version of 1 or more",
            "gt.renap.birth-registered.v01|version segment 'v01' must be",
            "gt.renap.birth-registered.1|version segment '1' must be",
            "gt.renap.birth-registered.V1|version segment 'V1' must be",
    })
    void reportsTheRuleAnInvalidNameBreaks(String name, String reason) {
        assertThat(TopicName.problem(name)).hasValueSatisfying(problem -> assertThat(problem).startsWith(reason));
        assertThat(TopicName.isValid(name)).isFalse();
        assertThatThrownBy(() -> TopicName.parse(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid topic name '" + name + "': " + reason);
    }

    @Test
    void rejectsANameTooLongForKafkaWithItsDeadLetterSuffix() {
        String name = "gt.renap." + "a".repeat(240) + ".v1";

        assertThat(TopicName.problem(name)).hasValueSatisfying(problem ->
                assertThat(problem).contains("it must fit Kafka's limit of 249"));
    }

    @Test
    void rejectsAnEmptyName() {
        assertThat(TopicName.problem("")).hasValue("must not be empty");
        assertThat(TopicName.problem(null)).hasValue("must not be empty");
    }
}
