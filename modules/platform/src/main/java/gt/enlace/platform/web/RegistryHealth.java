package gt.enlace.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The schema registry is up when {@code GET /subjects} answers 200 within two seconds; on a secure bus the check logs
 * in as the platform's admin.
 */
public final class RegistryHealth implements ComponentHealth {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final String authorization;

    /** @param url the registry's base URL (without credentials) */
    public RegistryHealth(String url) {
        this(url, null);
    }

    /**
     * @param url      the registry's base URL (without credentials)
     * @param userInfo {@code user:password} to log in with, or null
     */
    public RegistryHealth(String url, String userInfo) {
        this.url = url;
        this.authorization = userInfo == null ? null : "Basic " + java.util.Base64.getEncoder()
            .encodeToString(userInfo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public Status check() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + "/subjects")).timeout(Duration.ofSeconds(2)).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? Status.up(Map.of("url", url)) : Status.down("registry at " + url + " answered HTTP " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.down("interrupted");
        } catch (Exception e) {
            return Status.down("no answer from the registry at " + url + ": " + e.getMessage());
        }
    }
}
