package gt.enlace.bus.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the platform's credentials directory ({@code <data-dir>/credentials}): {@code <user>.password} holds a
 * principal's password (the same as its Kafka SCRAM password) and the optional {@code <user>.role} its
 * {@link HttpRole} ({@code evaluator}; {@code admin} for the user {@code admin} whatever the file says; an institution
 * otherwise). Files are read on every check, so a password or role changed by {@code enlace institutions} applies at
 * once, without a restart. Writing is the platform's business ({@code CredentialStore}).
 */
public final class CredentialDirectory implements HttpAuthenticator.PasswordCheck {

    /** Suffix of a password file. */
    public static final String PASSWORD_SUFFIX = ".password";
    /** Suffix of a role file. */
    public static final String ROLE_SUFFIX = ".role";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final Path dir;

    /** @param dir the credentials directory */
    public CredentialDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The directory read. */
    public Path directory() {
        return dir;
    }

    /** Whether {@code user} is a valid principal name: lower-case letters, digits and '-', starting with a letter. */
    public static boolean validName(String user) {
        return user != null && NAME.matcher(user).matches();
    }

    @Override
    public Optional<HttpPrincipal> check(String user, String password) {
        if (!validName(user) || password == null) {
            return Optional.empty();
        }
        Optional<String> stored = read(dir.resolve(user + PASSWORD_SUFFIX));
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().getBytes(StandardCharsets.UTF_8),
            password.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new HttpPrincipal(user, role(user)));
    }

    /** The role of {@code user}: admin for {@code admin}, else the role file's, else institution. */
    public HttpRole role(String user) {
        if (ClientSecurity.ADMIN.equals(user)) {
            return HttpRole.ADMIN;
        }
        if (!validName(user)) {
            return HttpRole.INSTITUTION;
        }
        return read(dir.resolve(user + ROLE_SUFFIX)).flatMap(HttpRole::of)
            // Only the user named admin is the admin: a role file cannot make another principal one.
            .filter(r -> r != HttpRole.ADMIN).orElse(HttpRole.INSTITUTION);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
