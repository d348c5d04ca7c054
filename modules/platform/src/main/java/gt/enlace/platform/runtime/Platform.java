package gt.enlace.platform.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.platform.governance.CatalogSchemaRegistrar;
import gt.enlace.platform.security.PlatformSecurity;
import gt.enlace.platform.security.SecurityConfiguration;
import gt.enlace.platform.web.RegistryHealth;
import gt.enlace.registry.RegistryServer;
import gt.enlace.registry.config.RegistryProperties;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import gt.enlace.platform.topics.TopicProvisioner;
import gt.enlace.platform.web.BrokerHealth;
import gt.enlace.platform.web.ComponentHealth;
import gt.enlace.platform.web.PlatformWebApplication;
import gt.enlace.platform.web.WebProperties;
import gt.enlace.portal.PortalProperties;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.web.SurveyProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running Enlace platform, or the part of it this process runs ({@link PlatformSettings#roles()}): the
 * embedded broker (broker role), the catalog's topics (whenever another role needs them), the schema
 * registry with the catalog's schemas (registry role), and the HTTP roles (gateway, survey). The HTTP port
 * always serves {@code /health}, which reports the roles of this process only. {@link #start} returns only
 * when {@code /health} answers 200;
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
    private PlatformSecurity security;
    private Map<String, String> clientSecurity = Map.of();
    private gt.enlace.bus.audit.AuditLog auditLog;

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
        progress.accept("Roles: " + PlatformRole.names(settings.roles()));
        if (settings.embeddedBroker() || settings.secure()) {
            // A read-only or full data disk fails here with the directory's name, before anything writes to it.
            DataDirectory.check(settings.dataDir());
        }
        if (settings.secure()) {
            security = PlatformSecurity.prepare(settings.dataDir(), catalog, settings.embeddedBroker() ? settings.kafkaDataDir() : null);
            clientSecurity = security.adminClientProperties();
            progress.accept("Security on: every Kafka client logs in with SCRAM, ACLs deny by default (credentials in "
                + security.store().directory() + ")");
        }
        // Fail before the broker spends seconds starting when an HTTP port is already taken.
        if (settings.httpPort() != 0) {
            EmbeddedBroker.checkPortFree(settings.httpPort(), "HTTP server");
        }
        if (settings.runs(PlatformRole.REGISTRY) && settings.registryPort() != 0) {
            EmbeddedBroker.checkPortFree(settings.registryPort(), "schema registry");
        }
        if (settings.embeddedBroker()) {
            long t0 = System.nanoTime();
            progress.accept("Starting the embedded Kafka broker (data in " + settings.kafkaDataDir().toAbsolutePath() + ")");
            EmbeddedBroker broker = EmbeddedBroker.builder()
                .dataDir(settings.kafkaDataDir())
                .port(settings.kafkaPort())
                .controllerPort(settings.controllerPort())
                .with(b -> { if (security != null) b.scram(ClientSecurity.ADMIN, security.adminPassword()); })
                .build()
                .start();
            stopOrder.push(broker);
            bootstrapServers = broker.bootstrapServers();
            progress.accept("Kafka broker ready on " + bootstrapServers + " in " + millisSince(t0) + " ms");
        } else {
            bootstrapServers = settings.bootstrapServers().orElseThrow();
            progress.accept("Using the Kafka cluster at " + bootstrapServers);
        }

        Properties adminProps = adminConfig(bootstrapServers);
        adminProps.putAll(clientSecurity);
        Admin admin = Admin.create(adminProps);
        stopOrder.push(() -> admin.close(Duration.ofSeconds(5)));
        if (security != null) {
            security.registerPrincipals(admin);
        }
        short replicationFactor = replicationFactor(admin);
        if (settings.runs(PlatformRole.REGISTRY) || settings.runsWebRoles()) {
            // Idempotent: every process whose roles use the catalog's topics makes sure they exist, so
            // roles can start on separate hosts in any order.
            TopicProvisioner.Result provisioned = new TopicProvisioner(admin, replicationFactor).provision(catalog);
            progress.accept("Catalog topics ready: " + catalog.topics().size() + " topics plus their dead-letter topics ("
                + provisioned.created().size() + " created, " + provisioned.reconfigured().size() + " reconfigured)");
            startAudit(admin, replicationFactor, provisioned, progress);
        }

        List<ComponentHealth> health = new ArrayList<>();
        if (settings.embeddedBroker()) {
            health.add(new BrokerHealth(admin, bootstrapServers));
        }
        if (settings.runs(PlatformRole.REGISTRY)) {
            long t0 = System.nanoTime();
            Map<String, Object> registryProperties = new HashMap<>();
            registryProperties.put("enlace.registry.bootstrap-servers", bootstrapServers);
            registryProperties.put("enlace.registry.topic-replication-factor", replicationFactor);
            registryProperties.put("server.port", settings.registryPort());
            clientSecurity.forEach((k, v) -> registryProperties.put(RegistryProperties.KAFKA + "." + k, v));
            registryProperties.put("server.address", settings.bindAddress());
            advertisedRegistryUrl().ifPresent(url -> registryProperties.put(RegistryProperties.ADVERTISED_URL, url));
            RegistryServer registry = RegistryServer.start(registryProperties);
            stopOrder.push(registry);
            registryUrl = registry.url();
            SchemaRegistryClient registryClient = new CachedSchemaRegistryClient(
                Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl));
            stopOrder.push(registryClient);
            int subjects = new CatalogSchemaRegistrar(registryClient).registerAll(catalog).size();
            audit("schemas.register", "registry/" + registryUrl, Map.of("subjects", String.valueOf(subjects)));
            progress.accept("Schema registry ready on " + registryUrl + " with the catalog's " + subjects + " subjects in "
                + millisSince(t0) + " ms");
            health.add(new RegistryHealth(registryUrl));
        } else {
            registryUrl = settings.registryUrl().orElse(null);
            if (registryUrl != null && settings.runsWebRoles()) {
                // The registry may be Confluent's (docker-compose's "confluent" profile), which knows nothing
                // of the catalog: the web roles make sure its schemas are there. Registering a schema a
                // second time returns the id it already has.
                SchemaRegistryClient registryClient = new CachedSchemaRegistryClient(
                    Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl));
                stopOrder.push(registryClient);
                int subjects = new CatalogSchemaRegistrar(registryClient).registerAll(catalog).size();
                audit("schemas.register", "registry/" + registryUrl, Map.of("subjects", String.valueOf(subjects)));
                progress.accept("Using the schema registry at " + registryUrl + " (the catalog's " + subjects
                    + " subjects registered)");
            }
        }
        if (settings.runsWebRoles()) {
            ComponentHealth kafka = new BrokerHealth(admin, bootstrapServers);
            ComponentHealth registry = new RegistryHealth(registryUrl);
            for (PlatformRole role : List.of(PlatformRole.GATEWAY, PlatformRole.SURVEY)) {
                if (settings.runs(role)) {
                    Map<String, ComponentHealth> dependencies = new LinkedHashMap<>();
                    dependencies.put("kafka", kafka);
                    dependencies.put("schemaRegistry", registry);
                    health.add(new RoleHealth(role, dependencies));
                }
            }
        }

        long t0 = System.nanoTime();
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", String.valueOf(settings.httpPort()));
        properties.put("server.address", settings.bindAddress());
        // Answers Spring gives itself (unknown path, wrong method, a parameter of the wrong type) say what is wrong.
        properties.put("spring.web.error.include-message", "always");
        ConfigurableApplicationContext web;
        if (settings.runsWebRoles()) {
            // What the web roles (gateway, survey, portal) need to know about the rest of the platform.
            properties.put(WebProperties.BOOTSTRAP_SERVERS, bootstrapServers);
            properties.put(WebProperties.REGISTRY_URL, registryUrl);
            properties.put(WebProperties.DATA_DIR, settings.dataDir().toAbsolutePath().toString());
            properties.put(SecurityConfiguration.ENABLED, String.valueOf(settings.secure()));
            clientSecurity.forEach((k, v) -> properties.put(SecurityConfiguration.KAFKA_PREFIX + "." + k, v));
            properties.put("enlace.gateway.enabled", String.valueOf(settings.runs(PlatformRole.GATEWAY)));
            // The gateway and its CSV bridge sign every event with the owning institution's key.
            properties.put("enlace.gateway.signing-keys-dir", keyStore().dir().toAbsolutePath().toString());
            properties.put(SurveyProperties.ENABLED, String.valueOf(settings.runs(PlatformRole.SURVEY)));
            // The portal's pages (dashboard, catalog, upload, onboarding) travel with the survey role.
            properties.put(PortalProperties.ENABLED, String.valueOf(settings.runs(PlatformRole.SURVEY)));
            web = webApplication(PlatformWebApplication.class, properties, ctx -> {
                ctx.getBeanFactory().registerSingleton("topicCatalog", catalog);
                ctx.getBeanFactory().registerSingleton("kafkaAdmin", admin);
                if (auditLog != null) {
                    ctx.getBeanFactory().registerSingleton("auditLog", auditLog);
                }
            }, health);
        } else {
            // No web role: the HTTP port serves /health alone, for load balancers and orchestrators.
            web = webApplication(HealthOnlyApplication.class, properties, ctx -> { }, health);
        }
        stopOrder.push(web);
        httpPort = Integer.parseInt(web.getEnvironment().getProperty("local.server.port", "0"));
        progress.accept("HTTP ready on " + httpUrl() + " in " + millisSince(t0) + " ms");
    }

    /**
     * Where followers forward writes to this registry: the configured URL, or, when listening on every
     * interface at a fixed port, this host's name (a container's name on a Docker network), since the
     * loopback address the registry would otherwise advertise is useless to other hosts.
     */
    private Optional<String> advertisedRegistryUrl() {
        if (settings.registryAdvertisedUrl().isPresent()) {
            return settings.registryAdvertisedUrl();
        }
        if ("0.0.0.0".equals(settings.bindAddress()) && settings.registryPort() != 0) {
            try {
                return Optional.of("http://" + InetAddress.getLocalHost().getHostName() + ":" + settings.registryPort());
            } catch (UnknownHostException e) {
                log.warn("This host has no resolvable name; give --registry-advertised-url for other registries to reach this one");
            }
        }
        return Optional.empty();
    }

    private static ConfigurableApplicationContext webApplication(Class<?> source, Map<String, Object> properties,
                                                                 Consumer<ConfigurableApplicationContext> beans,
                                                                 List<ComponentHealth> health) {
        return new SpringApplicationBuilder(source)
            .web(WebApplicationType.SERVLET)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .registerShutdownHook(false)
            .properties(properties)
            .initializers(ctx -> {
                for (ComponentHealth component : health) {
                    ctx.getBeanFactory().registerSingleton(component.name() + "Health", component);
                }
                beans.accept(ctx);
            })
            .run();
    }

    /** The roles this process runs. */
    public Set<PlatformRole> roles() {
        return settings.roles();
    }

    /** {@code bootstrap.servers} of the cluster the platform uses. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Base URL of the schema registry, e.g. {@code http://127.0.0.1:8081}: this process's when it runs the
     * registry role, otherwise the configured one ({@code null} when there is none).
     */
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

    /**
     * Signing keys (one Ed25519 pair per catalog institution, created at the first start) and the audit log of
     * {@code _enlace.audit}, opened by the processes that provision topics.
     */
    private void startAudit(Admin admin, short replicationFactor, TopicProvisioner.Result provisioned, Consumer<String> progress) {
        gt.enlace.bus.signing.InstitutionKeyStore keys = keyStore();
        int created = 0;
        for (gt.enlace.schemas.catalog.InstitutionDefinition institution : catalog.institutions()) {
            boolean existed = java.nio.file.Files.exists(keys.privateKeyFile(institution.code()));
            keys.signingKey(institution.code());
            created += existed ? 0 : 1;
        }
        Map<String, Object> clientConfig = new HashMap<>(clientSecurity);
        clientConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        gt.enlace.platform.audit.KafkaAuditLog kafkaAudit = gt.enlace.platform.audit.KafkaAuditLog.open(clientConfig, admin,
            replicationFactor);
        stopOrder.push(kafkaAudit);
        auditLog = kafkaAudit;
        if (created > 0) {
            audit("keys.create", "keys/" + keys.dir().toAbsolutePath(), Map.of("institutions", String.valueOf(created)));
        }
        if (!provisioned.created().isEmpty() || !provisioned.reconfigured().isEmpty() || !provisioned.partitionsRaised().isEmpty()) {
            audit("topics.provision", "catalog/" + catalog.source(), Map.of(
                "created", summary(provisioned.created()),
                "reconfigured", summary(provisioned.reconfigured()),
                "partitionsRaised", summary(provisioned.partitionsRaised())));
        }
        progress.accept("Signing keys in " + keys.dir().toAbsolutePath() + " (" + created + " created); audit log "
            + gt.enlace.bus.audit.AuditLog.TOPIC + " at entry " + kafkaAudit.lastSeq());
    }

    private void audit(String action, String target, Map<String, String> details) {
        if (auditLog != null) {
            auditLog.append(gt.enlace.bus.audit.AuditEntry.PLATFORM_ACTOR, action, target, details);
        }
    }

    private static String summary(List<String> names) {
        String joined = String.join(",", names);
        return joined.length() <= 3000 ? joined : joined.substring(0, 2990) + ",… (" + names.size() + ")";
    }

    /** The institutions' signing keys, under {@code <data-dir>/keys/}. */
    public gt.enlace.bus.signing.InstitutionKeyStore keyStore() {
        return new gt.enlace.bus.signing.InstitutionKeyStore(settings.dataDir().resolve("keys"));
    }

    /**
     * The audit log ({@code _enlace.audit}) that records administrative actions; also the web application's
     * {@code auditLog} bean. Null in a process that provisions no topics (a broker-only process).
     */
    public gt.enlace.bus.audit.AuditLog auditLog() {
        return auditLog;
    }

    /**
     * The Kafka client properties of the platform's own principal ({@code security.protocol}, SASL settings) when
     * {@linkplain PlatformSettings#secure() secure}; empty otherwise.
     */
    public Map<String, String> kafkaClientProperties() {
        return clientSecurity;
    }

    /** Passwords created by this start (first secure start), by principal; shown once by {@code enlace up}. */
    public Map<String, String> newCredentials() {
        return security == null ? Map.of() : security.newCredentials();
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
