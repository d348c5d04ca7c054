package gt.enlace.registry.rest;

import java.util.List;

import gt.enlace.registry.service.RegistryService;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC set up as Confluent's REST layer behaves: {@link RegistryJsonConverter} first, responses in
 * {@code application/vnd.schemaregistry.v1+json} unless the client asks for another of the three JSON types,
 * and {@code %2F} kept inside a path segment so subjects with a slash (sent URL-encoded by every client) reach
 * the controllers as one subject; Tomcat's own refusals answered in JSON too ({@link JsonErrorReportValve});
 * {@code GET /schemas/ids/{id}} answered from ready-made bytes before any other filter ({@link SchemaByIdFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new RegistryJsonConverter());
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.defaultContentType(RegistryMediaTypes.SCHEMA_REGISTRY_V1_JSON);
    }

    @Bean
    FilterRegistrationBean<SchemaByIdFilter> schemaByIdFilter(ObjectProvider<RegistryService> registry) {
        FilterRegistrationBean<SchemaByIdFilter> registration =
            new FilterRegistrationBean<>(new SchemaByIdFilter(registry::getObject));
        registration.addUrlPatterns(SchemaByIdFilter.PREFIX + "*");
        // Right after authentication (RegistryAccessFilter, when on), before any other filter.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashInSubjects() {
        return factory -> {
            factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
        };
    }
}
