package gt.enlace.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import gt.enlace.broker.EmbeddedBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test support: a registry on a free port over the shared embedded broker, each with its own topic, and a
 * small HTTP client that speaks to it the way Confluent's clients do.
 */
public final class RegistryFixture {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String V1 = "application/vnd.schemaregistry.v1+json";

    private RegistryFixture() {
    }

    /** A unique topic name for one test. */
    public static String uniqueTopic() {
        return "_schemas-" + UUID.randomUUID();
    }

    /** Starts a registry on a free port, on {@code topic}. */
    public static RegistryServer start(EmbeddedBroker broker, String topic, Map<String, ?> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("enlace.registry.bootstrap-servers", broker.bootstrapServers());
        props.put("enlace.registry.topic", topic);
        props.put("server.port", 0);
        props.putAll(extra);
        return RegistryServer.start(props);
    }

    public static RegistryServer start(EmbeddedBroker broker) {
        return start(broker, uniqueTopic(), Map.of());
    }

    /** {@code {"schema": schema}} as JSON text. */
    public static String schemaBody(String schema) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("schema", schema);
        return JSON.writeValueAsString(node);
    }

    /** An HTTP answer: status, Content-Type and body. */
    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public int errorCode() {
            return json().get("error_code").asInt();
        }

        public String message() {
            return json().get("message").asString();
        }
    }

    /** A client bound to one registry. */
    public static final class Client {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        public Client(RegistryServer server) {
            this.base = server.url();
        }

        public Response get(String path) {
            return send("GET", path, null, V1, null);
        }

        public Response post(String path, String body) {
            return send("POST", path, body, V1, null);
        }

        public Response put(String path, String body) {
            return send("PUT", path, body, V1, null);
        }

        public Response delete(String path) {
            return send("DELETE", path, null, V1, null);
        }

        /** Any request; null contentType or accept leaves the header out. */
        public Response send(String method, String path, String body, String contentType, String accept) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null && body != null) {
                request.header("Content-Type", contentType);
            }
            if (accept != null) {
                request.header("Accept", accept);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
