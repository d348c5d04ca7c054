package gt.enlace.publisher.autoconfigure;

import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublisherConfig;
import gt.enlace.schemas.catalog.TopicCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Gives Spring Boot applications an {@link EventPublisher} bean from {@code enlace.publisher.*}
 * ({@link EnlacePublisherProperties}) when {@code enlace.publisher.institution} is set and no such bean is defined.
 * Uses the context's {@link TopicCatalog} when there is one, else the bundled catalog. Closed with the context.
 *
 * <pre>{@code
 * @Service
 * class Births {
 *     private final EventPublisher publisher;
 *     Births(EventPublisher publisher) { this.publisher = publisher; }
 *     CompletableFuture<PublishReceipt> registered(BirthRegistered birth) {
 *         return publisher.publish("gt.renap.birth-registered.v1", birth);
 *     }
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass(EventPublisher.class)
@ConditionalOnProperty(prefix = "enlace.publisher", name = "institution")
@EnableConfigurationProperties(EnlacePublisherProperties.class)
public class EnlacePublisherAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public EventPublisher enlaceEventPublisher(EnlacePublisherProperties properties, Environment env,
                                               ObjectProvider<TopicCatalog> catalog) {
        Map<String, Object> config = new HashMap<>();
        if (properties.properties() != null) {
            config.putAll(properties.properties());
        }
        List<String> servers = properties.bootstrapServers();
        String bootstrap = servers != null && !servers.isEmpty() ? String.join(",", servers)
            : env.getProperty("spring.kafka.bootstrap-servers", "localhost:9092");
        config.put(PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, properties.schemaRegistryUrl());
        config.put(PublisherConfig.INSTITUTION_CONFIG, properties.institution());
        config.put(PublisherConfig.SYSTEM_CONFIG, properties.system());
        config.put(PublisherConfig.CHANNEL_CONFIG, properties.channel());
        config.put(PublisherConfig.VALIDATE_CONFIG, properties.validate());
        if (properties.signingKeyFile() != null && !properties.signingKeyFile().isBlank()) {
            config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, properties.signingKeyFile());
        }
        return new EventPublisher(config, catalog.getIfAvailable(TopicCatalog::loadDefault));
    }
}
