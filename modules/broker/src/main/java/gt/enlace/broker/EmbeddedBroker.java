package gt.enlace.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker running in this JVM: KRaft mode with the broker and
 * controller roles in one process, started from Kafka's own server classes.
 *
 * <p>The storage directory is formatted on first start (a fresh cluster id is written to
 * {@code meta.properties}) and reused as-is afterwards, so records acknowledged with
 * {@code acks=all} survive a restart and an unclean stop of the JVM. Everything listens on
 * {@code 127.0.0.1} only. With {@link Builder#scram} clients must log in with SASL/SCRAM-SHA-512 and Kafka's
 * {@code StandardAuthorizer} denies whatever no ACL allows; without it (the default) anyone on this host may do anything. With {@link Builder#nodeId}, {@link Builder#quorumVoters} and
 * {@link Builder#clusterId} the node is one of several that form a cluster; {@link EmbeddedCluster}
 * sets those up.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDir(Path.of("data/kafka")).build().start()) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Listener name used by the controller quorum; never advertised to clients. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Listener name clients connect to. */
    public static final String CLIENT_LISTENER = "PLAINTEXT";

    /** Listener name clients connect to when {@link Builder#scram SCRAM} is on. */
    public static final String SASL_CLIENT_LISTENER = "SASL_PLAINTEXT";

    /** The only SASL mechanism the secure listener accepts. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /** The authorizer of a secure broker: Kafka's own, with ACLs in the KRaft metadata log. */
    public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int nodeId;
    private final String quorumVoters;
    private final String clusterId;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final Map<String, String> overrides;
    private final Duration startTimeout;
    private final String adminUser;
    private final String adminPassword;

    private KafkaRaftServer server;
    private int port;
    private int controllerPort;

    private EmbeddedBroker(Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.nodeId = builder.nodeId;
        this.quorumVoters = builder.quorumVoters;
        this.clusterId = builder.clusterId;
        this.requestedPort = builder.port;
        this.requestedControllerPort = builder.controllerPort;
        this.overrides = Map.copyOf(builder.overrides);
        this.startTimeout = builder.startTimeout;
        this.adminUser = builder.adminUser;
        this.adminPassword = builder.adminPassword;
    }

    /** Returns a builder with defaults: free ports, auto topic creation off, 1 partition per topic. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage if needed, starts the broker and waits until it answers metadata requests.
     *
     * @return this broker, for chaining
     * @throws BrokerStartException if a port is taken, the storage is unusable or the broker does
     *                              not answer within the start timeout
     */
    public synchronized EmbeddedBroker start() {
        if (server != null) {
            throw new IllegalStateException("Broker already started on " + bootstrapServers());
        }
        port = requestedPort == 0 ? freePort() : checkPortFree(requestedPort, "Kafka broker");
        controllerPort = requestedControllerPort == 0 ? freePort() : checkPortFree(requestedControllerPort, "Kafka controller");
        Path logDir = dataDir.resolve("logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new BrokerStartException("Cannot create the Kafka data directory " + logDir + ": " + e.getMessage(), e);
        }
        Map<String, String> props = config(logDir);
        formatIfNeeded(logDir);
        KafkaRaftServer raftServer = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(raftServer);
            throw new BrokerStartException("Kafka broker failed to start on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
        server = raftServer;
        awaitReady();
        log.info("Embedded Kafka broker ready on {} (data in {})", bootstrapServers(), dataDir);
        return this;
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** This node's {@code node.id}: 1 unless the builder set another. */
    public int nodeId() {
        return nodeId;
    }

    /** The port clients connect to; valid after {@link #start()}. */
    public int port() {
        return port;
    }

    /** Whether the client listener requires SCRAM authentication and ACLs are enforced. */
    public boolean secure() {
        return adminUser != null;
    }

    /**
     * The client properties that authenticate as the admin principal ({@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config}); empty for an insecure broker.
     */
    public Map<String, String> adminClientProperties() {
        return secure() ? scramClientProperties(adminUser, adminPassword) : Map.of();
    }

    /**
     * The client properties that authenticate {@code user} with SCRAM-SHA-512 over SASL_PLAINTEXT, the
     * only way into a {@link #secure()} broker.
     */
    public static Map<String, String> scramClientProperties(String user, String password) {
        return Map.of(
            "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", SCRAM_MECHANISM,
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
    }

    /** The directory holding this broker's logs and {@code meta.properties}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether {@link #start()} has completed and {@link #close()} has not been called. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker cleanly and waits for it; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        shutdownQuietly(stopping);
        log.info("Embedded Kafka broker on {}:{} stopped", HOST, port);
    }

    private Map<String, String> config(Path logDir) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(nodeId));
        props.put("controller.quorum.voters", quorumVoters != null ? quorumVoters : nodeId + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        String clientListener = secure() ? SASL_CLIENT_LISTENER : CLIENT_LISTENER;
        props.put("listeners", clientListener + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", clientListener + "://" + HOST + ":" + port);
        props.put("listener.security.protocol.map", clientListener + ":" + clientListener + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", clientListener);
        if (secure()) {
            String prefix = "listener.name." + clientListener.toLowerCase(java.util.Locale.ROOT) + "."
                + SCRAM_MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".";
            props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            props.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
            props.put(prefix + "sasl.jaas.config", scramClientProperties(adminUser, adminPassword).get("sasl.jaas.config"));
            props.put("authorizer.class.name", AUTHORIZER);
            props.put("allow.everyone.if.no.acl.found", "false");
            // ANONYMOUS is the broker itself reaching the controller over the loopback-only PLAINTEXT
            // controller listener; every client listener authenticates, so no client is ever ANONYMOUS.
            props.put("super.users", "User:" + adminUser + ";User:ANONYMOUS");
        }
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        // A single node can only ever hold one replica of anything.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are declared in the catalog; a typo in a producer must not invent a topic.
        props.put("auto.create.topics.enable", "false");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.putAll(overrides);
        return props;
    }

    private void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = this.clusterId != null ? this.clusterId : Uuid.randomUuid().toString();
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                .setPrintStream(quiet)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                // The admin's SCRAM credential goes into the bootstrap metadata so it can log in on the
                // very first start, before anything could have called alterUserScramCredentials.
                .setScramArguments(secure()
                    ? List.of(SCRAM_MECHANISM + "=[name=" + adminUser + ",password=" + adminPassword + "]")
                    : List.of())
                .run();
        } catch (Exception e) {
            throw new BrokerStartException("Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        log.info("Formatted new Kafka storage in {} (cluster id {})", logDir, clusterId);
    }

    private void awaitReady() {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        adminProps.putAll(adminClientProperties());
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerStartException("Interrupted while waiting for the Kafka broker", e);
                } catch (Exception e) {
                    last = e;
                }
            }
        }
        close();
        throw new BrokerStartException("Kafka broker on " + bootstrapServers() + " did not answer within "
            + startTimeout.toSeconds() + " s", last);
    }

    private static void shutdownQuietly(KafkaRaftServer raftServer) {
        try {
            raftServer.shutdown();
            raftServer.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Error while stopping the embedded Kafka broker", e);
        }
    }

    /** Picks a port that is free on the loopback interface right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    /**
     * Returns {@code port} if it can be bound on the loopback interface, otherwise fails with a
     * message that names the component and the port.
     */
    public static int checkPortFree(int port, String component) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return port;
        } catch (IOException e) {
            throw new BrokerStartException("Port " + port + " for the " + component + " is already in use on " + HOST
                + "; stop whatever holds it or choose another port", e);
        }
    }

    /** Builder for {@link EmbeddedBroker}. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new HashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);
        private int nodeId = NODE_ID;
        private String quorumVoters;
        private String clusterId;
        private String adminUser;
        private String adminPassword;

        private Builder() {
        }

        /**
         * Makes the broker secure: the client listener becomes SASL_PLAINTEXT with SCRAM-SHA-512 only, Kafka's
         * {@code StandardAuthorizer} checks every request, nothing is allowed without an ACL, and
         * {@code adminUser} is the super user. Its credential is written when the storage is formatted, so
         * the password must stay the same across restarts of the same data directory. Default: no security.
         *
         * @param adminUser     the super user's name, e.g. {@code admin}
         * @param adminPassword its password; letters and digits only (Kafka's format-time SCRAM syntax)
         */
        public Builder scram(String adminUser, String adminPassword) {
            if (adminUser == null || !adminUser.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("'adminUser' must be 1-64 letters, digits, '.', '_' or '-', got " + adminUser);
            }
            if (adminPassword == null || !adminPassword.matches("[A-Za-z0-9]{8,128}")) {
                throw new IllegalArgumentException("'adminPassword' must be 8-128 letters or digits");
            }
            this.adminUser = adminUser;
            this.adminPassword = adminPassword;
            return this;
        }

        /** This node's {@code node.id}; default 1. Only needed when several nodes form one cluster. */
        public Builder nodeId(int nodeId) {
            if (nodeId < 0) {
                throw new IllegalArgumentException("'nodeId' must not be negative, got " + nodeId);
            }
            this.nodeId = nodeId;
            return this;
        }

        /**
         * The controller quorum, {@code id@host:port,...}, when this node is one of several voters (then the
         * controller port must be set explicitly, to the port this node has in the list). Default: this
         * node alone.
         */
        public Builder quorumVoters(String quorumVoters) {
            this.quorumVoters = Objects.requireNonNull(quorumVoters, "'quorumVoters' cannot be null");
            return this;
        }

        /**
         * The cluster id written when the storage is formatted; every node of one cluster must share it.
         * Default: a fresh random id.
         */
        public Builder clusterId(String clusterId) {
            this.clusterId = Objects.requireNonNull(clusterId, "'clusterId' cannot be null");
            return this;
        }

        /** Where logs and {@code meta.properties} live; required. Reused across restarts. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "'dataDir' cannot be null");
            return this;
        }

        /** Client port; {@code 0} (the default) picks a free one. */
        public Builder port(int port) {
            this.port = checkPort(port, "port");
            return this;
        }

        /** Controller quorum port; {@code 0} (the default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort, "controllerPort");
            return this;
        }

        /** Applies {@code customizer} to this builder, for settings that depend on a condition. */
        public Builder with(java.util.function.Consumer<Builder> customizer) {
            customizer.accept(this);
            return this;
        }

        /** Overrides or adds one broker config, e.g. {@code auto.create.topics.enable=true}. */
        public Builder brokerConfig(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "'key' cannot be null"), Objects.requireNonNull(value, "'value' cannot be null"));
            return this;
        }

        /** How long {@link EmbeddedBroker#start()} waits for the broker to answer; default 60 s. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("'startTimeout' must be positive");
            }
            this.startTimeout = startTimeout;
            return this;
        }

        public EmbeddedBroker build() {
            if (dataDir == null) {
                throw new IllegalStateException("'dataDir' must be set");
            }
            if (quorumVoters != null && controllerPort == 0) {
                throw new IllegalStateException("'controllerPort' must be set when 'quorumVoters' is: the voters list names it");
            }
            return new EmbeddedBroker(this);
        }

        private static int checkPort(int port, String name) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("'" + name + "' must be between 0 and 65535, got " + port);
            }
            return port;
        }
    }
}
