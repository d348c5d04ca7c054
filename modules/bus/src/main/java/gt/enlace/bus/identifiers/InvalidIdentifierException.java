package gt.enlace.bus.identifiers;

import java.util.Objects;

/**
 * Thrown by {@code Cui.parse} and {@code Nit.parse} when a value is not a valid identifier. The
 * {@link #error()} says which rule failed; the message gives the details. Code that handles many
 * values, such as the CSV bridge, should call {@code validate} instead and avoid the exception.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final IdentifierError error;

    /**
     * @param error   the rule that failed
     * @param message the details, as produced by {@link IdentifierError#message(Object...)}
     */
    public InvalidIdentifierException(IdentifierError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "'error' cannot be null");
    }

    /** The rule that failed. */
    public IdentifierError error() {
        return error;
    }

    /** The stable code of the rule that failed, e.g. {@code NIT_CHECK}. */
    public String code() {
        return error.code();
    }
}
