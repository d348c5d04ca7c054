package gt.enlace.survey.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import gt.enlace.survey.FieldError;
import gt.enlace.survey.SurveyError;
import gt.enlace.survey.instrument.InstrumentLoader;
import org.junit.jupiter.api.Test;

class ResponseValidatorTest {

    private final ResponseValidator validator = new ResponseValidator(InstrumentLoader.loadDefault(), Set.of("renap"));

    @Test
    void reportsEveryProblemOfASubmissionAtOnce() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("std.colour", "blue");
        answers.put("std.guidelines", "9");
        ResponseValidator.Validation v = validator.validate("RENAP ", "2025 Baseline", answers, "x".repeat(201));
        assertThat(v.valid()).isFalse();
        assertThat(v.errors()).extracting(FieldError::path, FieldError::error).startsWith(
                tuple("round", SurveyError.INVALID_ROUND),
                tuple("respondent", SurveyError.INVALID_FIELD),
                tuple("std.colour", SurveyError.UNKNOWN_ITEM),
                tuple("std.guidelines", SurveyError.OUT_OF_RANGE),
                tuple("std.data-catalog", SurveyError.MISSING_REQUIRED));
        assertThat(v.errors()).filteredOn(e -> e.error() == SurveyError.MISSING_REQUIRED).hasSize(13);
    }

    @Test
    void roundIdsAreLowerCaseKebab() {
        assertThat(RoundIds.invalidReason("2025-baseline")).isEmpty();
        assertThat(RoundIds.invalidReason("2026-follow-up-1")).isEmpty();
        assertThat(RoundIds.invalidReason("2025--x")).isPresent();
        assertThat(RoundIds.invalidReason("-x")).isPresent();
        assertThat(RoundIds.invalidReason("a".repeat(65))).contains("the round has 65 characters; at most 64 are allowed");
        assertThat(RoundIds.invalidReason(" ")).contains("the round is required, e.g. 2025-baseline");
    }
}
