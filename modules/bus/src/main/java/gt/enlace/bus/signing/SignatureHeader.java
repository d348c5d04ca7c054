package gt.enlace.bus.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@value #NAME} header: one UTF-8 string, {@code ;}-separated {@code name=value} parts in a fixed order (a
 * CloudEvents extension, so its name is lower-case without separators, like {@code ce_legalbasis}). Two forms:
 *
 * <pre>
 * alg=ed25519-merkle-sha256;kid=renap-3fa2c1d0e9b8;hd=&lt;b64 16 bytes&gt;;idx=3;n=7;path=&lt;b64 32·k bytes&gt;;sig=&lt;b64 64 bytes&gt;
 * alg=ed25519;kid=renap-3fa2c1d0e9b8;hd=&lt;base64 16 bytes&gt;;sig=&lt;base64 64 bytes&gt;
 * </pre>
 *
 * <ul>
 *   <li>{@code alg}: {@value #MERKLE_ALGORITHM} (written since batch signing) or {@value #ALGORITHM} (one signature
 *       per event, written by earlier publishers and still accepted);</li>
 *   <li>{@code kid}: the key id, {@code <institution>-<12 hex digits of SHA-256 of the public key>},
 *       as listed by {@code GET /api/v1/keys};</li>
 *   <li>{@code hd}: {@link CanonicalForm#headerDigest}, for diagnosis only;</li>
 *   <li>{@code idx}, {@code n}: the event's position in its signed batch and the batch size, decimal without sign
 *       or leading zeros, {@code 0 <= idx < n <= }{@value MerkleTree#MAX_SIZE};</li>
 *   <li>{@code path}: the audit path of the event's leaf ({@link MerkleTree#path}), the sibling hashes from the
 *       bottom up concatenated, standard base64 (empty for {@code n=1});</li>
 *   <li>{@code sig}: standard base64 with padding of the 64-byte Ed25519 signature of, for
 *       {@value #MERKLE_ALGORITHM}, the {@linkplain #rootMessage root message}
 *       {@code "enlace-merkle-root-v1" 0x00 || u32 n || root} (58 bytes), and for {@value #ALGORITHM}, the
 *       {@link CanonicalForm} itself.</li>
 * </ul>
 *
 * @param algorithm    {@value #MERKLE_ALGORITHM} or {@value #ALGORITHM}
 * @param keyId        the signing key's id
 * @param headerDigest the digest of the signed headers at signing time
 * @param leafIndex    the event's position in its batch (0 for {@value #ALGORITHM})
 * @param batchSize    the number of events the signature covers (1 for {@value #ALGORITHM})
 * @param path         the audit path, {@value MerkleTree#HASH_SIZE} bytes per hash (empty for {@value #ALGORITHM})
 * @param signature    the 64-byte Ed25519 signature
 */
public record SignatureHeader(String algorithm, String keyId, byte[] headerDigest, int leafIndex, int batchSize,
                              byte[] path, byte[] signature) {

    /** The header's name. */
    public static final String NAME = "ce_signature";

    /** One Ed25519 signature over the event's canonical form. */
    public static final String ALGORITHM = "ed25519";

    /** One Ed25519 signature over the root of a SHA-256 Merkle tree of a batch of events, plus this event's path. */
    public static final String MERKLE_ALGORITHM = "ed25519-merkle-sha256";

    /** The tag the signed root message starts with. */
    public static final String ROOT_TAG = "enlace-merkle-root-v1";

    /** Header values longer than this are refused unread. */
    static final int MAX_LENGTH = 2048;

    private static final byte[] ROOT_TAG_BYTES = (ROOT_TAG + "\0").getBytes(StandardCharsets.US_ASCII);
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,5}");

    public SignatureHeader {
        Objects.requireNonNull(algorithm, "'algorithm' cannot be null");
        Objects.requireNonNull(keyId, "'keyId' cannot be null");
        Objects.requireNonNull(headerDigest, "'headerDigest' cannot be null");
        Objects.requireNonNull(path, "'path' cannot be null");
        Objects.requireNonNull(signature, "'signature' cannot be null");
    }

    /** A single-event ({@value #ALGORITHM}) header. */
    public SignatureHeader(String keyId, byte[] headerDigest, byte[] signature) {
        this(ALGORITHM, keyId, headerDigest, 0, 1, new byte[0], signature);
    }

    /** A batch ({@value #MERKLE_ALGORITHM}) header. */
    public static SignatureHeader batch(String keyId, byte[] headerDigest, int leafIndex, int batchSize, byte[] path,
                                        byte[] signature) {
        return new SignatureHeader(MERKLE_ALGORITHM, keyId, headerDigest, leafIndex, batchSize, path, signature);
    }

    /** Whether the signature covers a Merkle root rather than the event itself. */
    public boolean isBatch() {
        return MERKLE_ALGORITHM.equals(algorithm);
    }

    /**
     * The 58 bytes signed for a batch: {@code "enlace-merkle-root-v1" 0x00}, the batch size as a big-endian u32, the
     * 32-byte root. The tag keeps a root signature from ever being read as a {@link CanonicalForm} signature.
     */
    public static byte[] rootMessage(int batchSize, byte[] root) {
        byte[] message = new byte[ROOT_TAG_BYTES.length + 4 + root.length];
        System.arraycopy(ROOT_TAG_BYTES, 0, message, 0, ROOT_TAG_BYTES.length);
        int p = ROOT_TAG_BYTES.length;
        message[p] = (byte) (batchSize >>> 24);
        message[p + 1] = (byte) (batchSize >>> 16);
        message[p + 2] = (byte) (batchSize >>> 8);
        message[p + 3] = (byte) batchSize;
        System.arraycopy(root, 0, message, p + 4, root.length);
        return message;
    }

    /** The header value. */
    public String format() {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder s = new StringBuilder(96 + path.length * 4 / 3);
        s.append("alg=").append(algorithm).append(";kid=").append(keyId).append(";hd=").append(b64.encodeToString(headerDigest));
        if (isBatch()) {
            s.append(";idx=").append(leafIndex).append(";n=").append(batchSize).append(";path=").append(b64.encodeToString(path));
        }
        return s.append(";sig=").append(b64.encodeToString(signature)).toString();
    }

    /** The header value as bytes. */
    public byte[] toBytes() {
        return format().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a header value. For a batch header it also checks that the path has exactly the hashes that leaf
     * {@code idx} of {@code n} needs.
     *
     * @param value the header's bytes
     * @return the parts, or empty when the value is not in one of the formats above
     */
    public static Optional<SignatureHeader> parse(byte[] value) {
        if (value == null || value.length > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = new String(value, StandardCharsets.UTF_8).split(";", -1);
        try {
            if (parts.length == 4 && parts[0].equals("alg=" + ALGORITHM)) {
                String keyId = part(parts[1], "kid=");
                byte[] hd = base64(part(parts[2], "hd="));
                byte[] sig = signatureBytes(part(parts[3], "sig="));
                return Optional.of(new SignatureHeader(keyId, hd, sig));
            }
            if (parts.length == 7 && parts[0].equals("alg=" + MERKLE_ALGORITHM)) {
                String keyId = part(parts[1], "kid=");
                byte[] hd = base64(part(parts[2], "hd="));
                int index = decimal(part(parts[3], "idx="));
                int size = decimal(part(parts[4], "n="));
                byte[] path = base64(parts[5].startsWith("path=") ? parts[5].substring(5) : null);
                byte[] sig = signatureBytes(part(parts[6], "sig="));
                if (size < 1 || size > MerkleTree.MAX_SIZE || index >= size
                    || path.length != MerkleTree.pathLength(index, size) * MerkleTree.HASH_SIZE) {
                    return Optional.empty();
                }
                return Optional.of(batch(keyId, hd, index, size, path, sig));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String part(String part, String prefix) {
        if (!part.startsWith(prefix) || part.length() == prefix.length()) {
            throw new IllegalArgumentException("expected " + prefix);
        }
        return part.substring(prefix.length());
    }

    private static byte[] base64(String s) {
        if (s == null) {
            throw new IllegalArgumentException("missing");
        }
        return Base64.getDecoder().decode(s);
    }

    private static int decimal(String s) {
        if (!DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException("not a decimal");
        }
        return Integer.parseInt(s);
    }

    private static byte[] signatureBytes(String s) {
        byte[] sig = base64(s);
        if (sig.length != 64) {
            throw new IllegalArgumentException("a signature has 64 bytes");
        }
        return sig;
    }
}
