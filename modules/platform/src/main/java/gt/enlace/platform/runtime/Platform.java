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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.bus.security.HttpAuthenticator;
import gt.enlace.bus.security.LoginThrottle;
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
    private HttpAuthenticator httpAuthenticator;
    /** The registry's start while it runs beside the rest of the start; null once it is on the stop order. */
    private CompletableFuture<RegistryServer> registryStart;
    private DeferredAuditLog deferredAudit;

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
            platform.stopRegistryStart();
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
        short replicationFactor = replicationFactor(admin);
        boolean provisions = settings.runs(PlatformRole.REGISTRY) || settings.runsWebRoles();
        // Parts that start before the audit log is open (the registry) record through this; their entries wait for it.
        deferredAudit = provisions ? new DeferredAuditLog() : null;
        if (security != null) {
            // One authenticator for the registry's port and the web port, so failed logins on either count together.
            httpAuthenticator = new HttpAuthenticator(security.store().reader(), LoginThrottle.withDefaults(), deferredAudit,
                HttpAuthenticator.DEFAULT_REALM);
        }

        List<ComponentHealth> health = new ArrayList<>();
        if (settings.embeddedBroker()) {
            health.add(new BrokerHealth(admin, bootstrapServers));
        }
        if (settings.runs(PlatformRole.REGISTRY)) {
            // The registry needs nothing but Kafka: it starts now, beside the principals, the catalog's topics, the
            // audit log and the web roles, which is seconds off every start. The web roles only need the registry's
            // URL, so its port is chosen first. /health says "starting" until its catalog schemas are registered.
            int registryPort = settings.registryPort() != 0 ? settings.registryPort() : freePort(settings.bindAddress());
            registryUrl = RegistryServer.urlOf(settings.bindAddress(), registryPort);
            registryStart = CompletableFuture.supplyAsync(() -> startRegistry(registryPort, replicationFactor, deferredAudit,
                progress), runnable -> startThread("enlace-registry-start", runnable));
            health.add(new StartingHealth(new RegistryHealth(registryUrl, registryUserInfo()), registryStart));
        }
        if (provisions) {
            // The first consumer group (the registry's election, the survey's streams) waits for Kafka to create its
            // offsets topic; asking for a group coordinator now has it created while the steps below run.
            admin.describeConsumerGroups(List.of("enlace-platform-start"));
        }
        if (security != null) {
            security.registerPrincipals(admin);
        }
        if (provisions) {
            // Idempotent: every process whose roles use the catalog's topics makes sure they exist, so
            // roles can start on separate hosts in any order.
            // The signing keys and the audit log do not depend on the catalog's topics: they are prepared beside them.
            CompletableFuture<AuditStart> auditOpen = CompletableFuture.supplyAsync(() -> openAudit(admin, replicationFactor),
                runnable -> startThread("enlace-audit-open", runnable));
            TopicProvisioner.Result provisioned;
            try {
                provisioned = new TopicProvisioner(admin, replicationFactor).provision(catalog);
            } catch (RuntimeException e) {
                auditOpen.thenAccept(opened -> opened.log().close());
                throw e;
            }
            progress.accept("Catalog topics ready: " + catalog.topics().size() + " topics plus their dead-letter topics ("
                + provisioned.created().size() + " created, " + provisioned.reconfigured().size() + " reconfigured)");
            startAudit(join(auditOpen), provisioned, progress);
        }
        if (security != null && !security.newCredentials().isEmpty()) {
            audit("credentials.create", "credentials/" + security.store().directory(),
                Map.of("principals", String.join(",", security.newCredentials().keySet())));
        }
        if (deferredAudit != null) {
            deferredAudit.open(auditLog);
        }

        if (!settings.runs(PlatformRole.REGISTRY)) {
            registryUrl = settings.registryUrl().orElse(null);
            if (registryUrl != null && settings.runsWebRoles()) {
                // The registry may be Confluent's (docker-compose's "confluent" profile), which knows nothing
                // of the catalog: the web roles make sure its schemas are there. Registering a schema a
                // second time returns the id it already has.
                SchemaRegistryClient registryClient = new CachedSchemaRegistryClient(registryClientConfig(registryUrl));
                stopOrder.push(registryClient);
                int subjects = new CatalogSchemaRegistrar(registryClient).registerAll(catalog).size();
                audit("schemas.register", "registry/" + registryUrl, Map.of("subjects", String.valueOf(subjects)));
                progress.accept("Using the schema registry at " + registryUrl + " (the catalog's " + subjects
                    + " subjects registered)");
            }
        }
        if (settings.runsWebRoles()) {
            ComponentHealth kafka = new BrokerHealth(admin, bootstrapServers);
            ComponentHealth registry = new RegistryHealth(registryUrl, registryUserInfo());
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
        try {
            web = startWeb(properties, admin, health);
        } catch (RuntimeException e) {
            stopRegistryStart();
            throw e;
        }
        httpPort = Integer.parseInt(web.getEnvironment().getProperty("local.server.port", "0"));
        progress.accept("HTTP ready on " + httpUrl() + " in " + millisSince(t0) + " ms");
        if (registryStart != null) {
            try {
                stopOrder.push(join(registryStart));
                registryStart = null;
            } catch (RuntimeException e) {
                registryStart = null;
                web.close();
                throw e;
            }
        }
        stopOrder.push(web); // the web roles stop first, while the registry still answers them
    }

    /** Starts the web roles, or {@code /health} alone when this process runs none. */
    private ConfigurableApplicationContext startWeb(Map<String, Object> properties, Admin admin, List<ComponentHealth> health) {
        if (settings.runsWebRoles()) {
            // What the web roles (gateway, survey, portal) need to know about the rest of the platform.
            properties.put(WebProperties.BOOTSTRAP_SERVERS, bootstrapServers);
            // On a secure bus the web roles' registry clients log in as the admin: the serde takes credentials from the
            // URL's user info (basic.auth.credentials.source=URL) and never shows them; Platform.registryUrl() has none.
            properties.put(WebProperties.REGISTRY_URL, withUserInfo(registryUrl, registryUserInfo()));
            properties.put(WebProperties.DATA_DIR, settings.dataDir().toAbsolutePath().toString());
            properties.put(SecurityConfiguration.ENABLED, String.valueOf(settings.secure()));
            clientSecurity.forEach((k, v) -> properties.put(SecurityConfiguration.KAFKA_PREFIX + "." + k, v));
            properties.put("enlace.gateway.enabled", String.valueOf(settings.runs(PlatformRole.GATEWAY)));
            // The gateway and its CSV bridge sign every event with the owning institution's key.
            properties.put("enlace.gateway.signing-keys-dir", keyStore().dir().toAbsolutePath().toString());
            properties.put(SurveyProperties.ENABLED, String.valueOf(settings.runs(PlatformRole.SURVEY)));
            // The portal's pages (dashboard, catalog, upload, onboarding) travel with the survey role.
            properties.put(PortalProperties.ENABLED, String.valueOf(settings.runs(PlatformRole.SURVEY)));
            return webApplication(PlatformWebApplication.class, properties, ctx -> {
                ctx.getBeanFactory().registerSingleton("topicCatalog", catalog);
                ctx.getBeanFactory().registerSingleton("kafkaAdmin", admin);
                if (auditLog != null) {
                    ctx.getBeanFactory().registerSingleton("auditLog", auditLog);
                }
                if (httpAuthenticator != null) {
                    ctx.getBeanFactory().registerSingleton("httpAuthenticator", httpAuthenticator);
                }
            }, health);
        } else {
            // No web role: the HTTP port serves /health alone, for load balancers and orchestrators.
            return webApplication(HealthOnlyApplication.class, properties, ctx -> { }, health);
        }
    }

    /**
     * When the start fails while the registry is still starting beside it: whatever waits for the audit log gives
     * up, and the registry stops as soon as its own start returns.
     */
    private void stopRegistryStart() {
        if (deferredAudit != null) {
            deferredAudit.failed(new PlatformStartException("the platform did not start", null));
        }
        if (registryStart != null) {
            registryStart.thenAccept(RegistryServer::close);
            registryStart = null;
        }
    }

    /** Waits for a part started on another thread; its failure fails the start with its message. */
    private static <T> T join(CompletableFuture<T> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private static void startThread(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A port free right now on {@code address}, for a part whose URL others need before it listens. */
    private static int freePort(String address) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new PlatformStartException("Cannot find a free port for the schema registry on " + address + ": "
                + e.getMessage(), e);
        }
    }

    /**
     * Starts the registry on {@code port} and registers the catalog's schemas; runs beside the web roles' start.
     * The caller pushes the registry onto the stop order; the registration client is closed here.
     */
    private RegistryServer startRegistry(int port, short replicationFactor, gt.enlace.bus.audit.AuditLog audit,
                                         Consumer<String> progress) {
        long t0 = System.nanoTime();
        Map<String, Object> registryProperties = new HashMap<>();
        registryProperties.put("enlace.registry.bootstrap-servers", bootstrapServers);
        registryProperties.put("enlace.registry.topic-replication-factor", replicationFactor);
        registryProperties.put("server.port", port);
        clientSecurity.forEach((k, v) -> registryProperties.put(RegistryProperties.KAFKA + "." + k, v));
        registryProperties.put("server.address", settings.bindAddress());
        advertisedRegistryUrl().ifPresent(url -> registryProperties.put(RegistryProperties.ADVERTISED_URL, url));
        RegistryServer registry = RegistryServer.start(registryProperties, httpAuthenticator);
        int subjects;
        try (SchemaRegistryClient registryClient = new CachedSchemaRegistryClient(registryClientConfig(registryUrl))) {
            subjects = new CatalogSchemaRegistrar(registryClient).registerAll(catalog).size();
        } catch (Exception e) {
            registry.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        try {
            audit.append(gt.enlace.bus.audit.AuditEntry.PLATFORM_ACTOR, "schemas.register", "registry/" + registryUrl,
                Map.of("subjects", String.valueOf(subjects)));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        progress.accept("Schema registry ready on " + registryUrl + " with the catalog's " + subjects + " subjects in "
            + millisSince(t0) + " ms");
        return registry;
    }

    /** The platform's own registry login, {@code admin:<password>}, on a secure bus; null otherwise. */
    private String registryUserInfo() {
        return security == null ? null : ClientSecurity.ADMIN + ":" + security.adminPassword();
    }

    /** Configuration of a platform-internal registry client: the URL, plus the admin's login on a secure bus. */
    private Map<String, Object> registryClientConfig(String url) {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, url);
        String userInfo = registryUserInfo();
        if (userInfo != null) {
            config.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
            config.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG, userInfo);
        }
        return config;
    }

    /**
     * {@code url} (one or several comma-separated URLs) with {@code userInfo} ({@code user:password}) in each, unless
     * either is missing or a URL already has user info.
     */
    static String withUserInfo(String url, String userInfo) {
        if (url == null || userInfo == null) {
            return url;
        }
        int colon = userInfo.indexOf(':');
        String encoded = java.net.URLEncoder.encode(userInfo.substring(0, colon), java.nio.charset.StandardCharsets.UTF_8)
            + ":" + java.net.URLEncoder.encode(userInfo.substring(colon + 1), java.nio.charset.StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String one : url.split(",")) {
            String u = one.trim();
            int scheme = u.indexOf("://");
            int slash = scheme < 0 ? -1 : u.indexOf('/', scheme + 3);
            String authority = scheme < 0 ? "" : slash < 0 ? u.substring(scheme + 3) : u.substring(scheme + 3, slash);
            out.add(scheme < 0 || authority.contains("@") ? u : u.substring(0, scheme + 3) + encoded + "@" + u.substring(scheme + 3));
        }
        return String.join(",", out);
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
    private void startAudit(AuditStart opened, TopicProvisioner.Result provisioned, Consumer<String> progress) {
        gt.enlace.platform.audit.KafkaAuditLog kafkaAudit = opened.log();
        stopOrder.push(kafkaAudit);
        auditLog = kafkaAudit;
        gt.enlace.bus.signing.InstitutionKeyStore keys = keyStore();
        if (opened.keysCreated() > 0) {
            audit("keys.create", "keys/" + keys.dir().toAbsolutePath(), Map.of("institutions", String.valueOf(opened.keysCreated())));
        }
        if (!provisioned.created().isEmpty() || !provisioned.reconfigured().isEmpty() || !provisioned.partitionsRaised().isEmpty()) {
            audit("topics.provision", "catalog/" + catalog.source(), Map.of(
                "created", summary(provisioned.created()),
                "reconfigured", summary(provisioned.reconfigured()),
                "partitionsRaised", summary(provisioned.partitionsRaised())));
        }
        progress.accept("Signing keys in " + keys.dir().toAbsolutePath() + " (" + opened.keysCreated() + " created); audit log "
            + gt.enlace.bus.audit.AuditLog.TOPIC + " at entry " + kafkaAudit.lastSeq());
    }

    /** The open audit log and how many institutions' signing keys its start created. */
    private record AuditStart(gt.enlace.platform.audit.KafkaAuditLog log, int keysCreated) {
    }

    /** Creates the signing keys that are missing and opens the audit log; runs beside the topic provisioning. */
    private AuditStart openAudit(Admin admin, short replicationFactor) {
        gt.enlace.bus.signing.InstitutionKeyStore keys = keyStore();
        int created = 0;
        for (gt.enlace.schemas.catalog.InstitutionDefinition institution : catalog.institutions()) {
            boolean existed = java.nio.file.Files.exists(keys.privateKeyFile(institution.code()));
            keys.signingKey(institution.code());
            created += existed ? 0 : 1;
        }
        Map<String, Object> clientConfig = new HashMap<>(clientSecurity);
        clientConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new AuditStart(gt.enlace.platform.audit.KafkaAuditLog.open(clientConfig, admin, replicationFactor), created);
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
