package gt.enlace.bus.signing;

import gt.enlace.bus.headers.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Checks an event's {@value SignatureHeader#NAME} header: present and well-formed, made with a published
 * key ({@link KeyDirectory}) of the institution named in {@code ce_source}, over the record's value and
 * {@code ce_*} headers as they are now ({@link CanonicalForm}). Each thread keeps one {@link Signature}
 * per key. Thread-safe.
 *
 * <pre>{@code
 * EventVerifier verifier = new EventVerifier(KeyDirectory.url(URI.create("http://127.0.0.1:8080/api/v1/keys")));
 * Verification v = verifier.verify(record.headers(), record.value());
 * if (!v.valid()) { ... v.error().get().code() ... v.reason() ... }
 * }</pre>
 */
public final class EventVerifier {

    private final KeyDirectory keys;
    private final ThreadLocal<Map<String, Signature>> signatures = ThreadLocal.withInitial(HashMap::new);

    /** @param keys where public keys are looked up */
    public EventVerifier(KeyDirectory keys) {
        this.keys = Objects.requireNonNull(keys, "'keys' cannot be null");
    }

    /**
     * Verifies one event.
     *
     * @param headers the record's headers
     * @param value   the record's value bytes, exactly as consumed
     * @return the outcome; never throws for bad input
     */
    public Verification verify(Headers headers, byte[] value) {
        String institution = institutionOf(headers);
        Header header = headers == null ? null : headers.lastHeader(SignatureHeader.NAME);
        if (header == null) {
            return Verification.failed(SignatureError.MISSING, "the record has no " + SignatureHeader.NAME + " header",
                null, null, institution);
        }
        Optional<SignatureHeader> parsed = SignatureHeader.parse(header.value());
        if (parsed.isEmpty()) {
            return Verification.failed(SignatureError.MALFORMED, "the " + SignatureHeader.NAME
                + " header is not 'alg=ed25519;kid=<key id>;hd=<base64>;sig=<base64 of 64 bytes>'", null, null, institution);
        }
        SignatureHeader sig = parsed.get();
        Optional<PublishedKey> key = keys.find(sig.keyId());
        if (key.isEmpty()) {
            return Verification.failed(SignatureError.UNKNOWN_KEY, "no published key has id " + sig.keyId(), sig.keyId(), null,
                institution);
        }
        String signer = key.get().institution();
        boolean good;
        try {
            Signature s = signatures.get().computeIfAbsent(sig.keyId(), id -> newVerifier(key.get()));
            s.update(CanonicalForm.of(headers, value));
            good = s.verify(sig.signature());
        } catch (GeneralSecurityException | IllegalStateException e) {
            signatures.get().remove(sig.keyId());
            good = false;
        }
        if (!good) {
            if (!MessageDigest.isEqual(sig.headerDigest(), CanonicalForm.headerDigest(headers))) {
                return Verification.failed(SignatureError.HEADER_TAMPERED, "the signature does not match: a signed header ("
                    + "ce_* or content-type) was added, removed or changed after signing", sig.keyId(), signer, institution);
            }
            return Verification.failed(SignatureError.BAD_SIGNATURE, "the signature does not match the record's value "
                + "with key " + sig.keyId() + ": the value was changed or the signature was not made with that key",
                sig.keyId(), signer, institution);
        }
        if (!signer.equals(institution)) {
            return Verification.failed(SignatureError.WRONG_SIGNER, "signed with a key of " + signer + " but ce_source says the "
                + "event comes from " + (institution == null ? "nobody (no ce_source)" : institution), sig.keyId(), signer, institution);
        }
        return Verification.ok(sig.keyId(), signer, institution);
    }

    /**
     * @throws SignatureVerificationException when the event's signature is not accepted
     */
    public Verification verifyOrThrow(Headers headers, byte[] value) {
        return verify(headers, value).orThrow();
    }

    /** The institution of {@code ce_source=/gt/<institution>/<system>}, or null. */
    static String institutionOf(Headers headers) {
        Header source = headers == null ? null : headers.lastHeader(HeaderNames.SOURCE);
        if (source == null || source.value() == null) {
            return null;
        }
        String s = new String(source.value(), StandardCharsets.UTF_8);
        if (!s.startsWith("/gt/")) {
            return null;
        }
        int end = s.indexOf('/', 4);
        return end < 0 ? s.substring(4) : s.substring(4, end);
    }

    private static Signature newVerifier(PublishedKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key.publicKey());
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key " + key.keyId() + " cannot verify: " + e.getMessage(), e);
        }
    }
}
