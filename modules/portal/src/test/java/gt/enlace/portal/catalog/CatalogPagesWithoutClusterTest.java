package gt.enlace.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import gt.enlace.portal.PortalConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The catalog's controllers and templates alone, over real HTTP, with no cluster and no registry: every page still
 * renders, says which parts are unavailable, and never answers 500. (The platform ITs cover the running parts.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = CatalogPagesWithoutClusterTest.App.class)
class CatalogPagesWithoutClusterTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan(basePackageClasses = CatalogService.class)
    static class App {
        @Bean
        MessageSource messageSource() {
            ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
            messages.setBasenames("portal/i18n/common", "portal/i18n/catalog");
            messages.setDefaultEncoding("UTF-8");
            messages.setFallbackToSystemLocale(false);
            messages.setDefaultLocale(PortalConfiguration.SPANISH);
            return messages;
        }

        @Bean
        LocaleResolver localeResolver() {
            AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
            resolver.setDefaultLocale(PortalConfiguration.SPANISH);
            resolver.setSupportedLocales(PortalConfiguration.LANGUAGES);
            return resolver;
        }
    }

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, Locale locale) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
            .header("Accept-Language", locale.toLanguageTag()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theListAndATopicPageRenderAndSayWhatIsUnavailable() throws Exception {
        HttpResponse<String> list = get("/catalog?field=nit", PortalConfiguration.SPANISH);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("data-topic=\"gt.sat.taxpayer-registered.v1\"").contains("Campos que coinciden");

        HttpResponse<String> topic = get("/catalog/topics/gt.renap.birth-registered.v1", PortalConfiguration.SPANISH);
        assertThat(topic.statusCode()).as(topic.body()).isEqualTo(200);
        assertThat(topic.body()).contains("data-field=\"childCui\"").contains("El historial no está disponible ahora")
            .contains("Las cifras no están disponibles ahora").contains("Aún no registrado");

        HttpResponse<String> english = get("/catalog/topics/gt.renap.birth-registered.v1", Locale.ENGLISH);
        assertThat(english.body()).contains("Current schema").contains("date and time");

        HttpResponse<String> institution = get("/catalog/institutions/renap", PortalConfiguration.SPANISH);
        assertThat(institution.statusCode()).isEqualTo(200);
        assertThat(institution.body()).contains("gt.renap.birth-registered.v1");
    }

    @Test
    void anAccessRequestWithoutAClusterIsNotAcknowledgedAndKeepsWhatWasTyped() throws Exception {
        String form = "requester=mspas&purpose=" + "Cerrar+expedientes+de+vacunaci%C3%B3n" + "&legalBasis=Decreto+57-2008"
            + "&validUntil=" + java.time.LocalDate.now().plusMonths(6);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/catalog/topics/gt.renap.death-registered.v1/access")).timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("No pudimos registrar la solicitud").contains("Cerrar expedientes de vacunación")
            .doesNotContain("Solicitud registrada");
    }

    @Test
    void unknownTopicsAndInstitutionsAre404AndTheApiSaysSoInJson() throws Exception {
        assertThat(get("/catalog/topics/gt.x.y.v1", PortalConfiguration.SPANISH).statusCode()).isEqualTo(404);
        assertThat(get("/catalog/institutions/nadie", PortalConfiguration.SPANISH).statusCode()).isEqualTo(404);
        HttpResponse<String> api = get("/api/v1/catalog/topics/gt.x.y.v1", PortalConfiguration.SPANISH);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("\"code\":\"catalog-topic-not-found\"");
    }
}
