package gt.enlace.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.bus.security.CredentialDirectory;
import gt.enlace.bus.security.HttpRole;

/**
 * The passwords of the bus's principals, one file per principal, {@code <data-dir>/credentials/<name>.password}. The
 * directory is {@code rwx------} and each file {@code rw-------}: only the account that runs the platform reads them.
 * Passwords are generated here (32 random letters and digits) and never change unless the file is removed.
 * A principal's HTTP role lives beside its password, in {@code <name>.role} (same permissions; see {@link #setRole});
 * without one it is an institution, and {@code admin} is always the administrator.
 */
public final class CredentialStore {

    /** Name of the directory under the data directory. */
    public static final String DIRECTORY = "credentials";

    private static final String SUFFIX = ".password";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    private CredentialStore(Path dir) {
        this.dir = dir;
    }

    /** The store under {@code dataDir}; nothing is created until a credential is. */
    public static CredentialStore in(Path dataDir) {
        return new CredentialStore(dataDir.toAbsolutePath().normalize().resolve(DIRECTORY));
    }

    /** The directory holding the files. */
    public Path directory() {
        return dir;
    }

    /** A reader of the same directory, as the HTTP ports check passwords and roles. */
    public CredentialDirectory reader() {
        return new CredentialDirectory(dir);
    }

    /** The HTTP role of {@code user}: see {@link CredentialDirectory#role}. */
    public HttpRole role(String user) {
        return reader().role(user);
    }

    /**
     * Gives {@code user} an HTTP role: {@link HttpRole#EVALUATOR} writes {@code <user>.role}, {@link HttpRole#INSTITUTION}
     * removes it.
     *
     * @throws CredentialException for the admin (whose role is fixed), a principal without credentials, or
     *                             {@link HttpRole#ADMIN}
     */
    public void setRole(String user, HttpRole role) {
        if (ClientSecurity.ADMIN.equals(user) || role == HttpRole.ADMIN) {
            throw new CredentialException("Only User:admin is the administrator; its role cannot be given or changed");
        }
        if (!contains(user)) {
            throw new CredentialException("No credentials for principal User:" + user + " in " + dir);
        }
        Path file = dir.resolve(user + CredentialDirectory.ROLE_SUFFIX);
        try {
            if (role == HttpRole.INSTITUTION) {
                Files.deleteIfExists(file);
                return;
            }
            Path tmp = dir.resolve("." + user + CredentialDirectory.ROLE_SUFFIX + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, fileAttributes(FILE_PERMS));
            Files.writeString(tmp, role.code() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CredentialException("Cannot write the role of User:" + user + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether a password exists for {@code user}. */
    public boolean contains(String user) {
        return Files.isRegularFile(file(user));
    }

    /** The password of {@code user}, if stored. */
    public Optional<String> password(String user) {
        Path file = file(user);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new CredentialException("Cannot read the credentials of " + user + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The password of {@code user}.
     *
     * @throws CredentialException naming the principal and the file when there is none
     */
    public String require(String user) {
        return password(user).orElseThrow(() -> new CredentialException("No credentials for principal User:" + user
            + " in " + file(user) + "; create them with 'enlace institutions add " + user + "' or a first secure 'enlace up'"));
    }

    /** Whether {@code password} is the stored password of {@code user}, compared in constant time. */
    public boolean matches(String user, String password) {
        return reader().check(user, password).isPresent();
    }

    /** Every principal with stored credentials, sorted. */
    public List<String> users() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                .map(n -> n.substring(0, n.length() - SUFFIX.length())).sorted().toList();
        } catch (IOException e) {
            throw new CredentialException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates credentials for those of {@code users} that have none.
     *
     * @return the new passwords by principal, in the order given: the only time they are shown
     */
    public Map<String, String> ensure(Collection<String> users) {
        Map<String, String> created = new LinkedHashMap<>();
        for (String user : users) {
            if (!contains(user)) {
                created.put(user, create(user));
            }
        }
        return created;
    }

    /**
     * Creates credentials for a new principal.
     *
     * @return the password, to be shown once
     * @throws CredentialException when the principal already has credentials or the name is not valid
     */
    public String add(String user) {
        if (contains(user)) {
            throw new CredentialException("Principal User:" + user + " already has credentials in " + file(user)
                + "; delete the file first to issue a new password");
        }
        return create(user);
    }

    private String create(String user) {
        Path file = file(user);
        String password = generatePassword();
        try {
            createDirectory();
            Path tmp = dir.resolve("." + user + SUFFIX + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, fileAttributes(FILE_PERMS));
            Files.writeString(tmp, password, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp);
                return require(user);
            }
            return password;
        } catch (IOException e) {
            throw new CredentialException("Cannot write the credentials of User:" + user + " to " + file + ": " + e.getMessage(), e);
        }
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, fileAttributes(DIR_PERMS));
            } catch (FileAlreadyExistsException e) {
                // created concurrently: fine
            }
        }
        if (posix()) {
            // createDirectory's attributes are filtered by the umask; set them explicitly.
            Files.setPosixFilePermissions(dir, DIR_PERMS);
        }
    }

    private Path file(String user) {
        if (user == null || !NAME.matcher(user).matches()) {
            throw new CredentialException("'" + user + "' is not a valid principal name: lower-case letters, digits and '-', "
                + "starting with a letter, at most 32 characters");
        }
        return dir.resolve(user + SUFFIX);
    }

    private FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> perms) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }

    private boolean posix() {
        try {
            Path probe = Files.exists(dir) ? dir : dir.getParent();
            return Files.getFileStore(probe).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }

    /** 32 random letters and digits (about 190 bits). */
    public static String generatePassword() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** Every name of {@code users} that is not valid as a principal name; empty when all are. */
    static List<String> invalid(Collection<String> users) {
        List<String> bad = new ArrayList<>();
        for (String u : users) {
            if (u == null || !NAME.matcher(u).matches()) {
                bad.add(u);
            }
        }
        return bad;
    }
}
