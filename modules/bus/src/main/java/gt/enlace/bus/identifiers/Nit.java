package gt.enlace.bus.identifiers;

/**
 * A NIT (Número de Identificación Tributaria), the taxpayer number SAT assigns: digits followed by a
 * check character, often written with a hyphen before it ({@code 576937-K}).
 *
 * <p>Rules: 2 to 12 characters not counting the hyphen; the last is the check character, {@code 0}–{@code 9}
 * or {@code K} (either case). The body digits are weighted 2, 3, 4, … from the rightmost, and the
 * check is {@code (-sum) mod 11}, written {@code K} when it is 10. Leading zeros are insignificant:
 * {@code 0576937-K} and {@code 576937k} are the same NIT, whose {@link #canonical()} form is
 * {@code 576937-K}. A body that is all zeros is not a NIT.
 *
 * <p>Instances are immutable and compare by canonical form.
 */
public final class Nit {

    /** Fewest characters of a NIT, hyphen not counted. */
    public static final int MIN_LENGTH = 2;

    /** Most characters of a NIT, hyphen not counted. */
    public static final int MAX_LENGTH = 12;

    private static final String KIND = "NIT";

    private final String body;
    private final char check;

    private Nit(String body, char check) {
        this.body = body;
        this.check = check;
    }

    /**
     * Parses a NIT.
     *
     * @param value e.g. {@code 576937-K}, {@code 576937k} or {@code 0007108-0}
     * @return the NIT
     * @throws InvalidIdentifierException naming the rule that failed
     */
    public static Nit parse(String value) {
        ValidationResult result = validate(value);
        result.throwIfInvalid();
        String canonical = result.normalized().orElseThrow();
        return new Nit(canonical.substring(0, canonical.length() - 2), canonical.charAt(canonical.length() - 1));
    }

    /**
     * Validates a NIT without throwing.
     *
     * @param value the candidate, may be null; surrounding whitespace is ignored
     * @return valid with the {@link #canonical()} form, or invalid with the first rule that failed,
     *         checked in this order: blank, length, format, check character
     */
    public static ValidationResult validate(String value) {
        if (value == null || value.isBlank()) {
            return invalid(IdentifierError.NULL_OR_BLANK, KIND);
        }
        String trimmed = value.strip();
        int hyphen = trimmed.indexOf('-');
        int length = hyphen < 0 ? trimmed.length() : trimmed.length() - 1;
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return invalid(IdentifierError.NIT_LENGTH, length);
        }
        if (hyphen >= 0 && hyphen != trimmed.length() - 2) {
            return invalid(IdentifierError.NIT_FORMAT, trimmed.indexOf('-', hyphen + 1) >= 0
                    ? "it has more than one hyphen"
                    : "a hyphen was found at position " + (hyphen + 1) + " instead of just before the check character");
        }
        String body = hyphen < 0 ? trimmed.substring(0, trimmed.length() - 1) : trimmed.substring(0, hyphen);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < '0' || c > '9') {
                return invalid(IdentifierError.NIT_FORMAT,
                        Cui.describe(c) + " was found at position " + (i + 1) + " where a digit was expected");
            }
        }
        char given = Character.toUpperCase(trimmed.charAt(trimmed.length() - 1));
        if ((given < '0' || given > '9') && given != 'K') {
            return invalid(IdentifierError.NIT_FORMAT,
                    "the check character is " + Cui.describe(trimmed.charAt(trimmed.length() - 1)));
        }
        String significant = stripLeadingZeros(body);
        if (significant.isEmpty()) {
            return invalid(IdentifierError.NIT_FORMAT, "its number is zero");
        }
        char expected = checkCharacter(significant);
        if (given != expected) {
            return invalid(IdentifierError.NIT_CHECK, given, significant, expected);
        }
        return ValidationResult.valid(significant + '-' + expected);
    }

    /**
     * Whether {@code value} is a valid NIT.
     *
     * @param value the candidate, may be null
     * @return true when {@link #validate(String)} finds no fault
     */
    public static boolean isValid(String value) {
        return validate(value).isValid();
    }

    /**
     * The check character for a NIT body.
     *
     * @param body one or more ASCII digits, without the check character
     * @return {@code 0}–{@code 9}, or {@code K} for 10
     */
    public static char checkCharacter(String body) {
        if (body == null || body.isEmpty() || !body.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'body' must be one or more digits");
        }
        int sum = 0;
        int weight = 2;
        for (int i = body.length() - 1; i >= 0; i--, weight++) {
            sum += (body.charAt(i) - '0') * weight;
        }
        int c = (11 - sum % 11) % 11;
        return c == 10 ? 'K' : (char) ('0' + c);
    }

    /** The canonical form: body without leading zeros, hyphen, upper-case check character ({@code 576937-K}). */
    public String canonical() {
        return body + '-' + check;
    }

    /** The digits before the check character, without leading zeros. */
    public String body() {
        return body;
    }

    /** The check character, {@code 0}–{@code 9} or {@code K}. */
    public char checkCharacter() {
        return check;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Nit && body.equals(((Nit) o).body) && check == ((Nit) o).check;
    }

    @Override
    public int hashCode() {
        return 31 * body.hashCode() + check;
    }

    /** The {@link #canonical()} form. */
    @Override
    public String toString() {
        return canonical();
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static ValidationResult invalid(IdentifierError error, Object... args) {
        return ValidationResult.invalid(error, error.message(args));
    }
}
