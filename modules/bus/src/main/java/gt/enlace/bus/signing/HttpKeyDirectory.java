package gt.enlace.bus.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys listed by the platform's {@code GET /api/v1/keys}: {@code {"keys": [{"institution", "keyId",
 * "algorithm", "publicKey" (X.509 DER, base64), "pem"}]}}. Each listed key id is checked against its key.
 */
final class HttpKeyDirectory implements KeyDirectory {

    private static final Logger log = LoggerFactory.getLogger(HttpKeyDirectory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Duration minRefresh;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, PublishedKey> keys = new ConcurrentHashMap<>();
    private volatile long lastFetchNanos;
    private volatile boolean fetched;

    HttpKeyDirectory(URI url, Duration minRefresh) {
        this.url = url;
        this.minRefresh = minRefresh;
    }

    @Override
    public Optional<PublishedKey> find(String keyId) {
        PublishedKey key = keys.get(keyId);
        if (key == null && shouldFetch()) {
            fetch();
            key = keys.get(keyId);
        }
        return Optional.ofNullable(key);
    }

    private synchronized boolean shouldFetch() {
        return !fetched || System.nanoTime() - lastFetchNanos >= minRefresh.toNanos();
    }

    private synchronized void fetch() {
        lastFetchNanos = System.nanoTime();
        fetched = true;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("Key directory {} answered {}; keeping the {} keys already known", url, response.statusCode(), keys.size());
                return;
            }
            parse(response.body(), url.toString()).forEach(k -> keys.put(k.keyId(), k));
        } catch (IOException | RuntimeException e) {
            log.warn("Key directory {} cannot be read ({}); keeping the {} keys already known", url, e.toString(), keys.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses a {@code /api/v1/keys} body (or a single key's body). */
    static List<PublishedKey> parse(String body, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidKeyFileException(what + " is not JSON: " + e.getMessage(), e);
        }
        List<PublishedKey> result = new ArrayList<>();
        JsonNode list = root.has("keys") ? root.get("keys") : JSON.createArrayNode().add(root);
        for (JsonNode k : list) {
            String algorithm = k.path("algorithm").asText(PublishedKey.ALGORITHM);
            if (!PublishedKey.ALGORITHM.equalsIgnoreCase(algorithm)) {
                continue;
            }
            result.add(PublishedKey.fromBase64(k.path("institution").asText(), k.path("keyId").asText(null),
                k.path("publicKey").asText(), what));
        }
        return result;
    }
}
