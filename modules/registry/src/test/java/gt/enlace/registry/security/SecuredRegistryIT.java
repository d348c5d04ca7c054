package gt.enlace.registry.security;

import static gt.enlace.registry.RegistryFixture.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.registry.RegistryFixture;
import gt.enlace.registry.RegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry secured by {@value RegistryAccessFilter#CREDENTIALS_DIR} alone (no platform): two instances on one
 * topic, where a follower forwards an institution's write to the leader with the caller's credentials.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SecuredRegistryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path credentials;

    @Test
    void aCredentialsDirectorySecuresTheRegistryAndFollowersForwardTheCallersLogin(EmbeddedBroker broker) throws Exception {
        Files.writeString(credentials.resolve("admin.password"), "admin-secret");
        Files.writeString(credentials.resolve("renap.password"), "renap-secret");
        String topic = RegistryFixture.uniqueTopic();
        Map<String, Object> props = Map.of("enlace.registry.group-id", "g-" + topic,
            RegistryAccessFilter.CREDENTIALS_DIR, credentials.toString());
        try (RegistryServer a = RegistryFixture.start(broker, topic, props);
             RegistryServer b = RegistryFixture.start(broker, topic, props)) {
            String schema = schemaBody("{\"type\":\"record\",\"name\":\"Birth\",\"namespace\":\"gt.renap\",\"fields\":[]}");
            for (RegistryServer server : new RegistryServer[] {a, b}) {
                assertThat(send(server, "GET", "/subjects", null, null).statusCode()).isEqualTo(401);
                HttpResponse<String> own = send(server, "POST", "/subjects/gt.renap.birth-registered.v1-value/versions",
                    "renap:renap-secret", schema);
                assertThat(own.statusCode()).as("through %s: %s", server.url(), own.body()).isEqualTo(200);
                HttpResponse<String> other = send(server, "POST", "/subjects/gt.sat.x.v1-value/versions",
                    "renap:renap-secret", schema);
                assertThat(other.statusCode()).isEqualTo(403);
                assertThat(other.body()).startsWith("{\"error_code\":40301,\"message\":\"User:renap may not change subject");
            }
            assertThat(send(a, "PUT", "/config", "admin:admin-secret", "{\"compatibility\":\"FULL\"}").statusCode())
                .isEqualTo(200);
        }
    }

    private static HttpResponse<String> send(RegistryServer server, String method, String path, String login, String body)
        throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", RegistryFixture.V1)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
