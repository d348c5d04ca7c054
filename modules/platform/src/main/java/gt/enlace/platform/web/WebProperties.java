package gt.enlace.platform.web;

/**
 * Properties the platform sets in its web application so that the web roles (gateway, survey,
 * portal) can reach the rest of the platform. Roles bind their own {@code enlace.<role>.*} keys and
 * default them to these, e.g. {@code bootstrap-servers: ${enlace.platform.bootstrap-servers}}.
 */
public final class WebProperties {

    /** {@code bootstrap.servers} of the cluster the platform uses. */
    public static final String BOOTSTRAP_SERVERS = "enlace.platform.bootstrap-servers";

    /** Base URL of the schema registry, e.g. {@code http://127.0.0.1:8081}. */
    public static final String REGISTRY_URL = "enlace.platform.registry-url";

    /** Absolute path of the platform's data directory; roles keep local files under it. */
    public static final String DATA_DIR = "enlace.platform.data-dir";

    private WebProperties() {
    }
}
