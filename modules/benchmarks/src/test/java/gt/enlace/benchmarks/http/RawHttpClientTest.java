package gt.enlace.benchmarks.http;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RawHttpClientTest {

    private static final byte[] BODY = "{\"schema\":\"\\\"string\\\"\"}".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // 0 = chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY, 0, 5);
                out.flush();
                out.write(BODY, 5, BODY.length - 5);
            }
        });
        server.createContext("/close", exchange -> {
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldReadFixedLengthAndChunkedAnswersOverOneConnection() throws Exception {
        try (RawHttpClient client = new RawHttpClient("127.0.0.1", server.getAddress().getPort())) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/fixed", BODY)).isTrue();
                assertThat(client.get("/chunked", BODY)).isTrue();
            }
            assertThat(client.connections()).isEqualTo(1);
        }
    }

    @Test
    void shouldCountOnlyA200WithTheExpectedBody() throws Exception {
        try (RawHttpClient client = new RawHttpClient("127.0.0.1", server.getAddress().getPort())) {
            assertThat(client.get("/missing", BODY)).isFalse();
            assertThat(client.get("/fixed", "{}".getBytes(StandardCharsets.UTF_8))).isFalse();
            assertThat(client.get("/fixed", BODY)).isTrue();
        }
    }

    @Test
    void shouldReconnectWhenTheServerClosesTheConnection() throws Exception {
        try (RawHttpClient client = new RawHttpClient("127.0.0.1", server.getAddress().getPort())) {
            assertThat(client.get("/close", BODY)).isTrue();
            assertThat(client.get("/close", BODY)).isTrue();
            assertThat(client.connections()).isEqualTo(2);
        }
    }

    @Test
    void shouldCountCorrectAnswersOfConcurrentClients() throws Exception {
        int port = server.getAddress().getPort();
        try (HttpLoad load = new HttpLoad(3, () -> new RawHttpClient("127.0.0.1", port))) {
            HttpLoad.Phase phase = load.run(HttpTarget.builder("mixed").add("/fixed", BODY).add("/chunked", BODY).build(),
                Duration.ofMillis(200));

            assertThat(phase.ok()).isPositive();
            assertThat(phase.wrong()).isZero();
            assertThat(phase.failures()).isZero();
            assertThat(phase.perSecond()).isPositive();
        }
    }
}
