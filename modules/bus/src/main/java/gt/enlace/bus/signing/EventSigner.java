package gt.enlace.bus.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * Signs events with one institution's key: adds (or replaces) the {@value SignatureHeader#NAME} header.
 *
 * <p>{@link #signBatch} signs many events with one Ed25519 signature: each event's {@link CanonicalForm} becomes a
 * SHA-256 leaf of a {@link MerkleTree}, the root is signed once, and every event gets a
 * {@value SignatureHeader#MERKLE_ALGORITHM} header with the root's signature and its own audit path, so each event
 * still proves on its own who published it. {@link #sign} is a batch of one. Ed25519 is BouncyCastle's (see
 * {@link Ed25519Engine}); the key is parsed once and checked against the published key.
 *
 * <p>Sign last: after the value is serialized and every {@code ce_*} header is set. Thread-safe.
 */
public final class EventSigner {

    private final SigningKey key;
    private final byte[] seed;
    private final byte[] publicKey;

    /**
     * @param key the institution's key
     * @throws IllegalArgumentException when the private key does not match the published one
     */
    public EventSigner(SigningKey key) {
        this.key = Objects.requireNonNull(key, "'key' cannot be null");
        this.seed = Ed25519Engine.rawPrivateKey(key.privateKey());
        this.publicKey = Ed25519Engine.rawPublicKey(key.published().publicKey());
        selfTest();
    }

    /** The key's institution and id. */
    public SigningKey key() {
        return key;
    }

    /**
     * Signs one event, replacing any previous signature header: a batch of one.
     *
     * @param headers the record's headers, {@code ce_*} complete; the signature header is added to them
     * @param value   the serialized value as it will be sent
     */
    public void sign(Headers headers, byte[] value) {
        Objects.requireNonNull(headers, "'headers' cannot be null");
        signBatch(List.of(headers), java.util.Collections.singletonList(value));
    }

    /**
     * Signs a batch of events with one signature, replacing any previous signature headers. Costs one Ed25519
     * signature plus two SHA-256 passes over each event's canonical form.
     *
     * @param headers each event's headers, {@code ce_*} complete; the signature header is added to them
     * @param values  each event's serialized value (null allowed), same order and size as {@code headers}
     * @throws IllegalArgumentException when the lists differ in size or hold more than {@value MerkleTree#MAX_SIZE}
     */
    public void signBatch(List<Headers> headers, List<byte[]> values) {
        Objects.requireNonNull(headers, "'headers' cannot be null");
        Objects.requireNonNull(values, "'values' cannot be null");
        int n = headers.size();
        if (values.size() != n || n == 0 || n > MerkleTree.MAX_SIZE) {
            throw new IllegalArgumentException("a batch has 1 to " + MerkleTree.MAX_SIZE + " events with one value each, not "
                + n + " headers and " + values.size() + " values");
        }
        MessageDigest sha256 = MerkleTree.sha256();
        List<byte[]> leaves = new ArrayList<>(n);
        byte[][] digests = new byte[n][];
        for (int i = 0; i < n; i++) {
            Headers h = Objects.requireNonNull(headers.get(i), "'headers' cannot hold null");
            h.remove(SignatureHeader.NAME);
            byte[] headerPart = CanonicalForm.headerPart(h);
            digests[i] = CanonicalForm.headerDigest(sha256, headerPart);
            sha256.update((byte) 0x00);
            CanonicalForm.update(sha256, headerPart, values.get(i));
            leaves.add(sha256.digest());
        }
        MerkleTree tree = new MerkleTree(leaves);
        byte[] signature = Ed25519Engine.sign(seed, publicKey, SignatureHeader.rootMessage(n, tree.root()));
        for (int i = 0; i < n; i++) {
            headers.get(i).add(SignatureHeader.NAME,
                SignatureHeader.batch(key.keyId(), digests[i], i, n, tree.path(i), signature).toBytes());
        }
    }

    /** Signs with BouncyCastle and verifies with the JDK: the key pair matches and both agree on Ed25519. */
    private void selfTest() {
        byte[] probe = ("enlace key check " + key.keyId()).getBytes(StandardCharsets.UTF_8);
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key.published().publicKey());
            v.update(probe);
            if (!v.verify(Ed25519Engine.sign(seed, publicKey, probe))) {
                throw new IllegalArgumentException("the private key of " + key.institution() + " does not match its public key "
                    + key.keyId() + ": check the .key and .pub files");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key " + key.keyId() + " cannot be checked: " + e.getMessage(), e);
        }
    }
}
