package gt.enlace.publisher.gateway;

import gt.enlace.schemas.catalog.TopicCatalog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The gateway's Spring configuration, imported by the platform's web application. Binds {@code enlace.gateway.*}
 * ({@link GatewayProperties}); Kafka and the registry default to {@code enlace.platform.bootstrap-servers} and
 * {@code enlace.platform.registry-url}. Uses the context's {@link TopicCatalog} bean when there is one, else the
 * bundled catalog, and the context's {@link GatewayAuthorizer} when there is one, else {@link GatewayAuthorizer#ALLOW_ALL}.
 * {@code enlace.gateway.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "enlace.gateway", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    /** {@code enlace.gateway.bootstrap-servers}, else {@code enlace.platform.bootstrap-servers}. */
    static String bootstrapServers(GatewayProperties properties, Environment env) {
        return require(properties.bootstrapServers() != null ? properties.bootstrapServers()
            : env.getProperty("enlace.platform.bootstrap-servers"), "enlace.gateway.bootstrap-servers");
    }

    /**
     * Kafka client properties under {@code enlace.platform.kafka.*} that every gateway client adds, e.g. the SASL
     * settings of the platform's principal on a secure bus; none by default.
     */
    static java.util.Map<String, String> kafkaClientProperties(Environment env) {
        return org.springframework.boot.context.properties.bind.Binder.get(env).bind("enlace.platform.kafka",
            org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, String.class)).orElse(java.util.Map.of());
    }

    /** {@code enlace.gateway.registry-url}, else {@code enlace.platform.registry-url}. */
    static String registryUrl(GatewayProperties properties, Environment env) {
        return require(properties.registryUrl() != null ? properties.registryUrl()
            : env.getProperty("enlace.platform.registry-url"), "enlace.gateway.registry-url");
    }

    private static String require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the gateway needs " + key + " (or the enlace.platform.* default)");
        }
        return value;
    }

    @Bean(destroyMethod = "close")
    GatewayPublishers gatewayPublishers(GatewayProperties properties, Environment env, ObjectProvider<TopicCatalog> catalog) {
        return new GatewayPublishers(bootstrapServers(properties, env), kafkaClientProperties(env), registryUrl(properties, env), properties.system(),
            properties.kafkaTimeout(), catalog.getIfAvailable(TopicCatalog::loadDefault)).signingKeys(properties.signingKeysDir());
    }

    @Bean(destroyMethod = "close")
    IdempotencyStore gatewayIdempotencyStore(GatewayProperties properties, Environment env) {
        return new IdempotencyStore(bootstrapServers(properties, env), kafkaClientProperties(env), properties.idempotencyTopic(),
            properties.idempotencyRetention(), properties.kafkaTimeout());
    }

    @Bean(destroyMethod = "close")
    LazyCsvProgressStore gatewayCsvProgressStore(GatewayProperties properties, Environment env) {
        return new LazyCsvProgressStore(bootstrapServers(properties, env), kafkaClientProperties(env));
    }

    @Bean
    CsvUploadController gatewayCsvUploadController(GatewayProperties properties, GatewayPublishers publishers,
                                                   LazyCsvProgressStore progress, ObjectProvider<GatewayAuthorizer> authorizer) {
        return new CsvUploadController(properties, publishers, progress, authorizer.getIfAvailable(() -> GatewayAuthorizer.ALLOW_ALL));
    }

    @Bean
    GatewayController gatewayController(GatewayProperties properties, GatewayPublishers publishers, IdempotencyStore store,
                                        ObjectProvider<GatewayAuthorizer> authorizer) {
        return new GatewayController(properties, publishers, store, authorizer.getIfAvailable(() -> GatewayAuthorizer.ALLOW_ALL));
    }
}
