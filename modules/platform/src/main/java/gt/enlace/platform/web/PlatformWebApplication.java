package gt.enlace.platform.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application behind the platform's HTTP port. Components created outside Spring
 * (the broker client, the catalog) are registered into it by {@link gt.enlace.platform.runtime.Platform}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({HealthController.class, gt.enlace.subscriber.deliveries.DeliveriesConfiguration.class,
    gt.enlace.publisher.gateway.GatewayConfiguration.class, gt.enlace.survey.web.SurveyConfiguration.class})
public class PlatformWebApplication {
}
