package gt.enlace.platform.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import picocli.CommandLine.Command;

/**
 * {@code enlace warmup} (hidden): starts a throwaway platform on free ports, asks each web role for a page, and
 * stops. The launcher runs it once per build under {@code -XX:ArchiveClassesAtExit} so that the JVM records every
 * class a start loads in a class-data-sharing archive; later starts map that archive instead of loading and
 * verifying some twenty thousand classes again, which is most of a start on a small machine.
 */
@Command(name = "warmup", hidden = true,
    description = "Starts and stops a throwaway platform (used by the launcher to prepare a class-data archive).")
public final class WarmupCommand implements Callable<Integer> {

    private static final List<String> PAGES = List.of("/health", "/", "/dashboard", "/catalog",
        "/api/v1/survey/instrument", "/openapi");

    @Override
    public Integer call() throws IOException {
        Path dataDir = Files.createTempDirectory("enlace-warmup");
        // Secure, like a default 'enlace up': the archive then holds the SASL/SCRAM, ACL and HTTP login classes too.
        PlatformSettings ephemeral = PlatformSettings.ephemeral(dataDir);
        PlatformSettings settings = new PlatformSettings(ephemeral.dataDir(), ephemeral.bootstrapServers(), 0, 0, 0, 0,
            ephemeral.bindAddress(), ephemeral.roles(), ephemeral.registryUrl(), ephemeral.registryAdvertisedUrl(), true);
        try (Platform platform = Platform.start(settings, TopicCatalog.loadDefault(), line -> { })) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String login = "Basic " + Base64.getEncoder().encodeToString((ClientSecurity.ADMIN + ":"
                + platform.newCredentials().get(ClientSecurity.ADMIN)).getBytes(StandardCharsets.UTF_8));
            for (String page : PAGES) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + page)).header("Authorization", login)
                            .timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    // A page that fails only means fewer classes in the archive.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            TemporaryDirectories.deleteRecursively(dataDir);
        }
        return 0;
    }
}
