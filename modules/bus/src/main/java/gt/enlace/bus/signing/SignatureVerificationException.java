package gt.enlace.bus.signing;

import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when an event's signature is not accepted; the message reads
 * {@code SIGNATURE_BAD: the signature does not match ...}. It fails the same way on every retry:
 * subscribers dead-letter the record with stage {@code verify}. Serializable (Spring's
 * {@code ErrorHandlingDeserializer} carries it in a header): the error code and key id survive, the full
 * {@link Verification} only in the process that verified.
 */
public final class SignatureVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SignatureError error;
    private final String keyId;
    private final transient Verification verification;

    /** @param verification the failed verification */
    public SignatureVerificationException(Verification verification) {
        super(Objects.requireNonNull(verification, "'verification' cannot be null").error()
            .orElseThrow(() -> new IllegalArgumentException("the verification succeeded")).code() + ": " + verification.reason());
        this.error = verification.error().orElseThrow();
        this.keyId = verification.keyId().orElse(null);
        this.verification = verification;
    }

    /** The failed verification, when this exception was thrown in this process. */
    public Optional<Verification> verification() {
        return Optional.ofNullable(verification);
    }

    /** Why it failed. */
    public SignatureError error() {
        return error;
    }

    /** The key id the signature named, when it could be read. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }
}
