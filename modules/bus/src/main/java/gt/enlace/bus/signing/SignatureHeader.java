package gt.enlace.bus.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@value #NAME} header: one UTF-8 string, {@code ;}-separated {@code name=value} parts in this
 * order (a CloudEvents extension, so its name is lower-case without separators, like
 * {@code ce_legalbasis}):
 *
 * <pre>
 * alg=ed25519;kid=renap-3fa2c1d0e9b8;hd=&lt;base64 16 bytes&gt;;sig=&lt;base64 64 bytes&gt;
 * </pre>
 *
 * <ul>
 *   <li>{@code alg}: always {@code ed25519};</li>
 *   <li>{@code kid}: the key id, {@code <institution>-<12 hex digits of SHA-256 of the public key>},
 *       as listed by {@code GET /api/v1/keys};</li>
 *   <li>{@code hd}: {@link CanonicalForm#headerDigest}, for diagnosis only;</li>
 *   <li>{@code sig}: the Ed25519 signature of {@link CanonicalForm#of}, standard base64 with padding.</li>
 * </ul>
 *
 * @param keyId        the signing key's id
 * @param headerDigest the digest of the signed headers at signing time
 * @param signature    the 64-byte Ed25519 signature
 */
public record SignatureHeader(String keyId, byte[] headerDigest, byte[] signature) {

    /** The header's name. */
    public static final String NAME = "ce_signature";

    /** The only algorithm: {@code ed25519}. */
    public static final String ALGORITHM = "ed25519";

    /** The header value. */
    public String format() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "alg=" + ALGORITHM + ";kid=" + keyId + ";hd=" + b64.encodeToString(headerDigest) + ";sig="
            + b64.encodeToString(signature);
    }

    /** The header value as bytes. */
    public byte[] toBytes() {
        return format().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a header value.
     *
     * @param value the header's bytes
     * @return the parts, or empty when the value is not in the format above
     */
    public static Optional<SignatureHeader> parse(byte[] value) {
        if (value == null || value.length > 1024) {
            return Optional.empty();
        }
        String[] parts = new String(value, StandardCharsets.UTF_8).split(";", -1);
        if (parts.length != 4 || !parts[0].equals("alg=" + ALGORITHM) || !parts[1].startsWith("kid=")
            || !parts[2].startsWith("hd=") || !parts[3].startsWith("sig=")) {
            return Optional.empty();
        }
        String keyId = parts[1].substring(4);
        if (keyId.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] hd = Base64.getDecoder().decode(parts[2].substring(3));
            byte[] sig = Base64.getDecoder().decode(parts[3].substring(4));
            if (sig.length != 64) {
                return Optional.empty();
            }
            return Optional.of(new SignatureHeader(keyId, hd, sig));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
