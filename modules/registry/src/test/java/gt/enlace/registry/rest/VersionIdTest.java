package gt.enlace.registry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.registry.service.RegistryError;
import gt.enlace.registry.service.RegistryException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VersionIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "LATEST", " Latest ", "-1"})
    void latestInAnyCaseAndMinusOneMeanLatest(String value) {
        assertThat(VersionId.parse(value)).isEqualTo(-1);
    }

    @Test
    void positiveNumbersAreVersions() {
        assertThat(VersionId.parse("1")).isEqualTo(1);
        assertThat(VersionId.parse("2147483647")).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "abc", "1.5", "2147483648", ""})
    void anythingElseIs42202QuotingTheValue(String value) {
        assertThatThrownBy(() -> VersionId.parse(value))
            .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.error()).isEqualTo(RegistryError.INVALID_VERSION))
            .hasMessage("The specified version '" + value + "' is not a valid version id. Allowed values are between "
                + "[1, 2^31-1] and the string \"latest\"");
    }
}
