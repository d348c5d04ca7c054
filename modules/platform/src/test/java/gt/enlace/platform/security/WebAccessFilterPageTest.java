package gt.enlace.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The refusal pages of the web port speak the portal's language; the reason is escaped. */
class WebAccessFilterPageTest {

    @Test
    void theLanguageComesFromTheQueryThenTheCookieElseSpanish() {
        MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/dashboard");
        assertThat(WebAccessFilter.page(plain, "/dashboard", 403, "no")).contains("<html lang=\"es\">", "Acceso denegado");

        MockHttpServletRequest query = new MockHttpServletRequest("GET", "/dashboard");
        query.setQueryString("round=2026&lang=en");
        query.setCookies(new Cookie("enlace-lang", "es"));
        assertThat(WebAccessFilter.page(query, "/dashboard", 401, "no")).contains("<html lang=\"en\">", "Sign in",
            "Use your institution code", "href=\"/dashboard?lang=es\"");

        MockHttpServletRequest cookie = new MockHttpServletRequest("GET", "/catalog");
        cookie.setCookies(new Cookie("enlace-lang", "en"));
        assertThat(WebAccessFilter.page(cookie, "/catalog", 429, "wait")).contains("Too many attempts")
            .doesNotContain("Use your institution code");
    }

    @Test
    void theReasonAndThePathAreEscaped() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        assertThat(WebAccessFilter.page(request, "/a\"<b>", 403, "<script>alert(1)</script>"))
            .contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("/a\"<b>");
    }
}
