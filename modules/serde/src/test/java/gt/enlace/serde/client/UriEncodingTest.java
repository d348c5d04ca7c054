package gt.enlace.serde.client;

import gt.enlace.serde.client.internal.UriEncoding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UriEncodingTest {

    @Test
    void encodesExactlyLikeJavaScriptsEncodeUriComponent() {
        // Expected values from encodeURIComponent in a JavaScript console.
        assertThat(UriEncoding.encodeUriComponent("gt.renap.birth-registered.v1-value")).isEqualTo("gt.renap.birth-registered.v1-value");
        assertThat(UriEncoding.encodeUriComponent("a b+c/d?e&f=g#h%")).isEqualTo("a%20b%2Bc%2Fd%3Fe%26f%3Dg%23h%25");
        assertThat(UriEncoding.encodeUriComponent("!~*'()_")).isEqualTo("!~*'()_");
        assertThat(UriEncoding.encodeUriComponent(":.ctx:sub")).isEqualTo("%3A.ctx%3Asub");
        assertThat(UriEncoding.encodeUriComponent("señal")).isEqualTo("se%C3%B1al");
    }
}
