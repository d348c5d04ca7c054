package gt.enlace.bus.headers;

/**
 * Why a header set was rejected. The {@link #code()} is stable public API: it is what a dead-letter
 * record says about the record it replaces, so a constant may be added or deprecated but its code is
 * never renamed.
 */
public enum HeaderError {

    /** A required header is absent. */
    MISSING("HEADER_MISSING"),
    /** A header appears more than once. */
    DUPLICATE("HEADER_DUPLICATE"),
    /** A header has a null, empty or blank value. */
    EMPTY("HEADER_EMPTY"),
    /** A header value is longer than {@link EventHeaders#MAX_VALUE_BYTES} bytes. */
    TOO_LONG("HEADER_TOO_LONG"),
    /** A header value is not valid UTF-8. */
    NOT_UTF8("HEADER_NOT_UTF8"),
    /** A header value contains a control character. */
    ILLEGAL_CHARACTER("HEADER_ILLEGAL_CHARACTER"),
    /** {@code ce_specversion} is not {@code 1.0}. */
    UNSUPPORTED_SPECVERSION("HEADER_UNSUPPORTED_SPECVERSION"),
    /** {@code ce_source} is not {@code /gt/<institution>/<system>}. */
    MALFORMED_SOURCE("HEADER_MALFORMED_SOURCE"),
    /** {@code ce_type} is not {@code gt.<institution>.<event>}. */
    MALFORMED_TYPE("HEADER_MALFORMED_TYPE"),
    /** {@code ce_time} is not an RFC 3339 timestamp. */
    MALFORMED_TIME("HEADER_MALFORMED_TIME"),
    /** {@code ce_dataschema} is not an absolute URI. */
    MALFORMED_DATASCHEMA("HEADER_MALFORMED_DATASCHEMA"),
    /** {@code content-type} is not {@code application/avro}. */
    UNSUPPORTED_CONTENT_TYPE("HEADER_UNSUPPORTED_CONTENT_TYPE"),
    /** {@code ce_classification} is not {@code publica}, {@code confidencial} or {@code reservada}. */
    UNKNOWN_CLASSIFICATION("HEADER_UNKNOWN_CLASSIFICATION"),
    /** {@code ce_channel} is not one of the {@link Channel} codes. */
    UNKNOWN_CHANNEL("HEADER_UNKNOWN_CHANNEL");

    private final String code;

    HeaderError(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code HEADER_MISSING}. */
    public String code() {
        return code;
    }
}
