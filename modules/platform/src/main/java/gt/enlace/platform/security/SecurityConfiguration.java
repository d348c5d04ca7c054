package gt.enlace.platform.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The agreements API and the ACL reconciler, in the platform's web application when security is on
 * ({@value #ENABLED}{@code =true}, which {@code enlace up} sets unless {@code --insecure}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SecurityConfiguration.ENABLED, havingValue = "true")
public class SecurityConfiguration {

    /** Whether the bus is secure: SASL/SCRAM principals, ACLs, agreements. Default {@code false}. */
    public static final String ENABLED = "enlace.platform.security.enabled";

    /** How often the reconciler checks ACLs and agreement expiry; default 2 s. */
    public static final String RECONCILE_PERIOD = "enlace.platform.security.reconcile-period";

    /**
     * Prefix of the Kafka client properties every platform-internal client adds to its own, e.g.
     * {@code enlace.platform.kafka.security.protocol=SASL_PLAINTEXT}.
     */
    public static final String KAFKA_PREFIX = "enlace.platform.kafka";

    /** The Kafka client properties under {@value #KAFKA_PREFIX}, keys without the prefix. */
    public static Map<String, String> kafkaClientProperties(Environment env) {
        return Binder.get(env).bind(KAFKA_PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    @Bean
    CredentialStore enlaceCredentialStore(Environment env) {
        return CredentialStore.in(Path.of(env.getRequiredProperty("enlace.platform.data-dir")));
    }

    @Bean(destroyMethod = "close")
    AgreementStore enlaceAgreementStore(Admin kafkaAdmin, Environment env) throws InterruptedException {
        Map<String, Object> client = new HashMap<>(kafkaClientProperties(env));
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, env.getRequiredProperty("enlace.platform.bootstrap-servers"));
        AgreementStore store = new AgreementStore(kafkaAdmin, client);
        if (!store.awaitReady(Duration.ofSeconds(60))) {
            store.close();
            throw new IllegalStateException("Could not read the agreements from Kafka within 60 s");
        }
        return store;
    }

    @Bean
    AgreementService enlaceAgreementService(AgreementStore store, CredentialStore credentials,
                                            ObjectProvider<TopicCatalog> catalog) {
        return new AgreementService(store, credentials, catalog.getIfAvailable(TopicCatalog::loadDefault), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    AclReconciler enlaceAclReconciler(Admin kafkaAdmin, AgreementStore store, AgreementService service, Environment env) {
        Duration period = env.getProperty(RECONCILE_PERIOD, Duration.class, AclReconciler.DEFAULT_PERIOD);
        AclReconciler reconciler = new AclReconciler(kafkaAdmin, store, service::institutions, Clock.systemUTC());
        try {
            // A first run before the API serves, so the institutions' default ACLs exist once the platform is up.
            reconciler.reconcile();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class).warn("First ACL reconciliation failed, the timer "
                + "retries: {}", e.getMessage());
        }
        return reconciler.start(period);
    }

    @Bean
    AgreementsController enlaceAgreementsController(AgreementService service, AclReconciler reconciler) {
        return new AgreementsController(service, reconciler);
    }
}
