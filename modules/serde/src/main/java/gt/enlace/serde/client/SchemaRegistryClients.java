package gt.enlace.serde.client;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/**
 * Creates the right {@link SchemaRegistryClient} for a configuration: a
 * {@link MockSchemaRegistryClient} for {@code mock://<scope>}, else a
 * {@link CachedSchemaRegistryClient}.
 */
public final class SchemaRegistryClients {

    /** URL scheme that selects the in-memory registry. */
    public static final String MOCK_URL_PREFIX = "mock://";

    private SchemaRegistryClients() {
    }

    /**
     * @param configs Kafka-style configuration containing at least {@code schema.registry.url}
     * @return a client; the caller closes it
     * @throws ConfigException when the URL list mixes {@code mock://} with real URLs or is empty
     */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        SchemaRegistryClientConfig config = new SchemaRegistryClientConfig(configs);
        List<String> urls = config.getList(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG);
        String mockScope = mockScope(urls);
        if (mockScope != null) {
            return MockSchemaRegistryClient.forScope(mockScope);
        }
        return new CachedSchemaRegistryClient(config);
    }

    /**
     * @param urls the configured URLs
     * @return the mock scope when the URLs select the in-memory registry, else {@code null}
     */
    static String mockScope(List<String> urls) {
        if (urls.isEmpty()) {
            throw new ConfigException(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, urls, "at least one URL is required");
        }
        boolean anyMock = urls.stream().anyMatch(u -> u.startsWith(MOCK_URL_PREFIX));
        if (!anyMock) {
            return null;
        }
        if (urls.size() > 1) {
            throw new ConfigException(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, urls,
                "a mock:// URL cannot be combined with other URLs");
        }
        return urls.get(0).substring(MOCK_URL_PREFIX.length());
    }
}
