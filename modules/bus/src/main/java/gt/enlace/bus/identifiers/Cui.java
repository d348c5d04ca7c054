package gt.enlace.bus.identifiers;

import java.util.Objects;
import java.util.Optional;

/**
 * A CUI (Código Único de Identificación), the 13-digit number RENAP assigns at birth and prints on
 * the DPI, laid out {@code AAAAAAAA B CC DD}: an 8-digit serial, a check digit, the department of
 * birth ({@code 01}–{@code 22}) and the municipality of birth within that department.
 *
 * <p>The check digit is {@code sum(d[i] * (i + 2)) mod 11} over the eight serial digits (weights 2 to
 * 9, left to right). A remainder of 10 has no digit: some libraries map it to 0, but no official RENAP
 * text settles the case, so such serials are rejected with {@link IdentifierError#CUI_CHECK_REMAINDER_TEN}.
 *
 * <p>Parsing accepts spaces and hyphens between digits ({@code 1580 35224 0101},
 * {@code 1580-35224-0101}) and surrounding whitespace; the value is always held as 13 digits.
 * Instances are immutable and compare by value.
 */
public final class Cui {

    /** Number of digits in a CUI. */
    public static final int LENGTH = 13;

    private static final String KIND = "CUI";
    private static final int SERIAL_LENGTH = 8;

    private final String digits;

    private Cui(String digits) {
        this.digits = digits;
    }

    /**
     * Parses a CUI.
     *
     * @param value 13 digits, optionally grouped with spaces or hyphens
     * @return the CUI
     * @throws InvalidIdentifierException naming the rule that failed
     */
    public static Cui parse(String value) {
        ValidationResult result = validate(value);
        result.throwIfInvalid();
        return new Cui(result.normalized().orElseThrow());
    }

    /**
     * Validates a CUI without throwing.
     *
     * @param value the candidate, may be null
     * @return valid with the 13 digits, or invalid with the first rule that failed, checked in this
     *         order: blank, characters, length, check digit, department, municipality
     */
    public static ValidationResult validate(String value) {
        if (value == null || value.isBlank()) {
            return invalid(IdentifierError.NULL_OR_BLANK, KIND);
        }
        String trimmed = value.strip();
        StringBuilder digits = new StringBuilder(LENGTH);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                return invalid(IdentifierError.CUI_NOT_DIGITS, describe(c), i + 1);
            }
        }
        if (digits.length() != LENGTH) {
            return invalid(IdentifierError.CUI_LENGTH, digits.length());
        }
        String serial = digits.substring(0, SERIAL_LENGTH);
        int expected = checkRemainder(serial);
        if (expected == 10) {
            return invalid(IdentifierError.CUI_CHECK_REMAINDER_TEN, serial);
        }
        int check = digits.charAt(SERIAL_LENGTH) - '0';
        if (check != expected) {
            return invalid(IdentifierError.CUI_CHECK_DIGIT, check, serial, expected);
        }
        String departmentCode = digits.substring(9, 11);
        Optional<Department> department = Departments.byCode(departmentCode);
        if (department.isEmpty()) {
            return invalid(IdentifierError.CUI_DEPARTMENT, departmentCode);
        }
        String municipalityCode = digits.substring(11, 13);
        if (!department.get().isValidMunicipality(Integer.parseInt(municipalityCode))) {
            return invalid(IdentifierError.CUI_MUNICIPALITY, municipalityCode, departmentCode,
                    department.get().spanishName(), department.get().municipalityCount());
        }
        return ValidationResult.valid(digits.toString());
    }

    /**
     * Whether {@code value} is a valid CUI.
     *
     * @param value the candidate, may be null
     * @return true when {@link #validate(String)} finds no fault
     */
    public static boolean isValid(String value) {
        return validate(value).isValid();
    }

    /**
     * The mod-11 remainder that the check digit must equal, for an 8-digit serial; 10 means no digit
     * can satisfy it.
     *
     * @param serial exactly 8 ASCII digits
     * @return 0 to 10
     */
    public static int checkRemainder(String serial) {
        Objects.requireNonNull(serial, "'serial' cannot be null");
        if (serial.length() != SERIAL_LENGTH || !serial.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'serial' must be 8 digits");
        }
        int sum = 0;
        for (int i = 0; i < SERIAL_LENGTH; i++) {
            sum += (serial.charAt(i) - '0') * (i + 2);
        }
        return sum % 11;
    }

    /** The 13 digits, without separators. */
    public String value() {
        return digits;
    }

    /** The 13 digits grouped as printed on the DPI: {@code 1580 35224 0101}. */
    public String formatted() {
        return digits.substring(0, 4) + ' ' + digits.substring(4, 9) + ' ' + digits.substring(9);
    }

    /** The 8-digit serial, leading zeros kept. */
    public String serial() {
        return digits.substring(0, SERIAL_LENGTH);
    }

    /** The check digit, 0 to 9. */
    public int checkDigit() {
        return digits.charAt(SERIAL_LENGTH) - '0';
    }

    /** The department of birth. */
    public Department department() {
        return Departments.byCode(digits.substring(9, 11)).orElseThrow();
    }

    /** The municipality of birth within {@link #department()}, 1-based. */
    public int municipality() {
        return Integer.parseInt(digits.substring(11, 13));
    }

    /** Department and municipality as the last four digits, e.g. {@code 0101}. */
    public String municipalityCode() {
        return digits.substring(9);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Cui && digits.equals(((Cui) o).digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** The 13 digits, so that a CUI can be written back where a string is expected. */
    @Override
    public String toString() {
        return digits;
    }

    private static ValidationResult invalid(IdentifierError error, Object... args) {
        return ValidationResult.invalid(error, error.message(args));
    }

    static String describe(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate(c)
                ? String.format(java.util.Locale.ROOT, "U+%04X", (int) c)
                : "'" + c + "'";
    }
}
