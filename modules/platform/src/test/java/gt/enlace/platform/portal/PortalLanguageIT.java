package gt.enlace.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The portal's frame in a real browser: Spanish by default, English with {@code ?lang=en}, and back. */
class PortalLanguageIT {

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
    void theFrontPageIsSpanishByDefaultAndEnglishOnRequestAndTheChoiceIsRemembered() {
        browser.get(platform.httpUrl() + "/");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(browser.findElement(By.tagName("nav")).getText()).contains("Catálogo de datos");

        browser.findElement(By.className("language")).click();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("nav")).getText()).contains("Data catalog");

        browser.get(platform.httpUrl() + "/");
        assertThat(browser.findElement(By.tagName("nav")).getText()).as("remembered").contains("Data catalog");

        browser.get(platform.httpUrl() + "/?lang=es");
        assertThat(browser.findElement(By.tagName("nav")).getText()).contains("Catálogo de datos");
    }

    @Test
    void anUnknownPageAnswersWithAFriendlyPageAndNoStackTrace() {
        browser.get(platform.httpUrl() + "/no-such-page?lang=es");
        String text = browser.findElement(By.tagName("body")).getText();
        assertThat(text).contains("La página que buscó no existe").doesNotContain("Exception").doesNotContain("at gt.");
    }
}
