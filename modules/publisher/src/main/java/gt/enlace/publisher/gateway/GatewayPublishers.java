package gt.enlace.publisher.gateway;

import gt.enlace.bus.headers.Channel;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublisherConfig;
import gt.enlace.schemas.catalog.TopicCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * One {@link EventPublisher} per institution the gateway publishes for, created on first use, with short Kafka
 * timeouts so that an outage becomes a 503 within {@code enlace.gateway.kafka-timeout} rather than a hung request.
 */
public final class GatewayPublishers implements AutoCloseable {

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final String registryUrl;
    private final String system;
    private final Duration kafkaTimeout;
    private final TopicCatalog catalog;
    private final Map<String, EventPublisher> publishers = new ConcurrentHashMap<>();
    private volatile java.nio.file.Path signingKeysDir;

    public GatewayPublishers(String bootstrapServers, String registryUrl, String system, Duration kafkaTimeout, TopicCatalog catalog) {
        this(bootstrapServers, Map.of(), registryUrl, system, kafkaTimeout, catalog);
    }

    /** Publishers whose producers add {@code clientProperties} (e.g. SASL settings of a secure cluster). */
    public GatewayPublishers(String bootstrapServers, Map<String, String> clientProperties, String registryUrl, String system,
                             Duration kafkaTimeout, TopicCatalog catalog) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.registryUrl = registryUrl;
        this.system = system;
        this.kafkaTimeout = kafkaTimeout;
        this.catalog = catalog;
    }

    /** The catalog topics are looked up in. */
    public TopicCatalog catalog() {
        return catalog;
    }

    /**
     * Signs every event with the owning institution's key {@code <dir>/<institution>.key}; call before the first publish.
     *
     * @param dir the key folder, or null for unsigned events
     * @return this
     */
    public GatewayPublishers signingKeys(String dir) {
        this.signingKeysDir = dir == null || dir.isBlank() ? null : java.nio.file.Path.of(dir);
        return this;
    }

    /** The publisher of an institution. */
    public EventPublisher forInstitution(String institution) {
        return publishers.computeIfAbsent(institution, this::create);
    }

    private EventPublisher create(String institution) {
        long timeout = kafkaTimeout.toMillis();
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        config.put(PublisherConfig.INSTITUTION_CONFIG, institution);
        config.put(PublisherConfig.SYSTEM_CONFIG, system);
        config.put(PublisherConfig.CHANNEL_CONFIG, Channel.GATEWAY.code());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-gateway-" + institution);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout + 1000);
        if (signingKeysDir != null) {
            // Created on first use, like the platform does at start for the catalog's institutions.
            gt.enlace.bus.signing.InstitutionKeyStore keys = new gt.enlace.bus.signing.InstitutionKeyStore(signingKeysDir);
            keys.signingKey(institution);
            config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile(institution).toString());
        }
        return new EventPublisher(config, catalog);
    }

    @Override
    public void close() {
        publishers.values().forEach(p -> p.close(Duration.ofSeconds(5)));
        publishers.clear();
    }
}
