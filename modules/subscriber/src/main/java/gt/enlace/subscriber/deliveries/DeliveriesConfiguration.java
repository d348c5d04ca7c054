package gt.enlace.subscriber.deliveries;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves {@code GET /api/v1/topics/{topic}/deliveries} in a web application that imports it (the
 * platform does). Reads the cluster from {@code enlace.platform.bootstrap-servers}; its own
 * {@link DeliveryStatus} (and so its own Admin client) is closed with the context. The Admin is kept
 * inside that bean on purpose, so that the application's own {@code Admin} bean stays the only one.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveriesConfiguration {

    /** The property naming the cluster. */
    public static final String BOOTSTRAP_SERVERS = "enlace.platform.bootstrap-servers";

    /**
     * @param bootstrapServers the cluster
     * @return the status reader
     */
    @Bean(destroyMethod = "close")
    public DeliveryStatus enlaceDeliveryStatus(@Value("${" + BOOTSTRAP_SERVERS + "}") String bootstrapServers,
                                               org.springframework.core.env.Environment env) {
        // enlace.platform.kafka.*: extra client properties (the SASL settings of the platform's principal on a secure bus).
        java.util.Map<String, Object> config = new java.util.HashMap<>(org.springframework.boot.context.properties.bind.Binder.get(env)
            .bind("enlace.platform.kafka", org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, String.class))
            .orElse(java.util.Map.of()));
        config.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new DeliveryStatus(config);
    }

    /**
     * @param enlaceDeliveryStatus the status reader
     * @return the REST controller
     */
    @Bean
    public DeliveriesController enlaceDeliveriesController(DeliveryStatus enlaceDeliveryStatus) {
        return new DeliveriesController(enlaceDeliveryStatus);
    }
}
