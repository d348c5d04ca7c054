package gt.enlace.platform.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code enlace up} starts and where.
 *
 * @param dataDir          root of everything the platform stores; the embedded broker keeps its logs in
 *                         {@code <dataDir>/kafka}
 * @param bootstrapServers an existing cluster to use instead of the embedded broker; empty to start one
 * @param kafkaPort        client port of the embedded broker (default {@value #DEFAULT_KAFKA_PORT}); 0 picks a free one
 * @param controllerPort   controller port of the embedded broker (default {@value #DEFAULT_CONTROLLER_PORT}); 0 picks a free one
 * @param httpPort         port of the web roles and {@code /health} (default {@value #DEFAULT_HTTP_PORT}); 0 picks a free one
 * @param registryPort     port of the Confluent-compatible schema registry (default {@value #DEFAULT_REGISTRY_PORT}); 0 picks a free one
 * @param bindAddress      address the HTTP listeners bind to (default {@value #DEFAULT_BIND_ADDRESS})
 */
public record PlatformSettings(
    Path dataDir,
    Optional<String> bootstrapServers,
    int kafkaPort,
    int controllerPort,
    int httpPort,
    int registryPort,
    String bindAddress) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_REGISTRY_PORT = 8081;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final String DEFAULT_DATA_DIR = "data";

    public PlatformSettings {
        Objects.requireNonNull(dataDir, "'dataDir' cannot be null");
        Objects.requireNonNull(bootstrapServers, "'bootstrapServers' cannot be null");
        Objects.requireNonNull(bindAddress, "'bindAddress' cannot be null");
        checkPort(kafkaPort, "kafkaPort");
        checkPort(controllerPort, "controllerPort");
        checkPort(httpPort, "httpPort");
        checkPort(registryPort, "registryPort");
    }

    /** Defaults: embedded broker on 9092/9093 with data under {@code ./data}, HTTP on 127.0.0.1:8080, registry on 8081. */
    public static PlatformSettings defaults() {
        return new PlatformSettings(Path.of(DEFAULT_DATA_DIR), Optional.empty(), DEFAULT_KAFKA_PORT,
            DEFAULT_CONTROLLER_PORT, DEFAULT_HTTP_PORT, DEFAULT_REGISTRY_PORT, DEFAULT_BIND_ADDRESS);
    }

    /** Every port 0 (free ones picked at start) and the given data directory: what tests use. */
    public static PlatformSettings ephemeral(Path dataDir) {
        return new PlatformSettings(dataDir, Optional.empty(), 0, 0, 0, 0, DEFAULT_BIND_ADDRESS);
    }

    /** Whether the platform starts its own broker rather than joining an existing cluster. */
    public boolean embeddedBroker() {
        return bootstrapServers.isEmpty();
    }

    /** Directory of the embedded broker's storage. */
    public Path kafkaDataDir() {
        return dataDir.resolve("kafka");
    }

    private static void checkPort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + name + "' must be between 0 and 65535, got " + port);
        }
    }
}
