package gt.enlace.bus.agreements;

import java.util.Objects;

/** An agreement operation refused, with a stable {@link AgreementError} and, for validation, the field at fault. */
public class AgreementException extends RuntimeException {

    private final AgreementError error;
    private final String field;

    /**
     * @param error   the stable code
     * @param field   the request field at fault, or {@code null}
     * @param message what is wrong and, where possible, how to fix it
     */
    public AgreementException(AgreementError error, String field, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "'error' cannot be null");
        this.field = field;
    }

    /** The stable code. */
    public AgreementError error() {
        return error;
    }

    /** The request field at fault, or {@code null}. */
    public String field() {
        return field;
    }

    static AgreementException invalid(String field, String message) {
        return new AgreementException(AgreementError.INVALID_FIELD, field, "'" + field + "' " + message);
    }
}
