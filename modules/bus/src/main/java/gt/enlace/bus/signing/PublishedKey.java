package gt.enlace.bus.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An institution's public signing key, as the platform publishes it at {@code GET /api/v1/keys}.
 *
 * @param institution the institution code, e.g. {@code renap}
 * @param keyId       {@code <institution>-<12 hex digits of SHA-256 of the X.509 encoding>}
 * @param publicKey   the Ed25519 public key
 */
public record PublishedKey(String institution, String keyId, PublicKey publicKey) {

    /** The algorithm name in listings: {@code Ed25519}. */
    public static final String ALGORITHM = "Ed25519";

    private static final Pattern INSTITUTION = Pattern.compile("[a-z][a-z0-9]*");

    public PublishedKey {
        Objects.requireNonNull(institution, "'institution' cannot be null");
        Objects.requireNonNull(keyId, "'keyId' cannot be null");
        Objects.requireNonNull(publicKey, "'publicKey' cannot be null");
    }

    /**
     * The published form of an institution's key, with its derived key id.
     *
     * @throws IllegalArgumentException when the institution code is not lower-case letters and digits
     */
    public static PublishedKey of(String institution, PublicKey publicKey) {
        checkInstitution(institution);
        return new PublishedKey(institution, keyId(institution, publicKey), publicKey);
    }

    /**
     * @throws IllegalArgumentException when the institution code is not lower-case letters and digits, as in topic names
     */
    public static void checkInstitution(String institution) {
        if (!isInstitution(institution)) {
            throw new IllegalArgumentException("institution code '" + institution + "' is not lower-case letters and digits");
        }
    }

    /** Whether a string is a valid institution code: lower-case letters and digits, starting with a letter. */
    public static boolean isInstitution(String institution) {
        return institution != null && INSTITUTION.matcher(institution).matches();
    }

    /** Parses the X.509 DER (base64) form of a listing; {@code what} names the source in errors. */
    public static PublishedKey fromBase64(String institution, String keyId, String base64, String what) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyFileException(what + ": the key of " + institution + " is not base64");
        }
        PublishedKey key = of(institution, Pem.publicKey(der, what));
        if (keyId != null && !keyId.equals(key.keyId())) {
            throw new InvalidKeyFileException(what + ": key id " + keyId + " does not match its key (" + key.keyId() + ")");
        }
        return key;
    }

    /** The key id of a public key: {@code <institution>-<first 6 bytes of SHA-256(X.509 DER) in hex>}. */
    public static String keyId(String institution, PublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return institution + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The X.509 DER encoding, base64. */
    public String base64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The X.509 {@code PUBLIC KEY} PEM block. */
    public String pem() {
        return Pem.encode(Pem.PUBLIC, publicKey.getEncoded());
    }
}
