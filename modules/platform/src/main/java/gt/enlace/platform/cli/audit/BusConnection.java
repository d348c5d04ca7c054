package gt.enlace.platform.cli.audit;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.platform.security.CredentialStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Where the bus is and, on a secure bus, who reads it: the options of {@code enlace verify} and {@code enlace audit}. */
public final class BusConnection {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:" + PlatformSettings.DEFAULT_KAFKA_PORT;

    @Option(names = "--user", paramLabel = "PRINCIPAL",
        description = "On a secure bus: who reads, e.g. admin; the password comes from --password-file, ENLACE_PASSWORD "
            + "or DATA-DIR/credentials/USER.password. Without it the bus is read without logging in (enlace up --insecure).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password of --user.")
    Path passwordFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The platform's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(PlatformSettings.DEFAULT_DATA_DIR);

    /** Bootstrap servers, short timeouts and, with {@code --user}, the SCRAM login. */
    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        if (user != null) {
            config.putAll(ClientSecurity.scram(user, password()));
        }
        return config;
    }

    private String password() {
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the password of " + user + " from " + passwordFile + ": " + e.getMessage(), e);
            }
        }
        String env = System.getenv("ENLACE_PASSWORD");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return CredentialStore.in(dataDir).require(user);
    }
}
