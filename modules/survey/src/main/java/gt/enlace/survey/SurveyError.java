package gt.enlace.survey;

/**
 * Stable error codes of the survey module, used in rejected CSV rows, in the {@code errors} of HTTP
 * responses and in exceptions. The {@link #code()} is public API: never renamed.
 */
public enum SurveyError {

    /** The institution code is not in the topic catalog. */
    UNKNOWN_INSTITUTION("unknown-institution"),
    /** The item id is not in the instrument. */
    UNKNOWN_ITEM("unknown-item"),
    /** A Likert value outside 0–4, or an option code the item does not have. */
    OUT_OF_RANGE("out-of-range"),
    /** A required item was left unanswered. */
    MISSING_REQUIRED("missing-required"),
    /** A value of the wrong form: not a whole number, not yes/no, several codes for a single choice, ... */
    INVALID_VALUE("invalid-value"),
    /** A required field other than an answer is missing or malformed. */
    INVALID_FIELD("invalid-field"),
    /** The assessment round id is not lower-case kebab of at most 64 characters. */
    INVALID_ROUND("invalid-round"),
    /** The same institution appears twice in one CSV file. */
    DUPLICATE_INSTITUTION("duplicate-institution"),
    /** A request or row had one or more errors; the list says which. */
    VALIDATION_FAILED("validation-failed"),
    /** The request body is not JSON of the expected shape. */
    MALFORMED_REQUEST("malformed-request"),
    /** On a secure platform, the logged-in principal may not act for that institution. */
    FORBIDDEN("forbidden"),
    /** No such institution, round or resource. */
    NOT_FOUND("not-found"),
    /** The observed metrics are not queryable yet (the topology is starting or restoring its state). */
    METRICS_UNAVAILABLE("metrics-unavailable"),
    /** Kafka did not acknowledge an event. */
    PUBLISH_FAILED("publish-failed");

    private final String code;

    SurveyError(String code) {
        this.code = code;
    }

    /** The code as it appears in messages and JSON, e.g. {@code out-of-range}. */
    public String code() {
        return code;
    }
}
