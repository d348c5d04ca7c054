package gt.enlace.platform.cli.schemas;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import gt.enlace.serde.client.SchemaRegistryException;
import org.apache.avro.Schema;

/**
 * A connection of the {@code enlace schemas} commands to the registry: Enlace's caching client for the
 * ordinary calls, plus a direct call of {@code POST /compatibility/subjects/{s}/versions?verbose=true},
 * because the client's {@code testCompatibility} returns only a boolean and the CLI must show Avro's
 * reasons. Failures are turned into messages that say what to do: an unreachable registry names the URL
 * and suggests {@code ./enlace up}; a refused login suggests the credential options.
 */
public final class RegistryConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final List<URI> urls;
    private final String authorization;
    private final SchemaRegistryClient client;
    private final HttpClient http;

    RegistryConnection(List<URI> urls, String credentials) {
        this.urls = List.copyOf(urls);
        this.authorization = credentials == null || credentials.isEmpty() ? null
            : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
            urls.stream().map(URI::toString).collect(Collectors.joining(",")));
        if (authorization != null) {
            config.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
            config.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG, credentials);
        }
        config.put(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS_CONFIG, (int) CONNECT_TIMEOUT.toMillis());
        config.put(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis());
        // A command line should answer quickly when nothing listens: one short retry, not the serde's 3 with back-off.
        config.put(SchemaRegistryClientConfig.MAX_RETRIES_CONFIG, 1);
        config.put(SchemaRegistryClientConfig.RETRIES_WAIT_MS_CONFIG, 200);
        config.put(SchemaRegistryClientConfig.LATEST_CACHE_TTL_CONFIG, 0L);
        this.client = new CachedSchemaRegistryClient(config);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** @return the registry URL(s) as shown in messages, without credentials */
    public String displayUrl() {
        return urls.stream().map(URI::toString).collect(Collectors.joining(","));
    }

    /**
     * Runs one client call, turning "cannot connect" and "not authorised" into messages that name the fix.
     * Other registry errors ({@link RestClientException}) are left to the caller, which knows what a 40401 means.
     *
     * @param call the call
     * @param <T>  its result type
     * @return its result
     */
    public <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientException e) {
            throw explainAuth(e);
        } catch (SchemaRegistryException e) {
            if (isConnectionFailure(e)) {
                throw unreachable(e);
            }
            throw new IllegalStateException("the schema registry at " + displayUrl() + " gave an unexpected answer: "
                + e.getMessage(), e);
        }
    }

    /** @return the client, for calls wrapped in {@link #call} */
    public SchemaRegistryClient client() {
        return client;
    }

    /**
     * The answer of {@code POST /compatibility/subjects/{subject}/versions?verbose=true}.
     *
     * @param compatible whether the registry would accept the schema as the subject's next version
     * @param messages   its reasons when not (Confluent's wording), empty otherwise
     */
    public record CompatibilityAnswer(boolean compatible, List<String> messages) {
    }

    /**
     * Asks whether {@code schema} may become the next version of {@code subject}, checked against the
     * versions the subject's compatibility level names (the same check as registration), with reasons.
     *
     * @param subject the subject
     * @param schema  the candidate
     * @return the registry's answer
     * @throws RestClientException for registry errors other than an invalid schema
     */
    public CompatibilityAnswer testCompatibilityVerbose(String subject, Schema schema) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request for subject " + subject, e);
        }
        String path = "/compatibility/subjects/" + encode(subject) + "/versions?verbose=true";
        IOException lastFailure = null;
        for (URI base : urls) {
            String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
                .timeout(READ_TIMEOUT)
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE + ", application/json; qs=0.5")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking the schema registry at " + displayUrl(), e);
            }
            if (response.statusCode() >= 500 && urls.size() > 1) {
                continue;
            }
            JsonNode node = parse(response.body());
            if (response.statusCode() / 100 != 2) {
                int code = node != null && node.has("error_code") ? node.get("error_code").asInt() : response.statusCode();
                String message = node != null && node.hasNonNull("message") ? node.get("message").asText()
                    : "HTTP " + response.statusCode();
                throw explainAuth(new RestClientException(message, response.statusCode(), code));
            }
            if (node == null || !node.has("is_compatible")) {
                throw new IllegalStateException("the schema registry at " + displayUrl()
                    + " answered the compatibility check without is_compatible: " + response.body());
            }
            List<String> messages = new ArrayList<>();
            node.path("messages").forEach(m -> messages.add(m.asText()));
            return new CompatibilityAnswer(node.get("is_compatible").asBoolean(), messages);
        }
        throw unreachable(lastFailure);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private RuntimeException explainAuth(RestClientException e) {
        if (e.status() == 401 || e.status() == 403) {
            return new IllegalStateException("the schema registry at " + displayUrl() + " refused access (HTTP " + e.status()
                + ": " + e.registryMessage() + "); pass --user and --password, or --basic-auth USER:PASSWORD", e);
        }
        return e;
    }

    private IllegalStateException unreachable(Exception cause) {
        return new IllegalStateException("cannot reach the schema registry at " + displayUrl() + " (is ./enlace up running?)", cause);
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Percent-encodes a subject for a path segment, like JavaScript's encodeURIComponent. */
    static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")
            .replace("%21", "!").replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    @Override
    public void close() {
        client.close();
    }
}
