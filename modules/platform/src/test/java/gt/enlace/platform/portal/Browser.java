package gt.enlace.platform.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for the portal's browser tests, driven through Debian's chromedriver with explicit
 * paths (a bare {@code new ChromeDriver()} would try to download a driver, and this machine has no internet).
 * Where neither is installed the calling test is skipped with a message that says how to install them;
 * {@code .ci/run} installs both, so CI always runs these tests.
 */
public final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /** A new headless browser; close it with {@link ChromeDriver#quit()}. Skips the test without a browser. */
    public static ChromeDriver start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "No browser here: install Debian's chromium and chromium-driver (apt-get install -y chromium "
                + "chromium-driver) to run the portal's browser tests");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps trying Google's hosts, which a closed
        // network refuses many times a second.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1280,900", "--lang=es");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // A click that submits a form may return before the next page replaced the old one on a loaded machine:
        // look for an element for a while before calling it missing (absence checks pay this wait once each).
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }
}
