package gt.enlace.survey.responses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import gt.enlace.survey.FieldError;
import gt.enlace.survey.SurveyError;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.Item;

/**
 * Checks a submission: the institution is one that answers the survey, the round id is well formed, every
 * answered item exists and has a value in range, and every required item is answered. All problems are
 * reported, not only the first. Error paths are the field names: {@code institution}, {@code round},
 * {@code respondent}, or the item id.
 */
public final class ResponseValidator {

    /** Longest respondent description. */
    public static final int MAX_RESPONDENT_LENGTH = 200;

    private final Instrument instrument;
    private final Set<String> institutions;

    /**
     * @param instrument   the questionnaire
     * @param institutions codes of the institutions that may respond, e.g. the catalog's minus the evaluators
     */
    public ResponseValidator(Instrument instrument, Set<String> institutions) {
        this.instrument = Objects.requireNonNull(instrument, "'instrument' cannot be null");
        this.institutions = Set.copyOf(institutions);
    }

    /**
     * The outcome of a validation.
     *
     * @param response the response when there is no error, else null
     * @param errors   every problem found, in field order
     */
    public record Validation(ValidatedResponse response, List<FieldError> errors) {

        /** Whether the submission is valid. */
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Validates one submission.
     *
     * @param institution the institution code (case-insensitive; surrounding blanks ignored)
     * @param round       the round id
     * @param rawAnswers  answers by item id as people write them (see {@link Item#read}); blank means unanswered
     * @param respondent  who answered, or null
     */
    public Validation validate(String institution, String round, Map<String, String> rawAnswers, String respondent) {
        List<FieldError> errors = new ArrayList<>();
        String code = institution == null ? "" : institution.strip().toLowerCase(java.util.Locale.ROOT);
        if (code.isEmpty()) {
            errors.add(new FieldError("institution", SurveyError.INVALID_FIELD, "the institution code is required"));
        } else if (!institutions.contains(code)) {
            errors.add(new FieldError("institution", SurveyError.UNKNOWN_INSTITUTION, "'" + abbreviate(code)
                    + "' is not an institution of the catalog that answers the survey (known: "
                    + String.join(", ", institutions.stream().sorted().toList()) + ")"));
        }
        RoundIds.invalidReason(round).ifPresent(reason ->
                errors.add(new FieldError("round", SurveyError.INVALID_ROUND, reason)));
        String who = respondent == null || respondent.isBlank() ? null : respondent.strip();
        if (who != null && (who.length() > MAX_RESPONDENT_LENGTH || who.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("respondent", SurveyError.INVALID_FIELD, "the respondent must be at most "
                    + MAX_RESPONDENT_LENGTH + " characters without control characters"));
        }
        Map<String, Item> items = instrument.itemsById();
        for (String id : rawAnswers.keySet()) {
            if (!items.containsKey(id)) {
                errors.add(new FieldError(id, SurveyError.UNKNOWN_ITEM, "'" + abbreviate(id)
                        + "' is not an item of instrument v" + instrument.version()));
            }
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (Item item : items.values()) {
            Item.Reading reading = item.read(rawAnswers.get(item.id()));
            if (!reading.valid()) {
                errors.add(new FieldError(item.id(), reading.error(), reading.message()));
            } else if (reading.canonical().isPresent()) {
                answers.put(item.id(), reading.canonical().get());
            } else if (item.required()) {
                errors.add(new FieldError(item.id(), SurveyError.MISSING_REQUIRED, "the item is required but unanswered"));
            }
        }
        if (!errors.isEmpty()) {
            return new Validation(null, List.copyOf(errors));
        }
        return new Validation(new ValidatedResponse(code, round, instrument.version(), answers, who), List.of());
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
