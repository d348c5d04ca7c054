package gt.enlace.registry;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import gt.enlace.bus.security.HttpAuthenticator;
import gt.enlace.registry.cluster.LeaderElector;
import gt.enlace.registry.config.RegistryProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running schema registry: a Spring Boot servlet application of its own (own port, own context, no banner,
 * no application.properties of the host picked up, the host's logging left alone) on top of the Kafka store.
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.start(Map.of(
 *         "enlace.registry.bootstrap-servers", "127.0.0.1:9092",
 *         "server.address", "127.0.0.1",
 *         "server.port", 8081))) {
 *     URI base = URI.create(registry.url());   // http://127.0.0.1:8081
 * }
 * }</pre>
 *
 * <p>Properties: every {@code enlace.registry.*} key of {@link RegistryProperties} (only
 * {@value RegistryProperties#BOOTSTRAP_SERVERS} is required), plus Spring Boot's {@code server.port}
 * (default 8081, {@code 0} = a free port) and {@code server.address} (default {@code 127.0.0.1}).
 * {@link #start(Map)} returns once the registry has read its topic to the end and listens.
 */
public final class RegistryServer implements AutoCloseable {

    /** Confluent's port, the default of {@code server.port}. */
    public static final int DEFAULT_PORT = 8081;
    /** Default of {@code server.address}. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1";

    private final ConfigurableApplicationContext context;
    private final int port;
    private final String address;

    private RegistryServer(ConfigurableApplicationContext context, String address) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.address = address;
    }

    /**
     * Starts a registry with these properties (values may be strings, numbers or {@code Duration}s).
     *
     * @throws IllegalArgumentException when a property is invalid (e.g. no bootstrap servers)
     * @throws IllegalStateException    when the topic is unusable or the cluster does not answer in time
     */
    public static RegistryServer start(Map<String, ?> properties) {
        return start(properties, null);
    }

    /**
     * Starts a registry that authenticates every request with {@code authenticator} (HTTP Basic, per-institution
     * subject ownership, see {@link gt.enlace.registry.security.RegistryAccessFilter}); the platform uses it when the
     * bus is secure.
     *
     * @param properties    as for {@link #start(Map)}
     * @param authenticator checks credentials and records failures; null for an open registry (unless
     *                      {@value gt.enlace.registry.security.RegistryAccessFilter#CREDENTIALS_DIR} is set)
     */
    public static RegistryServer start(Map<String, ?> properties, HttpAuthenticator authenticator) {
        Objects.requireNonNull(properties, "'properties' cannot be null");
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", DEFAULT_PORT);
        props.put("server.address", DEFAULT_ADDRESS);
        props.put("spring.main.banner-mode", "off");
        props.put("spring.main.log-startup-info", "false");
        // Never read the host application's application.properties / application.yml.
        props.put("spring.config.name", "enlace-registry");
        props.put("spring.web.resources.add-mappings", "false");
        props.put("server.error.whitelabel.enabled", "false");
        props.put("server.shutdown", "immediate");
        // Keep-alive connections are never closed after a number of requests (Tomcat's default closes them every
        // 100, so a busy client reconnects over and over); Confluent's Jetty does not limit them either.
        props.put("server.tomcat.max-keep-alive-requests", -1);
        props.putAll(properties);
        SpringApplication application = new SpringApplicationBuilder(RegistryApplication.class)
            .web(WebApplicationType.SERVLET)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .registerShutdownHook(false)
            .properties(props)
            .initializers(ctx -> {
                if (authenticator != null) {
                    ctx.getBeanFactory().registerSingleton("registryAuthenticator", authenticator);
                }
            })
            .build();
        // The host owns logging: do not let this child application re-initialise it.
        Set<ApplicationListener<?>> listeners = new LinkedHashSet<>(application.getListeners());
        listeners.removeIf(LoggingApplicationListener.class::isInstance);
        application.setListeners(listeners);
        try {
            ConfigurableApplicationContext context = application.run();
            RegistryProperties registry = context.getBean(RegistryProperties.class);
            if (!context.getBean(LeaderElector.class).awaitLeader(registry.initTimeout())) {
                context.close();
                throw new IllegalStateException("No schema registry leader was elected within "
                    + registry.initTimeout().toSeconds() + " s; is the Kafka group coordinator reachable?");
            }
            return new RegistryServer(context, String.valueOf(props.get("server.address")));
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException || root instanceof IllegalStateException) {
                throw root instanceof IllegalArgumentException iae ? new IllegalArgumentException(iae.getMessage(), e)
                    : new IllegalStateException(root.getMessage(), e);
            }
            throw e;
        }
    }

    /** The port it listens on (the real one when started with port 0). */
    public int port() {
        return port;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return urlOf(address, port);
    }

    /**
     * The URL a registry listening on {@code address} and {@code port} is reached at from this host: loopback
     * when it listens on every interface, brackets around an IPv6 address.
     */
    public static String urlOf(String address, int port) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        if ("0.0.0.0".equals(address)) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port;
    }

    /** Stops the HTTP server and the Kafka clients; safe to call more than once. */
    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
