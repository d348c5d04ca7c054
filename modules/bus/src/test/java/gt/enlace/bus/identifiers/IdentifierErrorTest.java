package gt.enlace.bus.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IdentifierErrorTest {

    @Test
    void codesAreStableAndUnique() {
        assertThat(Arrays.stream(IdentifierError.values()).map(IdentifierError::code)).containsExactly(
                "NULL_OR_BLANK", "CUI_NOT_DIGITS", "CUI_LENGTH", "CUI_CHECK_DIGIT", "CUI_CHECK_REMAINDER_TEN",
                "CUI_DEPARTMENT", "CUI_MUNICIPALITY", "NIT_LENGTH", "NIT_FORMAT", "NIT_CHECK");
    }

    @Test
    void fillsTheTemplate() {
        assertThat(IdentifierError.CUI_CHECK_DIGIT.message(5, "15803522", 4))
                .isEqualTo("check digit is 5 but the serial 15803522 requires 4");
    }
}
