package gt.enlace.bus.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM (RFC 7468) encoding of Ed25519 keys: PKCS#8 {@code PRIVATE KEY} and X.509 {@code PUBLIC KEY}. */
final class Pem {

    static final String PRIVATE = "PRIVATE KEY";
    static final String PUBLIC = "PUBLIC KEY";

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes of the first block with the label; text before it (explanatory text) is ignored. */
    static byte[] decode(String label, String pem, String what) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end, b + 1);
        if (b < 0 || e < 0) {
            throw new InvalidKeyFileException(what + " is not a PEM '" + label + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new InvalidKeyFileException(what + " has invalid base64 in its '" + label + "' block");
        }
    }

    static PublicKey publicKey(byte[] der, String what) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new InvalidKeyFileException(what + " is not an Ed25519 X.509 public key: " + e.getMessage());
        }
    }

    static PrivateKey privateKey(byte[] der, String what) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new InvalidKeyFileException(what + " is not an Ed25519 PKCS#8 private key: " + e.getMessage());
        }
    }

    static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
