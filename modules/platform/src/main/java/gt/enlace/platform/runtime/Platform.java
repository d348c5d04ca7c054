package gt.enlace.platform.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.platform.governance.CatalogSchemaRegistrar;
import gt.enlace.platform.web.RegistryHealth;
import gt.enlace.registry.RegistryServer;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import gt.enlace.platform.topics.TopicProvisioner;
import gt.enlace.platform.web.BrokerHealth;
import gt.enlace.platform.web.PlatformWebApplication;
import gt.enlace.platform.web.WebProperties;
import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running Enlace platform: the embedded broker (unless an existing cluster was given), the
 * catalog's topics, and the HTTP roles. {@link #start} returns only when {@code /health} answers 200;
 * {@link #close} stops everything in reverse order and is what Ctrl-C and SIGTERM call.
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);

    private final Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
    private final PlatformSettings settings;
    private final TopicCatalog catalog;
    private String bootstrapServers;
    private String registryUrl;
    private int httpPort;

    private Platform(PlatformSettings settings, TopicCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /**
     * Starts every part and returns once they all serve.
     *
     * @param settings where to run
     * @param catalog  the topics to create or update
     * @param progress receives one line per step, for people watching the start
     * @throws PlatformStartException naming the part that failed and why; whatever had started is stopped
     */
    public static Platform start(PlatformSettings settings, TopicCatalog catalog, Consumer<String> progress) {
        Platform platform = new Platform(settings, catalog);
        try {
            platform.startParts(progress);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e instanceof PlatformStartException p ? p : new PlatformStartException(e.getMessage(), e);
        }
    }

    private void startParts(Consumer<String> progress) {
        // Fail before the broker spends seconds starting when an HTTP port is already taken.
        if (settings.httpPort() != 0) {
            EmbeddedBroker.checkPortFree(settings.httpPort(), "HTTP server");
        }
        if (settings.registryPort() != 0) {
            EmbeddedBroker.checkPortFree(settings.registryPort(), "schema registry");
        }
        if (settings.embeddedBroker()) {
            long t0 = System.nanoTime();
            progress.accept("Starting the embedded Kafka broker (data in " + settings.kafkaDataDir().toAbsolutePath() + ")");
            EmbeddedBroker broker = EmbeddedBroker.builder()
                .dataDir(settings.kafkaDataDir())
                .port(settings.kafkaPort())
                .controllerPort(settings.controllerPort())
                .build()
                .start();
            stopOrder.push(broker);
            bootstrapServers = broker.bootstrapServers();
            progress.accept("Kafka broker ready on " + bootstrapServers + " in " + millisSince(t0) + " ms");
        } else {
            bootstrapServers = settings.bootstrapServers().orElseThrow();
            progress.accept("Using the Kafka cluster at " + bootstrapServers);
        }

        Admin admin = Admin.create(adminConfig(bootstrapServers));
        stopOrder.push(() -> admin.close(Duration.ofSeconds(5)));
        short replicationFactor = replicationFactor(admin);
        TopicProvisioner.Result provisioned = new TopicProvisioner(admin, replicationFactor).provision(catalog);
        progress.accept("Catalog topics ready: " + catalog.topics().size() + " topics plus their dead-letter topics ("
            + provisioned.created().size() + " created, " + provisioned.reconfigured().size() + " reconfigured)");

        long t0 = System.nanoTime();
        RegistryServer registry = RegistryServer.start(Map.of(
            "enlace.registry.bootstrap-servers", bootstrapServers,
            "enlace.registry.topic-replication-factor", replicationFactor,
            "server.port", settings.registryPort(),
            "server.address", settings.bindAddress()));
        stopOrder.push(registry);
        registryUrl = registry.url();
        SchemaRegistryClient registryClient = new CachedSchemaRegistryClient(
            Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl));
        stopOrder.push(registryClient);
        int subjects = new CatalogSchemaRegistrar(registryClient).registerAll(catalog).size();
        progress.accept("Schema registry ready on " + registryUrl + " with the catalog's " + subjects + " subjects in "
            + millisSince(t0) + " ms");

        t0 = System.nanoTime();
        ConfigurableApplicationContext web = new SpringApplicationBuilder(PlatformWebApplication.class)
            .web(WebApplicationType.SERVLET)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .registerShutdownHook(false)
            .properties(Map.of(
                "server.port", String.valueOf(settings.httpPort()),
                "server.address", settings.bindAddress(),
                // What the web roles (gateway, survey, portal) need to know about the rest of the platform.
                WebProperties.BOOTSTRAP_SERVERS, bootstrapServers,
                WebProperties.REGISTRY_URL, registryUrl,
                WebProperties.DATA_DIR, settings.dataDir().toAbsolutePath().toString()))
            .initializers(ctx -> {
                ctx.getBeanFactory().registerSingleton("brokerHealth", new BrokerHealth(admin, bootstrapServers));
                ctx.getBeanFactory().registerSingleton("registryHealth", new RegistryHealth(registryUrl));
                ctx.getBeanFactory().registerSingleton("topicCatalog", catalog);
                ctx.getBeanFactory().registerSingleton("kafkaAdmin", admin);
            })
            .run();
        stopOrder.push(web);
        httpPort = Integer.parseInt(web.getEnvironment().getProperty("local.server.port", "0"));
        progress.accept("HTTP ready on " + httpUrl() + " in " + millisSince(t0) + " ms");
    }

    /** {@code bootstrap.servers} of the cluster the platform uses. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Base URL of the schema registry, e.g. {@code http://127.0.0.1:8081}. */
    public String registryUrl() {
        return registryUrl;
    }

    /** The port {@code /health} and the web roles answer on. */
    public int httpPort() {
        return httpPort;
    }

    /** Base URL of the HTTP roles, e.g. {@code http://127.0.0.1:8080}. */
    public String httpUrl() {
        return "http://" + settings.bindAddress() + ":" + httpPort;
    }

    /** The settings this platform was started with. */
    public PlatformSettings settings() {
        return settings;
    }

    /** Stops every started part, newest first; safe to call more than once. */
    @Override
    public synchronized void close() {
        while (!stopOrder.isEmpty()) {
            AutoCloseable part = stopOrder.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}", part, e);
            }
        }
    }

    private static short replicationFactor(Admin admin) {
        try {
            int brokers = admin.describeCluster().nodes().get().size();
            return (short) Math.min(3, Math.max(1, brokers));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while asking Kafka for its brokers", e);
        } catch (Exception e) {
            throw new PlatformStartException("Kafka at the given bootstrap servers does not answer: " + e.getMessage(), e);
        }
    }

    private static Properties adminConfig(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "enlace-platform-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return props;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

}
