package gt.enlace.serde.client.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaRegistryException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP transport to the registry: JSON in and out, several base URLs with failover, retries with
 * exponential back-off for retriable failures only, HTTP Basic auth and Confluent's headers.
 *
 * <p>Failover: a connection failure (including a timeout) or a 5xx answer moves on to the next URL
 * at once, and the next request starts from the URL that last worked. Retry: when no URL gave a
 * usable answer and the last failure is retriable (no connection, or HTTP 408, 429, 502, 503, 504),
 * the whole list is tried again after {@code retries.wait.ms × 2^n} (capped), up to
 * {@code max.retries} times. A 4xx (other than 408/429) or a 500 is final: the registry has spoken.
 */
public final class RestService {

    /** Content type every Confluent client sends. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The registry's produced types in its own order of preference (its {@code Versions} class). */
    public static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
        + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private static final Logger log = LoggerFactory.getLogger(RestService.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ERROR_BODY_IN_MESSAGE = 200;

    private final List<URI> baseUrls;
    private final AtomicInteger current = new AtomicInteger();
    private final String authorization;
    private final HttpClient http;
    private final Duration readTimeout;
    private final int maxRetries;
    private final long retryWaitMs;
    private final long retryMaxWaitMs;

    /**
     * @param urls               the configured registry URLs (user info, if any, is removed and may be
     *                           used for Basic auth)
     * @param credentialsSource  {@code URL} or {@code USER_INFO}
     * @param userInfo           {@code user:password} for {@code USER_INFO}
     * @param connectTimeout     TCP connect timeout
     * @param readTimeout        response timeout
     * @param maxRetries         retries after a retriable failure
     * @param retryWaitMs        first back-off
     * @param retryMaxWaitMs     back-off cap
     */
    public RestService(List<String> urls, String credentialsSource, String userInfo, Duration connectTimeout,
                       Duration readTimeout, int maxRetries, long retryWaitMs, long retryMaxWaitMs) {
        if (urls.isEmpty()) {
            throw new ConfigException("schema.registry.url", urls, "at least one URL is required");
        }
        List<URI> parsed = new ArrayList<>();
        String urlUserInfo = null;
        for (String url : urls) {
            URI uri = parse(url.trim());
            if (uri.getRawUserInfo() != null && urlUserInfo == null) {
                urlUserInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            }
            parsed.add(withoutUserInfo(uri));
        }
        this.baseUrls = List.copyOf(parsed);
        String credentials = "USER_INFO".equalsIgnoreCase(credentialsSource) ? userInfo : urlUserInfo;
        if ("USER_INFO".equalsIgnoreCase(credentialsSource) && (userInfo == null || userInfo.isEmpty())) {
            throw new ConfigException("basic.auth.user.info", "", "required when basic.auth.credentials.source=USER_INFO");
        }
        this.authorization = credentials == null || credentials.isEmpty() ? null
            : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.readTimeout = readTimeout;
        this.maxRetries = maxRetries;
        this.retryWaitMs = retryWaitMs;
        this.retryMaxWaitMs = retryMaxWaitMs;
        // HTTP/1.1: registries are plain REST servers; an h2c upgrade attempt only costs a round trip.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** @return the base URLs without user info, in configured order */
    public List<URI> baseUrls() {
        return baseUrls;
    }

    /**
     * Sends a request and parses the JSON answer.
     *
     * @param method       {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
     * @param pathAndQuery already-encoded path starting with {@code /}, with any query string
     * @param body         a value Jackson serializes, or {@code null} for no body
     * @return the parsed JSON of a 2xx answer ({@code null} for 204)
     * @throws RestClientException     the registry answered an error
     * @throws SchemaRegistryException no URL could be reached
     */
    public JsonNode send(String method, String pathAndQuery, Object body) {
        byte[] bodyBytes = null;
        if (body != null) {
            try {
                bodyBytes = MAPPER.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new SchemaRegistryException("Could not write request body for " + pathAndQuery, e);
            }
        }
        int attempt = 0;
        while (true) {
            RuntimeException failure = null;
            boolean retriable = false;
            int n = baseUrls.size();
            int start = current.get();
            for (int i = 0; i < n; i++) {
                int index = (start + i) % n;
                URI url = URI.create(stripTrailingSlash(baseUrls.get(index).toString()) + pathAndQuery);
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request(method, url, bodyBytes), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    log.debug("Schema registry {} unreachable: {}", url, e.toString());
                    failure = new SchemaRegistryException("Could not reach the schema registry at " + url + ": " + e, e);
                    retriable = true;
                    current.compareAndSet(index, (index + 1) % n);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryException("Interrupted while calling the schema registry at " + url, e);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    current.compareAndSet(start, index);
                    return parseSuccess(status, response.body(), url);
                }
                RestClientException error = parseError(status, response.body());
                if (status >= 500) {
                    failure = error;
                    retriable = status == 502 || status == 503 || status == 504;
                    current.compareAndSet(index, (index + 1) % n);
                    continue;
                }
                if (status == 408 || status == 429) {
                    failure = error;
                    retriable = true;
                    break;
                }
                throw error;
            }
            if (!retriable || attempt >= maxRetries) {
                throw failure;
            }
            backOff(attempt++);
        }
    }

    private HttpRequest request(String method, URI url, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
            .timeout(readTimeout)
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", ACCEPT)
            .header("Confluent-Accept-Unknown-Properties", "true");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body);
        return builder.method(method, publisher).build();
    }

    private void backOff(int attempt) {
        long wait = Math.min(retryMaxWaitMs, retryWaitMs << Math.min(attempt, 30));
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while backing off before retrying the schema registry", e);
        }
    }

    private static JsonNode parseSuccess(int status, byte[] body, URI url) {
        if (status == 204 || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new RestClientException("Unexpected non-JSON answer from " + url + ": " + snippet(body),
                status, RestClientException.JSON_PARSE_ERROR_CODE);
        }
    }

    /**
     * Maps an error answer: Confluent's {@code {"error_code":..,"message":..}} when present; a body
     * that is not JSON gives 50005 like Confluent's client.
     */
    static RestClientException parseError(int status, byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                int code = node.path("error_code").asInt(status);
                String message = node.hasNonNull("message") ? node.get("message").asText() : "HTTP " + status;
                return new RestClientException(message, status, code);
            }
        } catch (IOException e) {
            // fall through: not JSON
        }
        return new RestClientException("Unexpected non-JSON error response (HTTP " + status + "): " + snippet(body),
            status, RestClientException.JSON_PARSE_ERROR_CODE);
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > MAX_ERROR_BODY_IN_MESSAGE ? text.substring(0, MAX_ERROR_BODY_IN_MESSAGE) + "…" : text;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                throw new ConfigException("schema.registry.url", url, "expected http(s)://host[:port][/path]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("schema.registry.url", url, "not a valid URL: " + e.getMessage());
        }
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath() == null ? null : uri.getPath(),
                null, null);
        } catch (URISyntaxException e) {
            throw new ConfigException("schema.registry.url", uri.toString(), e.getMessage());
        }
    }
}
