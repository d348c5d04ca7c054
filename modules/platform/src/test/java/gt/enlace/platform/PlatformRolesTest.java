package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;

import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import org.junit.jupiter.api.Test;

/** {@link PlatformRole} parsing and the combinations {@link PlatformSettings} accepts. */
class PlatformRolesTest {

    @Test
    void aCommaListParsesIgnoringCaseAndBlanksAndPrintsInDeclarationOrder() {
        assertThat(PlatformRole.parse(" Survey , registry,,GATEWAY ")).containsExactlyInAnyOrder(
            PlatformRole.REGISTRY, PlatformRole.GATEWAY, PlatformRole.SURVEY);
        assertThat(PlatformRole.names(PlatformRole.parse("survey,broker"))).isEqualTo("broker,survey");
    }

    @Test
    void anUnknownOrEmptyRoleListIsRefusedNamingTheValidRoles() {
        assertThatThrownBy(() -> PlatformRole.parse("registry,portal"))
            .hasMessage("Unknown role 'portal'; valid roles: broker,registry,gateway,survey");
        assertThatThrownBy(() -> PlatformRole.parse(" , ")).hasMessageContaining("No role given");
    }

    @Test
    void existingFactoriesKeepEveryRoleAndAClusterDropsOnlyTheBroker() {
        assertThat(PlatformSettings.defaults().roles()).isEqualTo(PlatformRole.all());
        assertThat(PlatformSettings.ephemeral(Path.of("x")).roles()).isEqualTo(PlatformRole.all());
        PlatformSettings onCluster = new PlatformSettings(Path.of("x"), Optional.of("k:9092"), 0, 0, 0, 0, "127.0.0.1");
        assertThat(onCluster.roles()).containsExactlyInAnyOrder(PlatformRole.REGISTRY, PlatformRole.GATEWAY, PlatformRole.SURVEY);
        assertThat(onCluster.embeddedBroker()).isFalse();
    }

    @Test
    void rolesThatCannotWorkTogetherAreRefusedWithTheFix() {
        assertThatThrownBy(() -> PlatformSettings.ephemeral(Path.of("x"), EnumSet.of(PlatformRole.BROKER), "k:9092", null))
            .hasMessageContaining("cannot be combined with --bootstrap-servers");
        assertThatThrownBy(() -> PlatformSettings.ephemeral(Path.of("x"), EnumSet.of(PlatformRole.REGISTRY), null, null))
            .hasMessageContaining("give --bootstrap-servers");
        assertThatThrownBy(() -> PlatformSettings.ephemeral(Path.of("x"), EnumSet.of(PlatformRole.SURVEY), "k:9092", null))
            .hasMessageContaining("--registry-url");
        assertThat(PlatformSettings.ephemeral(Path.of("x"), EnumSet.of(PlatformRole.SURVEY), "k:9092", "http://r:8081")
            .runsWebRoles()).isTrue();
    }
}
