package gt.enlace.publisher.validation;

/**
 * The stable codes of {@link Violation}s found by the JSON and CSV mappers and the {@link RecordValidator}.
 * Identifier violations use the codes of {@link gt.enlace.bus.identifiers.IdentifierError} instead
 * ({@code CUI_CHECK_DIGIT}, {@code NIT_CHECK}, ...). Codes are public API: added, never renamed.
 */
public final class ViolationCodes {

    /** A required field (no default, not nullable) is missing or null. */
    public static final String REQUIRED = "REQUIRED";
    /** A value has the wrong JSON type for the field, e.g. a string where an int is expected. */
    public static final String WRONG_TYPE = "WRONG_TYPE";
    /** A field that the schema does not have. */
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    /** A string that is not one of the enum's symbols. */
    public static final String INVALID_ENUM = "INVALID_ENUM";
    /** A date that is not {@code yyyy-MM-dd} (or {@code dd/MM/yyyy} in a CSV cell). */
    public static final String INVALID_DATE = "INVALID_DATE";
    /** A time of day that is not {@code HH:mm[:ss[.SSS]]}. */
    public static final String INVALID_TIME = "INVALID_TIME";
    /** A timestamp that is not ISO-8601 with an offset, e.g. {@code 2026-11-20T14:35:00-06:00}. */
    public static final String INVALID_TIMESTAMP = "INVALID_TIMESTAMP";
    /** A number that is not a number, or does not fit the field's type. */
    public static final String INVALID_NUMBER = "INVALID_NUMBER";
    /** A decimal with more fraction digits than the schema's scale, or more digits than its precision. */
    public static final String DECIMAL_SCALE = "DECIMAL_SCALE";
    /** A union value that matches none of its branches. */
    public static final String UNION_NO_MATCH = "UNION_NO_MATCH";
    /** A CUI or NIT that is valid but not written the way the schema requires (e.g. with spaces). */
    public static final String IDENTIFIER_NOT_NORMALIZED = "IDENTIFIER_NOT_NORMALIZED";
    /** A department code that is not 01 to 22. */
    public static final String DEPARTMENT_CODE = "DEPARTMENT_CODE";
    /** A municipality code that does not exist in its department. */
    public static final String MUNICIPALITY_CODE = "MUNICIPALITY_CODE";
    /** An event or a value over the size limit. */
    public static final String TOO_LARGE = "TOO_LARGE";
    /** Text that is not valid in its encoding (U+FFFD replacement characters, unpaired surrogates). */
    public static final String INVALID_TEXT = "INVALID_TEXT";
    /** The record's schema is not the topic's. */
    public static final String SCHEMA_MISMATCH = "SCHEMA_MISMATCH";
    /** The value cannot be written with the field's Avro type. */
    public static final String NOT_SERIALIZABLE = "NOT_SERIALIZABLE";

    private ViolationCodes() {
    }
}
