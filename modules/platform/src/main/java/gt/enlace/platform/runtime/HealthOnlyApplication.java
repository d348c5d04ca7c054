package gt.enlace.platform.runtime;

import gt.enlace.platform.web.HealthController;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The HTTP port of a process that runs no web role (only the broker and/or the registry): just
 * {@code GET /health}, with the components {@link Platform} registers.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(HealthController.class)
class HealthOnlyApplication {
}
