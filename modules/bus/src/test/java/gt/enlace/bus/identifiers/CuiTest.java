package gt.enlace.bus.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CuiTest {

    @ParameterizedTest
    @ValueSource(strings = {"1580352240101", "1587564440904"})
    void acceptsTheReferenceExamples(String value) {
        ValidationResult result = Cui.validate(value);

        assertThat(result.isValid()).isTrue();
        assertThat(result.error()).isEmpty();
        assertThat(result.message()).isEmpty();
        assertThat(result.normalized()).contains(value);
        assertThat(Cui.parse(value).value()).isEqualTo(value);
    }

    @Test
    void splitsTheCuiIntoItsParts() {
        Cui cui = Cui.parse("1580352240101");

        assertThat(cui.serial()).isEqualTo("15803522");
        assertThat(cui.checkDigit()).isEqualTo(4);
        assertThat(cui.department()).isEqualTo(Department.GUATEMALA);
        assertThat(cui.municipality()).isEqualTo(1);
        assertThat(cui.municipalityCode()).isEqualTo("0101");
        assertThat(cui.formatted()).isEqualTo("1580 35224 0101");
        assertThat(cui).hasToString("1580352240101");

        Cui other = Cui.parse("1587564440904");
        assertThat(other.department()).isEqualTo(Department.QUETZALTENANGO);
        assertThat(other.municipality()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1580 35224 0101", "1580-35224-0101", "  1580352240101 ", "1580 3522 4 01 01"})
    void acceptsSpacesAndHyphensAsSeparatorsAndNormalisesToThirteenDigits(String value) {
        assertThat(Cui.parse(value).value()).isEqualTo("1580352240101");
        assertThat(Cui.validate(value).normalized()).contains("1580352240101");
    }

    @Test
    void comparesByValue() {
        assertThat(Cui.parse("1580 35224 0101")).isEqualTo(Cui.parse("1580352240101"))
                .hasSameHashCodeAs(Cui.parse("1580352240101"))
                .isNotEqualTo(Cui.parse("1587564440904"));
    }

    @Test
    void rejectsAWrongCheckDigitNamingTheSerialAndTheExpectedDigit() {
        assertRejected("1680352240101", IdentifierError.CUI_CHECK_DIGIT,
                "check digit is 4 but the serial 16803522 requires 7");
        assertRejected("1580352250101", IdentifierError.CUI_CHECK_DIGIT,
                "check digit is 5 but the serial 15803522 requires 4");
    }

    @Test
    void rejectsDepartment23() {
        assertRejected("1580352242301", IdentifierError.CUI_DEPARTMENT,
                "department 23 does not exist: expected 01 to 22");
    }

    @Test
    void rejectsTheSharedReferencesDepartment23ExampleForItsMunicipality() {
        // The shared reference lists 1580352240123 as "department 23", but by its own layout
        // (AAAAAAAA B CC DD) the digits say department 01, municipality 23: still invalid.
        assertRejected("1580352240123", IdentifierError.CUI_MUNICIPALITY,
                "municipality 23 does not exist in department 01 (Guatemala): expected 01 to 17");
    }

    @Test
    void rejectsDepartment00() {
        assertRejected(CuiFixtures.cui("15803522", 0, 1), IdentifierError.CUI_DEPARTMENT,
                "department 00 does not exist");
    }

    @Test
    void rejectsMunicipality99() {
        assertRejected("1580352241899", IdentifierError.CUI_MUNICIPALITY,
                "municipality 99 does not exist in department 18 (Izabal): expected 01 to 05");
    }

    @Test
    void rejectsMunicipality00() {
        assertRejected(CuiFixtures.cui("15803522", 1, 0), IdentifierError.CUI_MUNICIPALITY,
                "municipality 00 does not exist in department 01 (Guatemala)");
    }

    @Test
    void acceptsTheLastMunicipalityOfJutiapa() {
        assertThat(Cui.isValid(CuiFixtures.cui("15803522", 22, 17))).isTrue();
    }

    @Test
    void rejectsMunicipalityOneBeyondTheLastOfJutiapa() {
        assertRejected(CuiFixtures.cui("15803522", 22, 18), IdentifierError.CUI_MUNICIPALITY,
                "expected 01 to 17");
    }

    @Test
    void rejectsIzabalMunicipality06() {
        assertThat(Cui.isValid(CuiFixtures.cui("15803522", 18, 5))).isTrue();
        assertRejected(CuiFixtures.cui("15803522", 18, 6), IdentifierError.CUI_MUNICIPALITY,
                "municipality 06 does not exist in department 18 (Izabal)");
    }

    @Test
    void acceptsTheMunicipalitiesCreatedIn2015() {
        assertThat(Cui.isValid(CuiFixtures.cui("15803522", 5, 14))).as("Sipacate, Escuintla").isTrue();
        assertThat(Cui.isValid(CuiFixtures.cui("15803522", 13, 33))).as("Petatán, Huehuetenango").isTrue();
    }

    @Test
    void rejectsASerialWithRemainderTenSayingNoOfficialTextSettlesIt() {
        assertThat(CuiFixtures.remainder("50000000")).isEqualTo(10);

        for (int digit = 0; digit <= 9; digit++) {
            ValidationResult result = Cui.validate("50000000" + digit + "0101");
            assertThat(result.error()).contains(IdentifierError.CUI_CHECK_REMAINDER_TEN);
            assertThat(result.message().orElseThrow())
                    .contains("serial 50000000")
                    .contains("remainder 10")
                    .contains("no official RENAP text settles this case");
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void rejectsNullAndBlank(String value) {
        assertRejected(value, IdentifierError.NULL_OR_BLANK, "the CUI is missing");
    }

    @Test
    void rejectsLetters() {
        assertRejected("158035224010A", IdentifierError.CUI_NOT_DIGITS, "'A' was found at position 13");
    }

    @Test
    void rejectsNonAsciiDigits() {
        assertRejected("158035224010\u0661", IdentifierError.CUI_NOT_DIGITS, "position 13");
    }

    @Test
    void rejectsControlCharactersShowingTheirCodePoint() {
        assertRejected("1580352240\n101", IdentifierError.CUI_NOT_DIGITS, "U+000A was found at position 11");
    }

    @Test
    void rejectsTooLong() {
        assertRejected("15803522401010", IdentifierError.CUI_LENGTH, "a CUI has 13 digits")
                .contains("but 14 digits were given");
    }

    @Test
    void rejectsTooShort() {
        assertRejected("158035224010", IdentifierError.CUI_LENGTH, "but 12 digits were given");
    }

    @Test
    void parseThrowsWithTheCodeAndTheMessage() {
        assertThatThrownBy(() -> Cui.parse("1580352242301"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("department 23 does not exist: expected 01 to 22")
                .satisfies(e -> {
                    InvalidIdentifierException ex = (InvalidIdentifierException) e;
                    assertThat(ex.error()).isEqualTo(IdentifierError.CUI_DEPARTMENT);
                    assertThat(ex.code()).isEqualTo("CUI_DEPARTMENT");
                });
    }

    @Test
    void everyGeneratedValidCuiValidates() {
        Random random = new Random(20261126L);
        for (int i = 0; i < 20_000; i++) {
            String value = CuiFixtures.randomValid(random);
            ValidationResult result = Cui.validate(value);
            assertThat(result.isValid()).as("%s: %s", value, result).isTrue();

            Cui cui = Cui.parse(value);
            assertThat(cui.department().code()).isEqualTo(value.substring(9, 11));
            assertThat(cui.municipality()).isEqualTo(Integer.parseInt(value.substring(11)));
        }
    }

    @Test
    void everyOtherCheckDigitIsRejected() {
        Random random = new Random(42L);
        for (int i = 0; i < 2_000; i++) {
            String value = CuiFixtures.randomValid(random);
            int check = value.charAt(8) - '0';
            int wrong = (check + 1 + random.nextInt(9)) % 10;
            String corrupted = value.substring(0, 8) + wrong + value.substring(9);
            assertThat(Cui.validate(corrupted).error()).as(corrupted).contains(IdentifierError.CUI_CHECK_DIGIT);
        }
    }

    @Test
    void checkRemainderRejectsAnythingButEightDigits() {
        assertThat(Cui.checkRemainder("15803522")).isEqualTo(4);
        assertThatThrownBy(() -> Cui.checkRemainder("1580352")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cui.checkRemainder("1580352a")).isInstanceOf(IllegalArgumentException.class);
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertRejected(
            String value, IdentifierError error, String messageFragment) {
        ValidationResult result = Cui.validate(value);
        assertThat(result.isValid()).isFalse();
        assertThat(result.error()).contains(error);
        assertThat(result.normalized()).isEmpty();
        assertThatThrownBy(() -> Cui.parse(value))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage(result.message().orElseThrow());
        return assertThat(result.message().orElseThrow()).contains(messageFragment);
    }
}
