package gt.enlace.bus.signing;

import java.util.Optional;

/**
 * The outcome of verifying one event's signature.
 *
 * @param valid       whether the signature is good, made with a published key of the event's institution
 * @param error       why not, when not valid
 * @param reason      one line for people: what was checked and what failed
 * @param keyId       the key id the signature names, when it could be read
 * @param signer      the institution the key belongs to, when the key is known
 * @param institution the institution the event says it comes from ({@code ce_source}), when present
 */
public record Verification(boolean valid, Optional<SignatureError> error, String reason, Optional<String> keyId,
                           Optional<String> signer, Optional<String> institution) {

    static Verification ok(String keyId, String signer, String institution, String detail) {
        return new Verification(true, Optional.empty(), "signed by " + signer + " with key " + keyId + detail,
            Optional.of(keyId), Optional.of(signer), Optional.ofNullable(institution));
    }

    static Verification failed(SignatureError error, String reason, String keyId, String signer, String institution) {
        return new Verification(false, Optional.of(error), reason, Optional.ofNullable(keyId), Optional.ofNullable(signer),
            Optional.ofNullable(institution));
    }

    /**
     * @return this verification when valid
     * @throws SignatureVerificationException when not
     */
    public Verification orThrow() {
        if (!valid) {
            throw new SignatureVerificationException(this);
        }
        return this;
    }
}
