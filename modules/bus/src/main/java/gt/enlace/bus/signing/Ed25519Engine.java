package gt.enlace.bus.signing;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032, pure) through BouncyCastle's low-level {@code rfc8032.Ed25519}: on Java 17 it signs and
 * verifies about ten times faster than the JDK's {@code Signature.getInstance("Ed25519")}, and its signatures are
 * the same standard ones, so a third party checks them with any library. Keys stay JDK keys read from the PEM files;
 * only their raw 32 bytes are handed to BouncyCastle. Stateless and thread-safe.
 */
final class Ed25519Engine {

    /** The 12-byte X.509 SubjectPublicKeyInfo prefix of an Ed25519 public key (RFC 8410). */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    static {
        Ed25519.precompute();
    }

    private Ed25519Engine() {
    }

    /** The 32-byte encoded public key of an X.509 Ed25519 key. */
    static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null || der.length != SPKI_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
            || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key (" + key.getAlgorithm() + ")");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** The 32-byte seed of an Ed25519 private key. */
    static byte[] rawPrivateKey(PrivateKey key) {
        if (key instanceof EdECPrivateKey ed && ed.getBytes().isPresent() && ed.getBytes().get().length == Ed25519.SECRET_KEY_SIZE) {
            return ed.getBytes().get();
        }
        throw new IllegalArgumentException("not an Ed25519 private key (" + key.getAlgorithm() + ")");
    }

    /** A public key decoded and checked once, for many verifications; null when it is not a valid point. */
    static Ed25519.PublicPoint publicPoint(byte[] rawPublicKey) {
        return Ed25519.validatePublicKeyFullExport(rawPublicKey, 0);
    }

    /** The 64-byte signature of {@code message}. */
    static byte[] sign(byte[] seed, byte[] rawPublicKey, byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, rawPublicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** Whether {@code signature} is a valid signature of {@code message}. */
    static boolean verify(Ed25519.PublicPoint key, byte[] message, byte[] signature) {
        return signature.length == Ed25519.SIGNATURE_SIZE && Ed25519.verify(signature, 0, key, message, 0, message.length);
    }
}
