package gt.enlace.benchmarks.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A load client on {@code java.net.http.HttpClient} over HTTP/1.1 (its own client, so its own keep-alive
 * connection). Heavier than {@link RawHttpClient}: every request goes through the client's selector thread
 * and an executor hand-off, which on a small machine competes with the server for CPU.
 */
public final class JdkHttpClient implements KeepAliveClient {

    /** Name prefix of this client's executor threads. */
    static final String THREAD_PREFIX = "bench-jdk-http";

    private final String base;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Map<String, HttpRequest> requests = new HashMap<>();

    /**
     * @param host server host
     * @param port server port
     */
    public JdkHttpClient(String host, int port) {
        this.base = "http://" + host + ":" + port;
        // Runs the response callbacks on the calling thread's own executor, not the shared common pool.
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD_PREFIX);
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
            .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public boolean get(String path, byte[] expected) throws IOException {
        HttpRequest request = requests.computeIfAbsent(path, p -> HttpRequest.newBuilder(URI.create(base + p))
            .header("Accept", RawHttpClient.ACCEPT).timeout(Duration.ofSeconds(30)).GET().build());
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 && Arrays.equals(response.body(), expected);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** Not observable through {@code HttpClient}; reported as {@code -1}. */
    @Override
    public int connections() {
        return -1;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        // HttpClient.close() exists only from Java 21; dropping the reference lets its selector thread end.
    }
}
