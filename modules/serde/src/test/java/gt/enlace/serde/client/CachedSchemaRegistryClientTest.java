package gt.enlace.serde.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP client against a real (scripted) HTTP server. */
class CachedSchemaRegistryClientTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Birth").namespace("gt.renap").fields()
        .requiredString("cui").endRecord();
    private static final String SCHEMA_JSON = quote(SCHEMA.toString());

    private final FakeRegistryServer server = new FakeRegistryServer();
    private final FakeRegistryServer second = new FakeRegistryServer();

    @AfterEach
    void stopServers() {
        server.close();
        second.close();
    }

    private static Map<String, Object> config(String urls) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", urls);
        config.put("retries.wait.ms", 1);
        config.put("http.connect.timeout.ms", 2000);
        config.put("http.read.timeout.ms", 5000);
        return config;
    }

    private static String quote(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void failsOverToTheSecondUrlWhenTheFirstRefusesConnections() throws IOException {
        second.thenJson(200, "{\"schema\":" + SCHEMA_JSON + "}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(
            config("http://127.0.0.1:" + closedPort() + "," + second.url()));

        assertThat(client.getSchemaById(1)).isEqualTo(SCHEMA);
        assertThat(second.requests).hasSize(1);
        assertThat(second.requests.get(0).rawPath()).isEqualTo("/schemas/ids/1");
    }

    @Test
    void failsOverToTheSecondUrlOnA5xxAndKeepsUsingIt() {
        server.thenJson(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
        second.thenJson(200, "{\"schema\":" + SCHEMA_JSON + "}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url() + "," + second.url()));

        assertThat(client.getSchemaById(1)).isEqualTo(SCHEMA);
        assertThat(client.getSchemaById(2)).isEqualTo(SCHEMA);
        assertThat(server.requests).hasSize(1);
        assertThat(second.requests).hasSize(2);
    }

    @Test
    void retriesARetriableAnswerWithBackOffThenSucceeds() {
        server.thenJson(503, "{\"error_code\":50003,\"message\":\"busy\"}")
            .thenText(502, "<html>bad gateway</html>")
            .thenJson(200, "{\"schema\":" + SCHEMA_JSON + "}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url()));

        assertThat(client.getSchemaById(7)).isEqualTo(SCHEMA);
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void givesUpAfterMaxRetriesWithTheLastError() {
        server.thenJson(503, "{\"error_code\":50003,\"message\":\"busy\"}");
        Map<String, Object> config = config(server.url());
        config.put("max.retries", 2);
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config);

        assertThatThrownBy(() -> client.getSchemaById(7))
            .isInstanceOfSatisfying(RestClientException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.errorCode()).isEqualTo(50003);
            });
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void a404WithConfluentsErrorBodyCarries40403AndIsNotRetried() {
        server.thenJson(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url()));

        assertThatThrownBy(() -> client.getSchemaById(99))
            .isInstanceOfSatisfying(RestClientException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo(40403);
                assertThat(e.registryMessage()).isEqualTo("Schema 99 not found");
            })
            .hasMessageContaining("error code: 40403");
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aNonJsonErrorBodyMapsTo50005LikeConfluentsClient() {
        server.thenText(401, "<html><body>Unauthorized</body></html>");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url()));

        assertThatThrownBy(() -> client.getAllSubjects())
            .isInstanceOfSatisfying(RestClientException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.errorCode()).isEqualTo(RestClientException.JSON_PARSE_ERROR_CODE).isEqualTo(50005);
            })
            .hasMessageContaining("Unauthorized");
    }

    @Test
    void sendsBasicAuthFromTheUrlsUserInfoWithoutPuttingItInTheRequestUrl() {
        server.thenJson(200, "[\"a\"]");
        String url = server.url().replace("http://", "http://renap:s3cr%40t@");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(url));

        assertThat(client.getAllSubjects()).containsExactly("a");
        assertThat(server.requests.get(0).headers().getFirst("Authorization"))
            .isEqualTo("Basic " + Base64.getEncoder().encodeToString("renap:s3cr@t".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsBasicAuthFromUserInfoWhenThatIsTheSource() {
        server.thenJson(200, "[]");
        Map<String, Object> config = config(server.url());
        config.put("basic.auth.credentials.source", "USER_INFO");
        config.put("basic.auth.user.info", "sat:clave");
        new CachedSchemaRegistryClient(config).getAllSubjects();

        assertThat(server.requests.get(0).headers().getFirst("Authorization"))
            .isEqualTo("Basic " + Base64.getEncoder().encodeToString("sat:clave".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsConfluentsContentTypeAndEncodesSubjectsLikeEncodeUriComponent() {
        server.thenJson(200, "{\"id\":3}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url()));

        SchemaMetadata registered = client.register("gt.renap/birth registered:ñ-value", SCHEMA, false);

        FakeRegistryServer.Request request = server.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/subjects/gt.renap%2Fbirth%20registered%3A%C3%B1-value/versions");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.headers().getFirst("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(request.body()).isEqualTo("{\"schema\":" + SCHEMA_JSON + "}");
        assertThat(registered.id()).isEqualTo(3);
        assertThat(registered.version()).isEqualTo(SchemaMetadata.UNKNOWN_VERSION);
    }

    @Test
    void readsTheFullRegisterAnswerOf79AndLaterIncludingTheGuid() {
        server.thenJson(200, "{\"id\":4,\"version\":2,\"guid\":\"a4c2cbcf-f226-4c00-9d69-e7c268009217\",\"schema\":"
            + SCHEMA_JSON + ",\"ts\":1,\"unknownField\":true}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url()));

        SchemaMetadata registered = client.register("s", SCHEMA, true);

        assertThat(registered.id()).isEqualTo(4);
        assertThat(registered.version()).isEqualTo(2);
        assertThat(registered.guid()).isEqualTo("a4c2cbcf-f226-4c00-9d69-e7c268009217");
        assertThat(server.requests.get(0).rawQuery()).contains("normalize=true");
    }

    @Test
    void anIdCacheHitMakesNoSecondHttpCall() {
        server.thenJson(200, "{\"schema\":" + SCHEMA_JSON + "}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url()));

        Schema first = client.getSchemaById(5);
        Schema again = client.getSchemaById(5);

        assertThat(again).isSameAs(first);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aRegisteredSchemaIsNotRegisteredAgainAndItsIdIsKnown() {
        server.thenJson(200, "{\"id\":8}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url()));

        client.register("s", SCHEMA, false);
        client.register("s", new Schema.Parser().parse(SCHEMA.toString()), false);

        assertThat(client.getSchemaById(8)).isEqualTo(SCHEMA);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void theLatestVersionIsCachedUntilItsTtlExpires() {
        server.thenJson(200, "{\"subject\":\"s\",\"version\":1,\"id\":1,\"schema\":" + SCHEMA_JSON + "}")
            .thenJson(200, "{\"subject\":\"s\",\"version\":2,\"id\":2,\"schema\":" + SCHEMA_JSON + "}");
        MutableClock clock = new MutableClock();
        Map<String, Object> config = config(server.url());
        config.put("latest.cache.ttl.sec", 30);
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(new SchemaRegistryClientConfig(config), clock);

        assertThat(client.getLatestVersion("s").version()).isEqualTo(1);
        clock.advanceSeconds(29);
        assertThat(client.getLatestVersion("s").version()).isEqualTo(1);
        assertThat(server.requests).hasSize(1);
        clock.advanceSeconds(2);
        assertThat(client.getLatestVersion("s").version()).isEqualTo(2);
        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(1).rawPath()).isEqualTo("/subjects/s/versions/latest");
    }

    @Test
    void readsVersionsSubjectsCompatibilityAndConfig() {
        server.thenJson(200, "[1,2,3]")
            .thenJson(200, "{\"is_compatible\":false}")
            .thenJson(200, "{\"compatibilityLevel\":\"FULL\"}")
            .thenJson(200, "{\"compatibility\":\"NONE\"}");
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config(server.url()));

        assertThat(client.getAllVersions("s")).containsExactly(1, 2, 3);
        assertThat(client.testCompatibility("s", SCHEMA)).isFalse();
        assertThat(client.getCompatibility("s")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.updateCompatibility(null, CompatibilityLevel.NONE)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(server.requests).extracting(FakeRegistryServer.Request::rawPath)
            .containsExactly("/subjects/s/versions", "/compatibility/subjects/s/versions/latest", "/config/s", "/config");
        assertThat(server.requests.get(3).body()).isEqualTo("{\"compatibility\":\"NONE\"}");
    }

    @Test
    void noReachableUrlIsASchemaRegistryExceptionNamingTheUrl() throws IOException {
        Map<String, Object> config = config("http://127.0.0.1:" + closedPort());
        config.put("max.retries", 1);
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(config);

        assertThatThrownBy(() -> client.getSchemaById(1))
            .isInstanceOf(SchemaRegistryException.class)
            .isNotInstanceOf(RestClientException.class)
            .hasMessageContaining("Could not reach the schema registry at http://127.0.0.1:");
    }

    @Test
    void aRegistryThatAcceptsButNeverAnswersTimesOutAfterTheReadTimeoutAndTheClientFailsOverToTheNextUrl() throws Exception {
        second.thenJson(200, "{\"schema\":" + SCHEMA_JSON + "}");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Accepts connections (the kernel's backlog does) and reads nothing, answers nothing.
            Map<String, Object> config = config("http://127.0.0.1:" + silent.getLocalPort());
            config.put("http.read.timeout.ms", 300);
            config.put("max.retries", 0);
            CachedSchemaRegistryClient stalled = new CachedSchemaRegistryClient(config);
            long start = System.nanoTime();
            assertThatThrownBy(() -> stalled.getSchemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .isNotInstanceOf(RestClientException.class)
                .hasMessageContaining("http://127.0.0.1:" + silent.getLocalPort());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the read timeout, not hanging")
                .isLessThan(Duration.ofSeconds(20));

            Map<String, Object> failover = config("http://127.0.0.1:" + silent.getLocalPort() + "," + second.url());
            failover.put("http.read.timeout.ms", 300);
            assertThat(new CachedSchemaRegistryClient(failover).getSchemaById(1)).isEqualTo(SCHEMA);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advanceSeconds(long seconds) {
            millis.addAndGet(seconds * 1000);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
            return millis.get();
        }
    }
}
