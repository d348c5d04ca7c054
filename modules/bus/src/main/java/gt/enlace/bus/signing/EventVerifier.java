package gt.enlace.bus.signing;

import gt.enlace.bus.headers.HeaderNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Checks an event's {@value SignatureHeader#NAME} header: present and well-formed, made with a published
 * key ({@link KeyDirectory}) of the institution named in {@code ce_source}, over the record's value and
 * {@code ce_*} headers as they are now ({@link CanonicalForm}).
 *
 * <p>For a batch signature ({@value SignatureHeader#MERKLE_ALGORITHM}) the verifier hashes the event into its leaf,
 * walks the audit path to the root ({@link MerkleTree#rootFromPath}) and checks the signature of the root message
 * ({@link SignatureHeader#rootMessage}). Root signatures already checked are remembered (a bounded LRU, by default
 * {@value #DEFAULT_CACHE_SIZE} entries keyed by key id, root message and signature), so a subscriber reading a batch
 * pays one Ed25519 verification per batch plus SHA-256 per event. Single-event signatures
 * ({@value SignatureHeader#ALGORITHM}) are verified as before. Thread-safe.
 *
 * <pre>{@code
 * EventVerifier verifier = new EventVerifier(KeyDirectory.url(URI.create("http://127.0.0.1:8080/api/v1/keys")));
 * Verification v = verifier.verify(record.headers(), record.value());
 * if (!v.valid()) { ... v.error().get().code() ... v.reason() ... }
 * }</pre>
 */
public final class EventVerifier {

    /** Verified batch roots remembered by default. */
    public static final int DEFAULT_CACHE_SIZE = 4096;

    private final KeyDirectory keys;
    private final Map<PublishedKey, Optional<Ed25519.PublicPoint>> points = new ConcurrentHashMap<>();
    private final Map<ProvenRoot, Boolean> proven;
    private final AtomicLong signatureChecks = new AtomicLong();

    /** @param keys where public keys are looked up */
    public EventVerifier(KeyDirectory keys) {
        this(keys, DEFAULT_CACHE_SIZE);
    }

    /**
     * @param keys      where public keys are looked up
     * @param cacheSize how many verified batch roots to remember; 0 checks every signature
     */
    public EventVerifier(KeyDirectory keys, int cacheSize) {
        this.keys = Objects.requireNonNull(keys, "'keys' cannot be null");
        if (cacheSize < 0) {
            throw new IllegalArgumentException("'cacheSize' must be 0 or more, not " + cacheSize);
        }
        this.proven = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ProvenRoot, Boolean> eldest) {
                return size() > cacheSize;
            }
        });
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
            return Verification.failed(SignatureError.MALFORMED, "the " + SignatureHeader.NAME + " header is neither 'alg="
                + SignatureHeader.MERKLE_ALGORITHM + ";kid=<key id>;hd=<base64>;idx=<i>;n=<n>;path=<base64 of the audit path "
                + "of leaf i of n>;sig=<base64 of 64 bytes>' nor 'alg=" + SignatureHeader.ALGORITHM
                + ";kid=<key id>;hd=<base64>;sig=<base64 of 64 bytes>'", null, null, institution);
        }
        SignatureHeader sig = parsed.get();
        Optional<PublishedKey> key = keys.find(sig.keyId());
        if (key.isEmpty()) {
            return Verification.failed(SignatureError.UNKNOWN_KEY, "no published key has id " + sig.keyId(), sig.keyId(), null,
                institution);
        }
        String signer = key.get().institution();
        byte[] headerPart = CanonicalForm.headerPart(headers);
        boolean good;
        if (sig.isBatch()) {
            MessageDigest leaf = MerkleTree.leafDigest();
            CanonicalForm.update(leaf, headerPart, value);
            byte[] root = MerkleTree.rootFromPath(leaf.digest(), sig.leafIndex(), sig.batchSize(), sig.path());
            good = root != null && verified(key.get(), SignatureHeader.rootMessage(sig.batchSize(), root), sig.signature(),
                sig.batchSize() > 1);
        } else {
            good = verified(key.get(), CanonicalForm.of(headers, value), sig.signature(), false);
        }
        if (!good) {
            if (!MessageDigest.isEqual(sig.headerDigest(), CanonicalForm.headerDigest(MerkleTree.sha256(), headerPart))) {
                return Verification.failed(SignatureError.HEADER_TAMPERED, "the signature does not match: a signed header ("
                    + "ce_* or content-type) was added, removed or changed after signing", sig.keyId(), signer, institution);
            }
            return Verification.failed(SignatureError.BAD_SIGNATURE, "the signature does not match the record's value "
                + "with key " + sig.keyId() + ": the value" + (sig.isBatch() ? ", the batch position (idx, n) or the audit path" : "")
                + " was changed or the signature was not made with that key", sig.keyId(), signer, institution);
        }
        if (!signer.equals(institution)) {
            return Verification.failed(SignatureError.WRONG_SIGNER, "signed with a key of " + signer + " but ce_source says the "
                + "event comes from " + (institution == null ? "nobody (no ce_source)" : institution), sig.keyId(), signer, institution);
        }
        return Verification.ok(sig.keyId(), signer, institution, sig.isBatch() && sig.batchSize() > 1
            ? " (event " + (sig.leafIndex() + 1) + " of " + sig.batchSize() + " signed together)" : "");
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

    private boolean verified(PublishedKey key, byte[] message, byte[] signature, boolean remember) {
        ProvenRoot root = remember ? new ProvenRoot(key, ByteBuffer.wrap(message), ByteBuffer.wrap(signature)) : null;
        if (root != null && proven.get(root) != null) {
            return true;
        }
        Optional<Ed25519.PublicPoint> point = points.computeIfAbsent(key, k -> {
            try {
                return Optional.ofNullable(Ed25519Engine.publicPoint(Ed25519Engine.rawPublicKey(key.publicKey())));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        signatureChecks.incrementAndGet();
        boolean good = point.isPresent() && Ed25519Engine.verify(point.get(), message, signature);
        if (good && root != null) {
            proven.put(root, Boolean.TRUE);
        }
        return good;
    }

    /** How many Ed25519 verifications this verifier made (the rest were answered by the cache of verified roots). */
    long signatureChecks() {
        return signatureChecks.get();
    }

    /** A root message whose signature was checked, with its key and signature. */
    private record ProvenRoot(PublishedKey key, ByteBuffer message, ByteBuffer signature) {
    }
}
