package gt.enlace.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class LanguageInterceptorTest {

    @Test
    void theLanguageComesFromTheQueryStringOnly() {
        assertThat(LanguageInterceptor.queryParameter("round=2025-baseline&lang=en", "lang")).isEqualTo("en");
        assertThat(LanguageInterceptor.queryParameter("lang=es", "lang")).isEqualTo("es");
        assertThat(LanguageInterceptor.queryParameter("language=en&xlang=en", "lang")).isNull();
        assertThat(LanguageInterceptor.queryParameter(null, "lang")).isNull();
    }

    @Test
    void everyLocaleButEnglishIsSpanish() {
        assertThat(LanguageInterceptor.language(Locale.ENGLISH)).isEqualTo("en");
        assertThat(LanguageInterceptor.language(Locale.forLanguageTag("en-US"))).isEqualTo("en");
        assertThat(LanguageInterceptor.language(Locale.forLanguageTag("es-GT"))).isEqualTo("es");
        assertThat(LanguageInterceptor.language(Locale.FRENCH)).isEqualTo("es");
        assertThat(LanguageInterceptor.language(null)).isEqualTo("es");
    }
}
