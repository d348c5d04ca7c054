package gt.enlace.platform.cli.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.platform.security.CredentialStore;
import picocli.CommandLine.Option;

/**
 * {@code --user} and {@code --password-file}: how a command line logs in to a secure bus. The password comes from
 * {@code --password-file}, else the {@code ENLACE_PASSWORD} environment variable, else
 * {@code ./data/credentials/<user>.password}. Without {@code --user} the client connects without credentials, as to
 * {@code enlace up --insecure}.
 */
public final class KafkaLogin {

    @Option(names = "--user", paramLabel = "PRINCIPAL",
        description = "Log in to a secure bus as this principal (an institution code, or admin).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "File holding the password of --user (default: ENLACE_PASSWORD, else ./data/credentials/USER.password).")
    Path passwordFile;

    /** The SASL client properties of {@code --user}, or none without it. */
    public Map<String, String> clientProperties() {
        if (user == null || user.isBlank()) {
            return Map.of();
        }
        return ClientSecurity.scram(user, password());
    }

    /**
     * The schema registry client properties of {@code --user} (Confluent's {@code basic.auth.credentials.source=USER_INFO}
     * and {@code basic.auth.user.info}): a secure platform's registry takes the same user and password over HTTP Basic.
     * None without {@code --user}.
     */
    public Map<String, String> registryProperties() {
        if (user == null || user.isBlank()) {
            return Map.of();
        }
        return Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", user + ":" + password());
    }

    /** The {@code Authorization} header value of {@code --user} for the platform's HTTP APIs, or null without it. */
    public String basicAuthorization() {
        if (user == null || user.isBlank()) {
            return null;
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password()).getBytes(StandardCharsets.UTF_8));
    }

    private String password() {
        String password;
        if (passwordFile != null) {
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the password of User:" + user + " from " + passwordFile
                    + ": " + e.getMessage(), e);
            }
        } else if (System.getenv("ENLACE_PASSWORD") != null && !System.getenv("ENLACE_PASSWORD").isBlank()) {
            password = System.getenv("ENLACE_PASSWORD").trim();
        } else {
            password = CredentialStore.in(Path.of(PlatformSettings.DEFAULT_DATA_DIR)).require(user);
        }
        return password;
    }
}
