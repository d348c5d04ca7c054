package gt.enlace.platform.web;

import gt.enlace.platform.security.SecurityConfiguration;
import gt.enlace.portal.PortalConfiguration;
import gt.enlace.publisher.gateway.GatewayConfiguration;
import gt.enlace.subscriber.deliveries.DeliveriesConfiguration;
import gt.enlace.survey.web.SurveyConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application behind the platform's HTTP port: {@code /health}, the publishing gateway,
 * delivery status, the survey API and the portal's pages. Components created outside Spring (the broker client, the catalog)
 * are registered into it by {@link gt.enlace.platform.runtime.Platform}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({HealthController.class, GatewayConfiguration.class, DeliveriesConfiguration.class, SurveyConfiguration.class,
    PortalConfiguration.class, SecurityConfiguration.class, gt.enlace.platform.signing.KeysController.class})
public class PlatformWebApplication {
}
