package gt.enlace.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The schema registry is up when {@code GET /subjects} answers 200 within two seconds. */
public final class RegistryHealth implements ComponentHealth {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;

    public RegistryHealth(String url) {
        this.url = url;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public Status check() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/subjects")).timeout(Duration.ofSeconds(2)).GET().build();
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
