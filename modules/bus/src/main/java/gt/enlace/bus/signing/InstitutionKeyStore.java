package gt.enlace.bus.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The platform's signing keys, one Ed25519 pair per institution, in one folder (by default
 * {@code <data-dir>/keys/}):
 *
 * <ul>
 *   <li>{@code <institution>.key}: PKCS#8 {@code PRIVATE KEY} PEM, permissions {@code rw-------};</li>
 *   <li>{@code <institution>.pub}: X.509 {@code PUBLIC KEY} PEM, world-readable: it is published.</li>
 * </ul>
 *
 * <p>A pair is created the first time {@link #signingKey} asks for it and never replaced: removing the
 * files makes every event signed with the old key unverifiable. Also a {@link KeyDirectory} of the keys
 * in the folder. Thread-safe; one process should own a folder.
 */
public final class InstitutionKeyStore implements KeyDirectory {

    /** Suffix of private key files. */
    public static final String PRIVATE_SUFFIX = ".key";
    /** Suffix of public key files. */
    public static final String PUBLIC_SUFFIX = ".pub";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final java.util.Map<String, PublishedKey> found = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param dir the folder of the key files; created when the first key is */
    public InstitutionKeyStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "'dir' cannot be null");
    }

    /** The folder of the key files. */
    public Path dir() {
        return dir;
    }

    /** Where an institution's private key is, whether or not it exists yet. */
    public Path privateKeyFile(String institution) {
        return dir.resolve(institution + PRIVATE_SUFFIX);
    }

    /**
     * An institution's signing key, created (and written) on first use.
     *
     * @throws InvalidKeyFileException when an existing file cannot be read, or the folder cannot be written
     */
    public synchronized SigningKey signingKey(String institution) {
        PublishedKey.checkInstitution(institution);
        Path privateFile = privateKeyFile(institution);
        if (!Files.exists(privateFile)) {
            create(institution);
        }
        return SigningKey.load(privateFile);
    }

    /** The published keys of every institution with a key in the folder, by institution. */
    public List<PublishedKey> publishedKeys() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<PublishedKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(PUBLIC_SUFFIX)).sorted().toList()) {
                keys.add(readPublic(file));
            }
        } catch (IOException e) {
            throw new InvalidKeyFileException("key folder " + dir + " cannot be listed: " + e.getMessage(), e);
        }
        keys.sort(Comparator.comparing(PublishedKey::institution));
        return keys;
    }

    /** An institution's published key, if it has one. */
    public Optional<PublishedKey> publishedKey(String institution) {
        Path file = dir.resolve(institution + PUBLIC_SUFFIX);
        return Files.exists(file) ? Optional.of(readPublic(file)) : Optional.empty();
    }

    /**
     * {@inheritDoc} A key found is remembered: a key id is derived from its key, so it never names another one.
     */
    @Override
    public Optional<PublishedKey> find(String keyId) {
        PublishedKey known = found.get(keyId);
        if (known != null) {
            return Optional.of(known);
        }
        int dash = keyId == null ? -1 : keyId.lastIndexOf('-');
        if (dash <= 0 || !PublishedKey.isInstitution(keyId.substring(0, dash))) {
            return Optional.empty();
        }
        Optional<PublishedKey> key = publishedKey(keyId.substring(0, dash)).filter(k -> k.keyId().equals(keyId));
        key.ifPresent(k -> found.put(keyId, k));
        return key;
    }

    static PublishedKey readPublic(Path file) {
        String name = file.getFileName().toString();
        String institution = name.substring(0, name.length() - PUBLIC_SUFFIX.length());
        return PublishedKey.of(institution, Pem.publicKey(Pem.decode(Pem.PUBLIC, SigningKey.read(file), file.toString()),
            file.toString()));
    }

    private void create(String institution) {
        KeyPair pair = generate();
        PublishedKey published = PublishedKey.of(institution, pair.getPublic());
        try {
            createDir();
            String note = "Enlace signing key of " + institution + ", key id " + published.keyId() + "\n";
            Path privateFile = privateKeyFile(institution);
            Path tmp = dir.resolve("." + institution + PRIVATE_SUFFIX + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, note + Pem.encode(Pem.PRIVATE, pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(institution + PUBLIC_SUFFIX), note + published.pem(), StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, privateFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, privateFile);
            }
        } catch (FileAlreadyExistsException e) {
            throw new InvalidKeyFileException("key folder " + dir + " is being written by another process: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidKeyFileException("cannot write the signing key of " + institution + " in " + dir + ": " + e, e);
        }
    }

    private void createDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        // The folder holds the public keys too, which anyone may read: only the .key files are owner-only.
        Files.createDirectories(dir);
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }
}
