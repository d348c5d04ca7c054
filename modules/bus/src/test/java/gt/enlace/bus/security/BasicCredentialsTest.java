package gt.enlace.bus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(byte[] bytes) {
        return "Basic " + Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void readsUserAndPasswordWithAColonInThePasswordAndAnyCaseScheme() {
        BasicCredentials c = BasicCredentials.parse("bAsIc " + Base64.getEncoder()
            .encodeToString("renap:pa:ss wörd".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.user()).isEqualTo("renap");
        assertThat(c.password()).isEqualTo("pa:ss wörd");
        assertThat(c.toString()).doesNotContain("pa:ss");
    }

    @Test
    void refusesMalformedBase64() {
        assertThatThrownBy(() -> BasicCredentials.parse("Basic %%%not-base64%%%"))
            .isInstanceOf(BasicCredentials.MalformedCredentialsException.class).hasMessageContaining("not valid Base64");
    }

    @Test
    void refusesCredentialsWithoutAColon() {
        assertThatThrownBy(() -> BasicCredentials.parse(basic("renap".getBytes(StandardCharsets.UTF_8))))
            .hasMessageContaining("no ':' between user and password");
    }

    @Test
    void refusesAHugeHeaderWithoutDecodingIt() {
        String huge = "Basic " + "A".repeat(100_000);
        assertThatThrownBy(() -> BasicCredentials.parse(huge)).hasMessageContaining("100006 characters long");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = {'r', 'e', (byte) 0xE9, ':', 'x'};
        assertThatThrownBy(() -> BasicCredentials.parse(basic(latin1))).hasMessageContaining("not UTF-8");
    }

    @Test
    void refusesOtherSchemesEmptyUsersAndControlCharacters() {
        assertThatThrownBy(() -> BasicCredentials.parse("Bearer abc")).hasMessageContaining("Basic scheme");
        assertThatThrownBy(() -> BasicCredentials.parse(basic(":pw".getBytes(StandardCharsets.UTF_8))))
            .hasMessageContaining("empty user");
        assertThatThrownBy(() -> BasicCredentials.parse(basic("ren\nap:pw".getBytes(StandardCharsets.UTF_8))))
            .hasMessageContaining("control character");
    }
}
