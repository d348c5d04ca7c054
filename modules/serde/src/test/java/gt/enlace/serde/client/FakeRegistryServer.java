package gt.enlace.serde.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted HTTP server standing in for the registry in client tests (the real registry lives in
 * modules/registry): answers queued responses in order, repeating the last one, and records every
 * request it saw.
 */
final class FakeRegistryServer implements AutoCloseable {

    record Request(String method, String rawPath, String rawQuery, Headers headers, String body) {
    }

    record Response(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Deque<Response> script = new ArrayDeque<>();
    private Response last = new Response(404, "application/json", "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeRegistryServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
            Response response = next();
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    private synchronized Response next() {
        if (!script.isEmpty()) {
            last = script.poll();
        }
        return last;
    }

    /** Queues a JSON answer. */
    synchronized FakeRegistryServer thenJson(int status, String json) {
        script.add(new Response(status, "application/vnd.schemaregistry.v1+json", json));
        return this;
    }

    /** Queues an answer that is not JSON (a proxy's error page). */
    synchronized FakeRegistryServer thenText(int status, String text) {
        script.add(new Response(status, "text/html", text));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
