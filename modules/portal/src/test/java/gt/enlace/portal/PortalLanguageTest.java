package gt.enlace.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The language rules and shared texts that the platform's login filter uses before Spring MVC runs. */
class PortalLanguageTest {

    @Test
    void theCommonTextsAreSpanishByDefaultAndEnglishOnRequest() {
        assertThat(PortalLanguage.common("access.title.401", PortalConfiguration.SPANISH)).isEqualTo("Inicie sesión");
        assertThat(PortalLanguage.common("access.title.401", Locale.ENGLISH)).isEqualTo("Sign in");
        assertThat(PortalLanguage.common("portal.language.switch", Locale.ENGLISH)).isEqualTo("Español");
    }

    @Test
    void onlyTheLanguagesThePortalSpeaksAreSupported() {
        assertThat(PortalLanguage.supported(" EN ")).isEqualTo(Locale.ENGLISH);
        assertThat(PortalLanguage.supported("fr")).isNull();
        assertThat(PortalLanguage.supported("<script>")).isNull();
        assertThat(PortalLanguage.supported(null)).isNull();
    }
}
