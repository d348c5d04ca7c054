package gt.enlace.bus.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NitTest {

    @ParameterizedTest
    @CsvSource({
        "576937-K, 576937-K",
        "7108-0, 7108-0",
        "3952550-3, 3952550-3",
        "576937K, 576937-K",
        "576937-k, 576937-K",
        "0576937-K, 576937-K",
        "0000007108-0, 7108-0",
        "71080, 7108-0",
        "'  3952550-3 ', 3952550-3"
    })
    void acceptsTheReferenceExamplesInAnyWritingAndCanonicalisesThem(String value, String canonical) {
        ValidationResult result = Nit.validate(value);

        assertThat(result.isValid()).as("%s", result).isTrue();
        assertThat(result.normalized()).contains(canonical);
        assertThat(Nit.parse(value).canonical()).isEqualTo(canonical);
        assertThat(Nit.parse(value)).hasToString(canonical);
    }

    @Test
    void splitsTheNitIntoBodyAndCheckCharacter() {
        Nit nit = Nit.parse("0576937-k");

        assertThat(nit.body()).isEqualTo("576937");
        assertThat(nit.checkCharacter()).isEqualTo('K');
    }

    @Test
    void leadingZerosDoNotMakeADifferentNit() {
        assertThat(Nit.parse("00576937K")).isEqualTo(Nit.parse("576937-K"))
                .hasSameHashCodeAs(Nit.parse("576937-K"))
                .isNotEqualTo(Nit.parse("7108-0"));
    }

    @Test
    void computesTheCheckCharacter() {
        assertThat(Nit.checkCharacter("576937")).isEqualTo('K');
        assertThat(Nit.checkCharacter("7108")).isEqualTo('0');
        assertThat(Nit.checkCharacter("3952550")).isEqualTo('3');
        assertThat(Nit.checkCharacter("8977112")).isEqualTo('5');
        assertThatThrownBy(() -> Nit.checkCharacter("12a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAWrongCheckCharacterNamingTheExpectedOne() {
        assertRejected("8977112-0", IdentifierError.NIT_CHECK, "check character is 0 but the number 8977112 requires 5");
        assertRejected("576937-0", IdentifierError.NIT_CHECK, "check character is 0 but the number 576937 requires K");
        assertRejected("7108-K", IdentifierError.NIT_CHECK, "check character is K but the number 7108 requires 0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsNullAndBlank(String value) {
        assertRejected(value, IdentifierError.NULL_OR_BLANK, "the NIT is missing");
    }

    @Test
    void rejectsOneCharacter() {
        assertRejected("5", IdentifierError.NIT_LENGTH, "a NIT has 2 to 12 characters").contains("but 1 were given");
    }

    @Test
    void rejectsThirteenCharacters() {
        assertRejected("123456789012-3", IdentifierError.NIT_LENGTH, "but 13 were given");
    }

    @Test
    void acceptsTwelveCharactersWithTheHyphenNotCounted() {
        String body = "12345678901";
        assertThat(Nit.isValid(body + "-" + Nit.checkCharacter(body))).isTrue();
        assertThat(Nit.isValid("1-" + Nit.checkCharacter("1"))).isTrue();
    }

    @Test
    void rejectsLettersInTheBody() {
        assertRejected("57A937-K", IdentifierError.NIT_FORMAT, "'A' was found at position 3 where a digit was expected");
    }

    @Test
    void rejectsACheckCharacterOtherThanDigitOrK() {
        assertRejected("576937-X", IdentifierError.NIT_FORMAT, "the check character is 'X'");
    }

    @Test
    void rejectsAHyphenAnywhereButBeforeTheCheckCharacter() {
        assertRejected("5769-37K", IdentifierError.NIT_FORMAT, "a hyphen was found at position 5");
        assertRejected("57-69-37K", IdentifierError.NIT_FORMAT, "more than one hyphen");
    }

    @Test
    void rejectsConsumidorFinal() {
        assertRejected("CF", IdentifierError.NIT_FORMAT, "'C' was found at position 1");
    }

    @Test
    void rejectsANumberThatIsZero() {
        assertRejected("000-0", IdentifierError.NIT_FORMAT, "its number is zero");
    }

    @Test
    void parseThrowsWithTheCode() {
        assertThatThrownBy(() -> Nit.parse("8977112-0"))
                .isInstanceOfSatisfying(InvalidIdentifierException.class,
                        e -> assertThat(e.error()).isEqualTo(IdentifierError.NIT_CHECK));
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertRejected(
            String value, IdentifierError error, String messageFragment) {
        ValidationResult result = Nit.validate(value);
        assertThat(result.isValid()).isFalse();
        assertThat(result.error()).contains(error);
        assertThatThrownBy(() -> Nit.parse(value))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage(result.message().orElseThrow());
        return assertThat(result.message().orElseThrow()).contains(messageFragment);
    }
}
