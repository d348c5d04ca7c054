package gt.enlace.registry;

import java.nio.file.Path;

import gt.enlace.bus.security.CredentialDirectory;
import gt.enlace.bus.security.HttpAuthenticator;
import gt.enlace.bus.security.LoginThrottle;
import gt.enlace.registry.cluster.LeaderElector;
import gt.enlace.registry.cluster.LeaderForwardingFilter;
import gt.enlace.registry.config.RegistryProperties;
import gt.enlace.registry.rest.CompatibilityController;
import gt.enlace.registry.rest.ConfigController;
import gt.enlace.registry.rest.ModeController;
import gt.enlace.registry.rest.RegistryErrorController;
import gt.enlace.registry.rest.RegistryExceptionHandler;
import gt.enlace.registry.rest.RootController;
import gt.enlace.registry.rest.SchemasController;
import gt.enlace.registry.rest.SubjectsController;
import gt.enlace.registry.rest.WebConfig;
import gt.enlace.registry.security.RegistryAccessFilter;
import gt.enlace.registry.service.RegistryService;
import gt.enlace.registry.storage.KafkaSchemaStore;
import gt.enlace.registry.storage.RegistryState;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Import;

/**
 * The registry's Spring application: only the servlet, MVC and error auto-configurations it needs (no
 * classpath scanning, no Kafka or data auto-configuration), so it starts fast and stays the same whatever
 * else the platform puts on the classpath. Started through {@link RegistryServer}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    HttpEncodingAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    ErrorMvcAutoConfiguration.class})
@EnableConfigurationProperties(RegistryProperties.class)
@Import({WebConfig.class, RegistryExceptionHandler.class, RegistryErrorController.class, RootController.class,
    SchemasController.class, SubjectsController.class, CompatibilityController.class, ConfigController.class,
    ModeController.class})
public class RegistryApplication {

    @Bean(destroyMethod = "close")
    KafkaSchemaStore kafkaSchemaStore(RegistryProperties properties) {
        KafkaSchemaStore store = new KafkaSchemaStore(properties, new RegistryState());
        store.start();
        return store;
    }

    @Bean(destroyMethod = "close")
    LeaderElector leaderElector(RegistryProperties properties) {
        return new LeaderElector(properties);
    }

    @Bean
    LeaderForwardingFilter leaderForwardingFilter(LeaderElector elector, RegistryProperties properties,
                                                  KafkaSchemaStore store) {
        return new LeaderForwardingFilter(elector, properties, store::catchUp);
    }

    /** Joins the election once the port is known, advertising the URL followers forward writes to. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> joinLeaderElection(LeaderElector elector, RegistryProperties properties,
                                                                      Environment environment) {
        return event -> {
            String url = properties.advertisedUrl();
            if (url == null || url.isBlank()) {
                String host = environment.getProperty("server.address", RegistryServer.DEFAULT_ADDRESS);
                if (host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host)) {
                    host = RegistryServer.DEFAULT_ADDRESS;
                }
                url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + event.getWebServer().getPort();
            }
            elector.start(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        };
    }

    /**
     * HTTP Basic authentication and subject ownership ({@link RegistryAccessFilter}), before every other filter, when
     * the host passed an {@link HttpAuthenticator} ({@link RegistryServer#start(java.util.Map, HttpAuthenticator)}) or
     * {@value RegistryAccessFilter#CREDENTIALS_DIR} is set; off otherwise.
     */
    @Bean
    FilterRegistrationBean<RegistryAccessFilter> registryAccessFilter(ObjectProvider<HttpAuthenticator> given,
                                                                     Environment environment) {
        HttpAuthenticator authenticator = given.getIfAvailable();
        String dir = environment.getProperty(RegistryAccessFilter.CREDENTIALS_DIR);
        if (authenticator == null && dir != null && !dir.isBlank()) {
            authenticator = new HttpAuthenticator(new CredentialDirectory(Path.of(dir)), LoginThrottle.withDefaults(), null,
                HttpAuthenticator.DEFAULT_REALM);
        }
        FilterRegistrationBean<RegistryAccessFilter> registration =
            new FilterRegistrationBean<>(new RegistryAccessFilter(authenticator));
        registration.setEnabled(authenticator != null);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    RegistryService registryService(RegistryProperties properties, KafkaSchemaStore store) {
        return new RegistryService(properties, store);
    }
}
