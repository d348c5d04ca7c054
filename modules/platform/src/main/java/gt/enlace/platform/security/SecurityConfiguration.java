package gt.enlace.platform.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import gt.enlace.bus.audit.AuditLog;
import gt.enlace.bus.security.HttpAuthenticator;
import gt.enlace.bus.security.LoginThrottle;
import gt.enlace.publisher.gateway.GatewayAuthorizer;
import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The agreements API, the ACL reconciler and HTTP Basic authentication of the web port ({@link WebAccessFilter},
 * {@link SecureGatewayAuthorizer}), in the platform's web application when security is on
 * ({@value #ENABLED}{@code =true}, which {@code enlace up} sets unless {@code --insecure}). The authenticator is the
 * one the platform registers (bean {@code httpAuthenticator}, shared with the registry so that failed logins on
 * either port count together), else one of its own over the credentials directory.
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

    /** The authenticator of the web port: the platform's, else one over the credentials directory. */
    record WebAuthentication(HttpAuthenticator authenticator) {
    }

    @Bean
    WebAuthentication enlaceWebAuthentication(ObjectProvider<HttpAuthenticator> given, CredentialStore credentials,
                                              ObjectProvider<AuditLog> audit) {
        return new WebAuthentication(given.getIfAvailable(() -> new HttpAuthenticator(credentials.reader(),
            LoginThrottle.withDefaults(), audit.getIfAvailable(), HttpAuthenticator.DEFAULT_REALM)));
    }

    @Bean
    FilterRegistrationBean<WebAccessFilter> enlaceWebAccessFilter(WebAuthentication authentication) {
        FilterRegistrationBean<WebAccessFilter> registration =
            new FilterRegistrationBean<>(new WebAccessFilter(authentication.authenticator()));
        // Before every other filter: nothing reads a request that was not authenticated.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    GatewayAuthorizer enlaceGatewayAuthorizer(WebAuthentication authentication) {
        return new SecureGatewayAuthorizer(authentication.authenticator());
    }

    @Bean
    AgreementService enlaceAgreementService(AgreementStore store, CredentialStore credentials,
                                            ObjectProvider<TopicCatalog> catalog, ObjectProvider<AuditLog> audit) {
        return new AgreementService(store, credentials, catalog.getIfAvailable(TopicCatalog::loadDefault), Clock.systemUTC(),
            audit.getIfAvailable());
    }

    /** Catalog access requests become agreement requests (replacing the portal's plain record of them). */
    @Bean
    @org.springframework.context.annotation.Primary
    gt.enlace.portal.catalog.AccessRequests enlaceAgreementAccessRequests(AgreementService service) {
        return new AgreementAccessRequests(service, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    AclReconciler enlaceAclReconciler(Admin kafkaAdmin, AgreementStore store, AgreementService service, Environment env,
                                      CredentialStore credentials, ObjectProvider<AuditLog> audit) {
        Duration period = env.getProperty(RECONCILE_PERIOD, Duration.class, AclReconciler.DEFAULT_PERIOD);
        AclReconciler reconciler = new AclReconciler(kafkaAdmin, store, service::institutions, Clock.systemUTC());
        AuditLog auditLog = audit.getIfAvailable();
        if (auditLog != null) {
            CredentialChanges changes = new CredentialChanges(credentials, auditLog);
            changes.run();
            reconciler.withAudit(auditLog).alsoEachRun(changes);
        }
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
    AgreementsController enlaceAgreementsController(AgreementService service, AclReconciler reconciler,
                                                    WebAuthentication authentication) {
        return new AgreementsController(service, reconciler, authentication.authenticator());
    }
}
