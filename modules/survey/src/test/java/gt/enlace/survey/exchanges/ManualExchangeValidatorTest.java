package gt.enlace.survey.exchanges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import gt.enlace.survey.ExchangeDirection;
import gt.enlace.survey.ExchangeMedium;
import gt.enlace.survey.FieldError;
import gt.enlace.survey.SurveyError;
import org.junit.jupiter.api.Test;

class ManualExchangeValidatorTest {

    // 2026-11-26 03:00 UTC is still 2026-11-25 in Guatemala (UTC-6).
    private final ManualExchangeValidator validator = new ManualExchangeValidator(Set.of("renap", "mineduc"),
            Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC));

    @Test
    void aDeclarationAsPeopleWriteItIsAccepted() {
        ManualExchangeValidator.Validation v = validator.validate("RENAP", "mineduc", null, "40", "E-mail", "2026-11-25",
                " Certificados de nacimiento ");
        assertThat(v.errors()).isEmpty();
        assertThat(v.exchange()).isEqualTo(new ManualExchange("renap", "mineduc", ExchangeDirection.SENT, 40,
                ExchangeMedium.EMAIL, LocalDate.of(2026, 11, 25), "Certificados de nacimiento"));
    }

    @Test
    void everyBadFieldIsReported() {
        ManualExchangeValidator.Validation v = validator.validate("renap", "renap", "lent", 0, "fax", "2026-11-26",
                "x".repeat(501));
        assertThat(v.errors()).extracting(FieldError::path, FieldError::error).containsExactly(
                tuple("counterpart", SurveyError.INVALID_FIELD),
                tuple("direction", SurveyError.OUT_OF_RANGE),
                tuple("records", SurveyError.OUT_OF_RANGE),
                tuple("medium", SurveyError.OUT_OF_RANGE),
                tuple("date", SurveyError.OUT_OF_RANGE),
                tuple("description", SurveyError.INVALID_FIELD));
        assertThat(validator.validate("sat", null, "received", "4.5", null, "25/11/2026", null).errors())
                .extracting(FieldError::path, FieldError::error).containsExactly(
                        tuple("institution", SurveyError.UNKNOWN_INSTITUTION),
                        tuple("counterpart", SurveyError.INVALID_FIELD),
                        tuple("records", SurveyError.INVALID_VALUE),
                        tuple("medium", SurveyError.INVALID_FIELD),
                        tuple("date", SurveyError.INVALID_VALUE));
    }
}
