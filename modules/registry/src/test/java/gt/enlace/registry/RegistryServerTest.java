package gt.enlace.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RegistryServerTest {

    @Test
    void startingWithoutBootstrapServersNamesTheMissingKey() {
        assertThatThrownBy(() -> RegistryServer.start(Map.of("server.port", 0)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'enlace.registry.bootstrap-servers' must be set");
    }

    @Test
    void anUnknownDefaultCompatibilityIsRefusedAtStart() {
        assertThatThrownBy(() -> RegistryServer.start(Map.of("server.port", 0,
            "enlace.registry.bootstrap-servers", "127.0.0.1:1", "enlace.registry.default-compatibility", "SIDEWAYS",
            "enlace.registry.init-timeout", "2s")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'enlace.registry.default-compatibility' must be one of");
    }
}
