package gt.enlace.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The onboarding pages in a real browser against a real platform: picking an institution, its snippets in Spanish
 * and English pointing at this platform, the CSV template, and its checklist ticking a step once the bus sees it done.
 */
class OnboardingPagesIT {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";

    @TempDir
    static Path dataDir;

    private static Platform platform;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        platform = Platform.start(PlatformSettings.ephemeral(dataDir), TopicCatalog.loadDefault(), line -> { });
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void pickingAnInstitutionShowsItsSnippetsForThisPlatformInSpanishThenEnglish() {
        browser.get(platform.httpUrl() + "/onboarding?lang=es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Primeros pasos");
        new Select(browser.findElement(By.id("institution"))).selectByValue("renap");
        browser.findElement(By.cssSelector("form.onboarding-pick button")).click();

        // The click returns when the form is submitted, not always when the next page has loaded.
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).endsWith("/onboarding/renap");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Primeros pasos de RENAP");
        });
        assertThat(browser.findElement(By.id("publish-heading")).getText()).isEqualTo("Publicar en " + BIRTHS);
        String java = browser.findElement(By.id("snippet-publish-java")).getText();
        assertThat(java).startsWith("package ejemplo.renap;").contains("\"bootstrap.servers\", \"" + platform.bootstrapServers() + "\"",
                "\"schema.registry.url\", \"" + platform.registryUrl() + "\"", "publisher.publish(\"" + BIRTHS + "\", event)");
        assertThat(browser.findElement(By.id("snippet-publish-curl")).getText())
                .startsWith("curl -s -X POST " + platform.httpUrl() + "/api/v1/topics/" + BIRTHS + "/events");
        assertThat(browser.findElement(By.id("snippet-publish-python")).getText())
                .contains("SchemaRegistryClient({\"url\": \"" + platform.registryUrl() + "\"})");
        assertThat(browser.findElement(By.id("snippet-subscribe-spring")).getText())
                .contains("@KafkaListener(topics = \"" + BIRTHS + "\")");
        assertThat(browser.findElement(By.id("checklist-heading")).getText()).isEqualTo("Lista para subir de nivel");

        browser.get(platform.httpUrl() + "/onboarding/renap?lang=en");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Getting started for RENAP");
        assertThat(browser.findElement(By.id("subscribe-heading")).getText()).isEqualTo("Subscribe to " + BIRTHS);
        assertThat(browser.findElement(By.id("checklist-heading")).getText()).isEqualTo("Checklist to the next level");
        assertThat(step("register-first-schema").getText()).contains("Register your first schema")
                .contains("Schema registered: gt.renap.");

        // Another institution's topic: subscribing only.
        browser.get(platform.httpUrl() + "/onboarding/mineduc?topic=" + BIRTHS + "&lang=es");
        assertThat(browser.findElement(By.id("publish")).getText()).contains("Solo su dueño (renap) publica");
        assertThat(browser.findElement(By.id("snippet-subscribe-java")).getText())
                .contains(".groupId(\"mineduc.onboarding\")", ".topics(\"" + BIRTHS + "\")");
    }

    @Test
    void theCsvTemplateLinkDownloadsTheTopicsColumnsAndAnExampleRow() throws Exception {
        browser.get(platform.httpUrl() + "/onboarding/renap?lang=es");
        String href = browser.findElement(By.id("csv-template")).getAttribute("href");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).contains("registrationNumber", "childCui");
    }

    @Test
    void anUnknownInstitutionGetsTheFriendlyNotFoundPage() {
        browser.get(platform.httpUrl() + "/onboarding/nasa?lang=es");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("La página que buscó no existe")
                .doesNotContain("Exception");
    }

    @Test
    void theChecklistTicksTheSdkStepOnceTheInstitutionPublishesThroughTheSdk() throws Exception {
        browser.get(platform.httpUrl() + "/onboarding/renap?lang=es");
        assertThat(step("publish-with-sdk").getAttribute("data-done")).isEqualTo("false");
        assertThat(step("publish-with-sdk").getText()).contains("Publique por el SDK en lugar del puente CSV");

        try (EventPublisher publisher = new EventPublisher(Map.of("bootstrap.servers", platform.bootstrapServers(),
                "schema.registry.url", platform.registryUrl(), "enlace.institution", "renap",
                "enlace.system", "onboarding-test"))) {
            publisher.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, 7)).get(60, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(step("publish-with-sdk").getAttribute("data-done")).isEqualTo("true");
        });
        assertThat(step("publish-with-sdk").getText()).contains("1 evento publicado por el SDK");
        assertThat(step("publish-first-event").getAttribute("data-done")).isEqualTo("true");

        browser.get(platform.httpUrl() + "/onboarding/renap?lang=en");
        assertThat(step("publish-with-sdk").getText()).contains("1 event published through the SDK");

        // The same checklist as JSON, for the dashboard and scripts.
        HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                platform.httpUrl() + "/api/v1/survey/institutions/renap/checklist?lang=en")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(json.body());
        assertThat(body.get("institution").asText()).isEqualTo("renap");
        assertThat(body.get("targetLevel").get("number").asInt()).isEqualTo(2);
        JsonNode sdk = null;
        for (JsonNode s : body.get("steps")) {
            if (s.get("id").asText().equals("publish-with-sdk")) {
                sdk = s;
            }
        }
        assertThat(sdk).isNotNull();
        assertThat(sdk.get("done").asBoolean()).isTrue();
        assertThat(sdk.get("evidence").asText()).isEqualTo("1 event published through the SDK");
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                platform.httpUrl() + "/api/v1/survey/institutions/nasa/checklist")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"unknown-institution\"").contains("nasa");
        assertThat(browser.findElement(By.className("progress")).getText()).matches("\\d+ of \\d+ steps done");
    }

    private static WebElement step(String id) {
        return browser.findElement(By.cssSelector("#checklist li[data-step='" + id + "']"));
    }
}
