package gt.enlace.bus.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * Signs events with one institution's key: adds (or replaces) the {@value SignatureHeader#NAME} header
 * over {@link CanonicalForm#of(Headers, byte[])}. The key is parsed once; each thread keeps its own
 * initialised {@link Signature}, so signing allocates only the canonical bytes and the header.
 *
 * <p>Sign last: after the value is serialized and every {@code ce_*} header is set. Thread-safe.
 */
public final class EventSigner {

    private final SigningKey key;
    private final ThreadLocal<Signature> signatures;

    /**
     * @param key the institution's key
     * @throws IllegalArgumentException when the private key does not match the published one
     */
    public EventSigner(SigningKey key) {
        this.key = Objects.requireNonNull(key, "'key' cannot be null");
        this.signatures = ThreadLocal.withInitial(this::newSignature);
        selfTest();
    }

    /** The key's institution and id. */
    public SigningKey key() {
        return key;
    }

    /**
     * Signs an event, replacing any previous signature header.
     *
     * @param headers the record's headers, {@code ce_*} complete; the signature header is added to them
     * @param value   the serialized value as it will be sent
     */
    public void sign(Headers headers, byte[] value) {
        Objects.requireNonNull(headers, "'headers' cannot be null");
        headers.remove(SignatureHeader.NAME);
        byte[] signature = signature(CanonicalForm.of(headers, value));
        headers.add(SignatureHeader.NAME, new SignatureHeader(key.keyId(), CanonicalForm.headerDigest(headers), signature).toBytes());
    }

    private byte[] signature(byte[] message) {
        Signature s = signatures.get();
        try {
            s.update(message);
            return s.sign(); // resets s to the state after initSign: ready for the next event
        } catch (GeneralSecurityException e) {
            signatures.remove();
            throw new IllegalStateException("Ed25519 signing failed with key " + key.keyId() + ": " + e.getMessage(), e);
        }
    }

    private Signature newSignature() {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.privateKey());
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key " + key.keyId() + " cannot sign with Ed25519: " + e.getMessage(), e);
        }
    }

    private void selfTest() {
        byte[] probe = ("enlace key check " + key.keyId()).getBytes(StandardCharsets.UTF_8);
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key.published().publicKey());
            v.update(probe);
            if (!v.verify(signature(probe))) {
                throw new IllegalArgumentException("the private key of " + key.institution() + " does not match its public key "
                    + key.keyId() + ": check the .key and .pub files");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key " + key.keyId() + " cannot be checked: " + e.getMessage(), e);
        }
    }
}
