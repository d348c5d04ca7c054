package gt.enlace.bus.identifiers;

import java.util.Locale;
import java.util.Objects;

/**
 * Why an identifier was rejected. The {@link #code()} is stable public API: it travels in
 * dead-letter headers and in the gateway's and CSV bridge's error bodies, so a constant may be added
 * or deprecated but its code is never renamed.
 *
 * <p>Each constant holds a message template; {@link #message(Object...)} fills it with the details
 * of one failure, e.g. {@code check digit is 5 but the serial 15803522 requires 4}.
 */
public enum IdentifierError {

    /** The value is null, empty or only whitespace. Argument: the identifier kind. */
    NULL_OR_BLANK("NULL_OR_BLANK", "the %s is missing: the value is null or blank"),

    /** A CUI contains something other than digits, spaces and hyphens. */
    CUI_NOT_DIGITS("CUI_NOT_DIGITS",
            "a CUI contains only digits, optionally grouped with spaces or hyphens, but %s was found at position %d"),

    /** A CUI does not have 13 digits. */
    CUI_LENGTH("CUI_LENGTH", "a CUI has 13 digits (AAAAAAAA B CC DD: serial, check digit, department, "
            + "municipality) but %d digits were given"),

    /** The ninth digit of a CUI does not match the check digit computed from its serial. */
    CUI_CHECK_DIGIT("CUI_CHECK_DIGIT", "check digit is %d but the serial %s requires %d"),

    /** The serial of a CUI gives remainder 10 under the mod-11 rule, which has no check digit. */
    CUI_CHECK_REMAINDER_TEN("CUI_CHECK_REMAINDER_TEN", "the serial %s gives remainder 10 under the mod-11 "
            + "check, which no single digit can represent; no official RENAP text settles this case "
            + "(some libraries map it to 0), so it is rejected"),

    /** The department code of a CUI is not 01 to 22. */
    CUI_DEPARTMENT("CUI_DEPARTMENT", "department %s does not exist: expected 01 to 22"),

    /** The municipality code of a CUI is not valid for its department. */
    CUI_MUNICIPALITY("CUI_MUNICIPALITY", "municipality %s does not exist in department %s (%s): expected 01 to %02d"),

    /** A NIT has fewer than 2 or more than 12 characters, not counting the hyphen. */
    NIT_LENGTH("NIT_LENGTH", "a NIT has 2 to 12 characters (digits and the check character, the hyphen not "
            + "counted) but %d were given"),

    /** A NIT is not digits followed by a check character, with at most one hyphen before it. */
    NIT_FORMAT("NIT_FORMAT", "a NIT is digits followed by a check character 0-9 or K, optionally with a hyphen "
            + "before the check character, but %s"),

    /** The check character of a NIT does not match the one computed from its digits. */
    NIT_CHECK("NIT_CHECK", "check character is %s but the number %s requires %s");

    private final String code;
    private final String template;

    IdentifierError(String code, String template) {
        this.code = code;
        this.template = template;
    }

    /** The stable code, e.g. {@code CUI_CHECK_DIGIT}. */
    public String code() {
        return code;
    }

    /** The message template, with {@link java.util.Formatter} placeholders for the details. */
    public String template() {
        return template;
    }

    /**
     * The message for one failure: the template filled with {@code args}.
     *
     * @param args the details the template expects, in order
     * @return the English message
     */
    public String message(Object... args) {
        Objects.requireNonNull(args, "'args' cannot be null");
        return String.format(Locale.ROOT, template, args);
    }
}
