package gt.enlace.serde.client;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Configuration of {@link CachedSchemaRegistryClient}, with Confluent's key names and defaults so
 * that existing configuration files keep working. The serde's
 * {@link gt.enlace.serde.KafkaAvroSerDeConfig} includes every key defined here.
 */
public class SchemaRegistryClientConfig extends AbstractConfig {

    /** Comma-separated registry URLs; {@code mock://<scope>} selects an in-memory registry. */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Comma-separated list of schema registry URLs. The client "
        + "uses the first and fails over to the next on a connection failure or a 5xx answer. A URL of the form "
        + "mock://<scope> selects an in-memory registry shared by everything configured with the same scope (tests).";

    /** Where the HTTP Basic credentials come from: {@code URL} or {@code USER_INFO}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    /** Default of {@link #BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_DEFAULT = "URL";
    private static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "Where HTTP Basic credentials come from: URL "
        + "(user:password@ in the registry URL; none when the URL has no user info) or USER_INFO (basic.auth.user.info).";

    /** {@code user:password} for {@code basic.auth.credentials.source=USER_INFO}. */
    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    private static final String BASIC_AUTH_USER_INFO_DOC = "user:password sent with HTTP Basic auth when "
        + "basic.auth.credentials.source=USER_INFO.";

    /** Capacity of each client cache (schema to id per subject, id to schema, versions). */
    public static final String MAX_SCHEMAS_PER_SUBJECT_CONFIG = "max.schemas.per.subject";
    /** Default of {@link #MAX_SCHEMAS_PER_SUBJECT_CONFIG}. */
    public static final int MAX_SCHEMAS_PER_SUBJECT_DEFAULT = 1000;
    private static final String MAX_SCHEMAS_PER_SUBJECT_DOC = "Maximum number of entries in each client cache "
        + "(schemas per subject, schemas by id, versions); the least recently used entry is evicted beyond it.";

    /** Seconds a latest version stays cached; negative keeps it forever, 0 disables the cache. */
    public static final String LATEST_CACHE_TTL_CONFIG = "latest.cache.ttl.sec";
    /** Default of {@link #LATEST_CACHE_TTL_CONFIG}. */
    public static final long LATEST_CACHE_TTL_DEFAULT = 60;
    private static final String LATEST_CACHE_TTL_DOC = "Seconds an answer to 'latest version of subject' is cached. "
        + "Negative: forever; 0: not cached.";

    /** HTTP connect timeout in milliseconds. */
    public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    private static final String HTTP_CONNECT_TIMEOUT_MS_DOC = "Milliseconds to wait for a TCP connection to a registry URL.";

    /** HTTP read (response) timeout in milliseconds. */
    public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
    private static final String HTTP_READ_TIMEOUT_MS_DOC = "Milliseconds to wait for a registry's response.";

    /** Retries after a retriable failure. */
    public static final String MAX_RETRIES_CONFIG = "max.retries";
    private static final String MAX_RETRIES_DOC = "How many times a request is retried after a retriable failure "
        + "(no registry URL reachable, or HTTP 408, 429, 502, 503, 504). Other errors are never retried.";

    /** First back-off in milliseconds; doubles on each retry. */
    public static final String RETRIES_WAIT_MS_CONFIG = "retries.wait.ms";
    private static final String RETRIES_WAIT_MS_DOC = "Milliseconds to wait before the first retry; the wait doubles "
        + "on each further retry, up to retries.max.wait.ms.";

    /** Upper bound of the back-off in milliseconds. */
    public static final String RETRIES_MAX_WAIT_MS_CONFIG = "retries.max.wait.ms";
    private static final String RETRIES_MAX_WAIT_MS_DOC = "Maximum milliseconds between two retries.";

    private static final ConfigDef CONFIG = addClientConfigs(new ConfigDef());

    /**
     * @param props the configuration; unknown keys are ignored
     */
    public SchemaRegistryClientConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
    }

    /**
     * Adds the client's keys to a definition, so a component (the serde) can include them in its own.
     *
     * @param def the definition to extend
     * @return {@code def}
     */
    public static ConfigDef addClientConfigs(ConfigDef def) {
        return def
            .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
            .define(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, BASIC_AUTH_CREDENTIALS_SOURCE_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in("URL", "USER_INFO"), Importance.MEDIUM, BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
            .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, BASIC_AUTH_USER_INFO_DOC)
            .define(MAX_SCHEMAS_PER_SUBJECT_CONFIG, Type.INT, MAX_SCHEMAS_PER_SUBJECT_DEFAULT, ConfigDef.Range.atLeast(1),
                Importance.LOW, MAX_SCHEMAS_PER_SUBJECT_DOC)
            .define(LATEST_CACHE_TTL_CONFIG, Type.LONG, LATEST_CACHE_TTL_DEFAULT, Importance.LOW, LATEST_CACHE_TTL_DOC)
            .define(HTTP_CONNECT_TIMEOUT_MS_CONFIG, Type.INT, 60_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                HTTP_CONNECT_TIMEOUT_MS_DOC)
            .define(HTTP_READ_TIMEOUT_MS_CONFIG, Type.INT, 60_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                HTTP_READ_TIMEOUT_MS_DOC)
            .define(MAX_RETRIES_CONFIG, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW, MAX_RETRIES_DOC)
            .define(RETRIES_WAIT_MS_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(0), Importance.LOW, RETRIES_WAIT_MS_DOC)
            .define(RETRIES_MAX_WAIT_MS_CONFIG, Type.INT, 20_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                RETRIES_MAX_WAIT_MS_DOC);
    }

    /** @return the definition of every key, e.g. to render documentation */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }
}
