package gt.enlace.platform.runtime;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code enlace up} starts and where.
 *
 * @param dataDir          root of everything the platform stores; the embedded broker keeps its logs in
 *                         {@code <dataDir>/kafka}
 * @param bootstrapServers an existing cluster to use instead of the embedded broker; empty to start one
 *                         (then the {@link PlatformRole#BROKER broker} role is required)
 * @param kafkaPort        client port of the embedded broker (default {@value #DEFAULT_KAFKA_PORT}); 0 picks a free one
 * @param controllerPort   controller port of the embedded broker (default {@value #DEFAULT_CONTROLLER_PORT}); 0 picks a free one
 * @param httpPort         port of the web roles and {@code /health} (default {@value #DEFAULT_HTTP_PORT}); 0 picks a free one
 * @param registryPort     port of the Confluent-compatible schema registry (default {@value #DEFAULT_REGISTRY_PORT}); 0 picks a free one
 * @param bindAddress      address the HTTP listeners bind to (default {@value #DEFAULT_BIND_ADDRESS})
 * @param roles            the roles this process runs (default: {@link PlatformRole#all() all})
 * @param registryUrl      the schema registry the web roles use when this process does not run the
 *                         {@link PlatformRole#REGISTRY registry} role; required then
 * @param registryAdvertisedUrl the URL other registry instances use to forward writes to this one (the
 *                         registry role only); empty: derived from the bind address, or this host's name when
 *                         binding {@code 0.0.0.0}
 * @param secure           whether Kafka requires SCRAM credentials and enforces ACLs: institutions are principals,
 *                         the platform's own clients log in as {@code admin}, agreements become ACLs (what
 *                         {@code enlace up} does unless {@code --insecure}); {@code false} in the shorter constructors
 *                         and in {@link #ephemeral(Path)}
 */
public record PlatformSettings(
    Path dataDir,
    Optional<String> bootstrapServers,
    int kafkaPort,
    int controllerPort,
    int httpPort,
    int registryPort,
    String bindAddress,
    Set<PlatformRole> roles,
    Optional<String> registryUrl,
    Optional<String> registryAdvertisedUrl,
    boolean secure) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_REGISTRY_PORT = 8081;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final String DEFAULT_DATA_DIR = "data";

    /**
     * @throws IllegalArgumentException when the roles and the cluster do not fit together: the broker
     *                                  role with {@code bootstrapServers}, no broker role without them,
     *                                  or web roles with neither the registry role nor a registry URL
     */
    public PlatformSettings {
        Objects.requireNonNull(dataDir, "'dataDir' cannot be null");
        Objects.requireNonNull(bootstrapServers, "'bootstrapServers' cannot be null");
        Objects.requireNonNull(bindAddress, "'bindAddress' cannot be null");
        Objects.requireNonNull(roles, "'roles' cannot be null");
        Objects.requireNonNull(registryUrl, "'registryUrl' cannot be null");
        Objects.requireNonNull(registryAdvertisedUrl, "'registryAdvertisedUrl' cannot be null");
        checkPort(kafkaPort, "kafkaPort");
        checkPort(controllerPort, "controllerPort");
        checkPort(httpPort, "httpPort");
        checkPort(registryPort, "registryPort");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("'roles' must name at least one of " + PlatformRole.names(PlatformRole.all()));
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        if (roles.contains(PlatformRole.BROKER) && bootstrapServers.isPresent()) {
            throw new IllegalArgumentException("The broker role starts an embedded broker and cannot be combined with "
                + "--bootstrap-servers; drop one of them");
        }
        if (!roles.contains(PlatformRole.BROKER) && bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("Without the broker role the platform needs an existing Kafka cluster: "
                + "give --bootstrap-servers HOST:PORT");
        }
        boolean web = roles.contains(PlatformRole.GATEWAY) || roles.contains(PlatformRole.SURVEY);
        if (web && !roles.contains(PlatformRole.REGISTRY) && registryUrl.isEmpty()) {
            throw new IllegalArgumentException("The gateway and survey roles need a schema registry: add the registry "
                + "role or give --registry-url http://HOST:PORT");
        }
    }

    /** The settings without security: Kafka without authentication or ACLs. */
    public PlatformSettings(Path dataDir, Optional<String> bootstrapServers, int kafkaPort, int controllerPort,
                            int httpPort, int registryPort, String bindAddress, Set<PlatformRole> roles,
                            Optional<String> registryUrl, Optional<String> registryAdvertisedUrl) {
        this(dataDir, bootstrapServers, kafkaPort, controllerPort, httpPort, registryPort, bindAddress, roles, registryUrl,
            registryAdvertisedUrl, false);
    }

    /** The settings before roles existed: every role, with the registry in this process. */
    public PlatformSettings(Path dataDir, Optional<String> bootstrapServers, int kafkaPort, int controllerPort,
                            int httpPort, int registryPort, String bindAddress) {
        this(dataDir, bootstrapServers, kafkaPort, controllerPort, httpPort, registryPort, bindAddress,
            bootstrapServers.isEmpty() ? PlatformRole.all() : EnumSet.complementOf(EnumSet.of(PlatformRole.BROKER)),
            Optional.empty(), Optional.empty());
    }

    /** Defaults: embedded broker on 9092/9093 with data under {@code ./data}, HTTP on 127.0.0.1:8080, registry on 8081. */
    public static PlatformSettings defaults() {
        return new PlatformSettings(Path.of(DEFAULT_DATA_DIR), Optional.empty(), DEFAULT_KAFKA_PORT,
            DEFAULT_CONTROLLER_PORT, DEFAULT_HTTP_PORT, DEFAULT_REGISTRY_PORT, DEFAULT_BIND_ADDRESS);
    }

    /** Every port 0 (free ones picked at start), every role and the given data directory: what tests use. */
    public static PlatformSettings ephemeral(Path dataDir) {
        return new PlatformSettings(dataDir, Optional.empty(), 0, 0, 0, 0, DEFAULT_BIND_ADDRESS);
    }

    /**
     * Every port 0, the given roles against an existing cluster (or the embedded broker when {@code roles}
     * holds {@link PlatformRole#BROKER} and {@code bootstrapServers} is {@code null}).
     */
    public static PlatformSettings ephemeral(Path dataDir, Set<PlatformRole> roles, String bootstrapServers, String registryUrl) {
        return new PlatformSettings(dataDir, Optional.ofNullable(bootstrapServers), 0, 0, 0, 0, DEFAULT_BIND_ADDRESS,
            roles, Optional.ofNullable(registryUrl), Optional.empty());
    }

    /** The same settings with other roles and registry URL. */
    public PlatformSettings withRoles(Set<PlatformRole> newRoles, Optional<String> newRegistryUrl) {
        return new PlatformSettings(dataDir, bootstrapServers, kafkaPort, controllerPort, httpPort, registryPort,
            bindAddress, newRoles, newRegistryUrl, registryAdvertisedUrl, secure);
    }

    /** The same settings, secure or not (see {@link #secure()}). */
    public PlatformSettings withSecurity(boolean newSecure) {
        return new PlatformSettings(dataDir, bootstrapServers, kafkaPort, controllerPort, httpPort, registryPort,
            bindAddress, roles, registryUrl, registryAdvertisedUrl, newSecure);
    }

    /** Whether the platform starts its own broker rather than joining an existing cluster. */
    public boolean embeddedBroker() {
        return roles.contains(PlatformRole.BROKER);
    }

    /** Whether this process runs the role. */
    public boolean runs(PlatformRole role) {
        return roles.contains(role);
    }

    /** Whether this process serves the gateway or the survey on the HTTP port. */
    public boolean runsWebRoles() {
        return runs(PlatformRole.GATEWAY) || runs(PlatformRole.SURVEY);
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
