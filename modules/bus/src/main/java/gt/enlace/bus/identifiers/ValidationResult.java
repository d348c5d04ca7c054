package gt.enlace.bus.identifiers;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating an identifier without throwing: either valid, with the identifier in its
 * normalised form, or invalid, with the {@link IdentifierError} and a message that names the rule
 * that failed and what it expected.
 */
public final class ValidationResult {

    private final String normalized;
    private final IdentifierError error;
    private final String message;

    private ValidationResult(String normalized, IdentifierError error, String message) {
        this.normalized = normalized;
        this.error = error;
        this.message = message;
    }

    /**
     * A valid result.
     *
     * @param normalized the identifier in its normalised form
     * @return the result
     */
    public static ValidationResult valid(String normalized) {
        return new ValidationResult(Objects.requireNonNull(normalized, "'normalized' cannot be null"), null, null);
    }

    /**
     * An invalid result.
     *
     * @param error   the rule that failed
     * @param message the details
     * @return the result
     */
    public static ValidationResult invalid(IdentifierError error, String message) {
        return new ValidationResult(null, Objects.requireNonNull(error, "'error' cannot be null"),
                Objects.requireNonNull(message, "'message' cannot be null"));
    }

    /** Whether the identifier is valid. */
    public boolean isValid() {
        return error == null;
    }

    /** The rule that failed, empty when valid. */
    public Optional<IdentifierError> error() {
        return Optional.ofNullable(error);
    }

    /** Why the identifier is invalid, empty when valid. */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /**
     * The identifier in normalised form (13 digits for a CUI, the canonical form for a NIT), empty
     * when invalid.
     */
    public Optional<String> normalized() {
        return Optional.ofNullable(normalized);
    }

    /**
     * Throws when invalid.
     *
     * @throws InvalidIdentifierException with this result's error and message
     */
    public void throwIfInvalid() {
        if (error != null) {
            throw new InvalidIdentifierException(error, message);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ValidationResult)) {
            return false;
        }
        ValidationResult that = (ValidationResult) o;
        return Objects.equals(normalized, that.normalized) && error == that.error
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(normalized, error, message);
    }

    @Override
    public String toString() {
        return isValid() ? "ValidationResult(valid)" : "ValidationResult(" + error.code() + ": " + message + ")";
    }
}
