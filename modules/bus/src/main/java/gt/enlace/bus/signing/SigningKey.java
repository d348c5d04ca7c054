package gt.enlace.bus.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * An institution's private signing key with its published counterpart.
 *
 * <p>On disk ({@link InstitutionKeyStore}): {@code <institution>.key}, a PKCS#8 {@code PRIVATE KEY} PEM
 * file readable by its owner only, next to {@code <institution>.pub}, the X.509 {@code PUBLIC KEY} PEM
 * file. {@link #load(Path)} reads both from the private key's path.
 *
 * @param published  the public key, its institution and key id
 * @param privateKey the Ed25519 private key
 */
public record SigningKey(PublishedKey published, PrivateKey privateKey) {

    public SigningKey {
        Objects.requireNonNull(published, "'published' cannot be null");
        Objects.requireNonNull(privateKey, "'privateKey' cannot be null");
    }

    /** The institution that signs with it. */
    public String institution() {
        return published.institution();
    }

    /** The key id written in {@code ce_signature}. */
    public String keyId() {
        return published.keyId();
    }

    /**
     * Reads {@code <institution>.key} and the {@code <institution>.pub} beside it.
     *
     * @param privateKeyFile e.g. {@code data/keys/renap.key}
     * @throws InvalidKeyFileException naming the file when either is missing or not an Ed25519 key
     */
    public static SigningKey load(Path privateKeyFile) {
        String name = privateKeyFile.getFileName().toString();
        if (!name.endsWith(InstitutionKeyStore.PRIVATE_SUFFIX)) {
            throw new InvalidKeyFileException("signing key file " + privateKeyFile + " must be named <institution>"
                + InstitutionKeyStore.PRIVATE_SUFFIX);
        }
        String institution = name.substring(0, name.length() - InstitutionKeyStore.PRIVATE_SUFFIX.length());
        Path publicKeyFile = privateKeyFile.resolveSibling(institution + InstitutionKeyStore.PUBLIC_SUFFIX);
        PrivateKey privateKey = Pem.privateKey(Pem.decode(Pem.PRIVATE, read(privateKeyFile), privateKeyFile.toString()),
            privateKeyFile.toString());
        PublishedKey published = PublishedKey.of(institution,
            Pem.publicKey(Pem.decode(Pem.PUBLIC, read(publicKeyFile), publicKeyFile.toString()), publicKeyFile.toString()));
        return new SigningKey(published, privateKey);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidKeyFileException("key file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidKeyFileException("key file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
