package gt.enlace.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryUserInfoTest {

    @Test
    void theWebRolesRegistryUrlCarriesTheAdminsLoginInEveryUrlThatHasNone() {
        assertThat(Platform.withUserInfo("http://127.0.0.1:8081", "admin:pw")).isEqualTo("http://admin:pw@127.0.0.1:8081");
        assertThat(Platform.withUserInfo("http://a:8081/x, https://b:8081", "admin:p@ss"))
            .isEqualTo("http://admin:p%40ss@a:8081/x,https://admin:p%40ss@b:8081");
        assertThat(Platform.withUserInfo("http://u:v@a:8081", "admin:pw")).isEqualTo("http://u:v@a:8081");
        assertThat(Platform.withUserInfo("http://a:8081", null)).isEqualTo("http://a:8081");
        assertThat(Platform.withUserInfo(null, "admin:pw")).isNull();
    }
}
