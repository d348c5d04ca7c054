package gt.enlace.registry.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import gt.enlace.registry.config.RegistryProperties;
import gt.enlace.registry.service.RegistryError;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends every write (register, deletes, config and mode changes) to the elected leader, as Confluent's
 * followers do, so that only one instance allocates ids. Reads, lookups and compatibility checks are served
 * locally. The leader's answer (status, content type, body) is passed back unchanged, once this instance has
 * applied the write too: a client that writes and then reads through the same instance sees its write.
 *
 * <p>No leader known within the write timeout gives 50004; a leader that cannot be reached gives 50003. A
 * request that was already forwarded once is never forwarded again: an instance that lost the leadership
 * meanwhile answers 50004 and the sender looks the leader up again and retries until the write timeout, so
 * requests cannot loop and a rebalance costs latency, not errors.
 */
public final class LeaderForwardingFilter extends OncePerRequestFilter {

    /** Header marking a request forwarded by another instance. */
    public static final String FORWARDED_HEADER = "X-Enlace-Registry-Forwarded";

    private static final Logger log = LoggerFactory.getLogger(LeaderForwardingFilter.class);
    private static final Pattern REGISTER = Pattern.compile("^/subjects/[^/]+/versions/?$");

    private final LeaderElector elector;
    private final RegistryProperties properties;
    private final Runnable catchUp;
    /** Created on the first forward (a leader never needs one), dropped by {@link #destroy()}. */
    private HttpClient http;
    private ExecutorService httpExecutor;
    private boolean destroyed;

    /**
     * @param catchUp waits until this instance's copy of the store has applied everything in it; run after a
     *                forwarded write succeeded, before answering
     */
    public LeaderForwardingFilter(LeaderElector elector, RegistryProperties properties, Runnable catchUp) {
        this.elector = elector;
        this.properties = properties;
        this.catchUp = catchUp;
    }

    /**
     * The client followers forward with. Its threads (the JDK client's selector and our executor's workers) are
     * daemons whose context class loader is this class's, not the web application's, so they never pin it, and
     * Tomcat has no thread of ours to report when the registry stops.
     */
    private synchronized HttpClient http() {
        if (destroyed) {
            throw new IllegalStateException("The registry is stopping");
        }
        if (http == null) {
            ClassLoader loader = LeaderForwardingFilter.class.getClassLoader();
            AtomicInteger count = new AtomicInteger();
            httpExecutor = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "enlace-registry-forward-" + count.incrementAndGet());
                thread.setDaemon(true);
                thread.setContextClassLoader(loader);
                return thread;
            });
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(loader); // the client's selector thread inherits it
            try {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(httpExecutor).build();
            } finally {
                current.setContextClassLoader(previous);
            }
        }
        return http;
    }

    /**
     * Stops the forwarding client, if one was made: the client itself where the JDK can ({@code shutdownNow()}
     * from Java 21; on 17 its daemon selector thread ends by itself once the client is unreachable), then its
     * executor. Called by the servlet container and by Spring; safe to call twice.
     */
    @Override
    public void destroy() {
        HttpClient client;
        ExecutorService executor;
        synchronized (this) {
            destroyed = true;
            client = http;
            executor = httpExecutor;
            http = null;
            httpExecutor = null;
        }
        if (client != null) {
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(client);
            } catch (NoSuchMethodException e) {
                // Java 17: nothing to call; the selector thread ends once the client is unreachable
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("Stopping the leader forwarding client failed", e);
            }
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Whether this request changes the registry and must run on the leader. */
    static boolean isWrite(String method, String path) {
        return "PUT".equals(method) || "DELETE".equals(method) || ("POST".equals(method) && REGISTER.matcher(path).matches());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!isWrite(request.getMethod(), path) || elector.isLeader()) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader(FORWARDED_HEADER) != null) {
            // the sender retries with the new leader; never forward twice
            error(response, RegistryError.UNKNOWN_LEADER, NOT_LEADER);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        long deadline = System.nanoTime() + properties.writeTimeout().toNanos();
        String lastLeader = null;
        while (System.nanoTime() < deadline) {
            if (elector.isLeader()) {
                chain.doFilter(new CachedBodyRequest(request, body), response);
                return;
            }
            Optional<String> leaderUrl = elector.leaderUrl().filter(url -> !url.equals(elector.myUrl()));
            if (leaderUrl.isPresent()) {
                lastLeader = leaderUrl.get();
                Forwarded answer = forward(request, body, leaderUrl.get(), path);
                if (answer == null) {
                    error(response, RegistryError.REQUEST_FORWARDING_FAILED, "Error while forwarding the request to the "
                        + "leader at " + leaderUrl.get());
                    return;
                }
                if (!answer.notLeader()) {
                    if (answer.status() < 300) {
                        awaitLocalCopy();
                    }
                    response.setStatus(answer.status());
                    if (answer.contentType() != null) {
                        response.setContentType(answer.contentType());
                    }
                    response.getOutputStream().write(answer.body());
                    return;
                }
            }
            elector.awaitChange(Math.max(0, Math.min(deadline - System.nanoTime(), Duration.ofMillis(200).toNanos())));
        }
        error(response, RegistryError.UNKNOWN_LEADER, lastLeader == null
            ? "Write request failed since the leader is unknown" : NOT_LEADER);
    }

    /** The write is done on the leader whatever happens here, so a slow local copy is logged, not reported. */
    private void awaitLocalCopy() {
        try {
            catchUp.run();
        } catch (RuntimeException e) {
            log.warn("A forwarded write succeeded but this instance has not applied it yet: {}", e.getMessage());
        }
    }

    private static final String NOT_LEADER = "Request forwarded to an instance that is no longer the leader";

    /** The leader's answer; {@code notLeader} when the target turned out not to be the leader any more. */
    private record Forwarded(int status, String contentType, byte[] body, boolean notLeader) {
    }

    private Forwarded forward(HttpServletRequest request, byte[] body, String leaderUrl, String path) {
        String query = request.getQueryString();
        URI target = URI.create(leaderUrl + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(target)
            .timeout(properties.writeTimeout().plusSeconds(5))
            .header(FORWARDED_HEADER, elector.myUrl())
            .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        copyHeader(request, forwarded, "Content-Type");
        copyHeader(request, forwarded, "Accept");
        // A secured leader authenticates the forwarded write again, as the same principal.
        copyHeader(request, forwarded, "Authorization");
        try {
            HttpResponse<byte[]> answer = http().send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean notLeader = answer.statusCode() == RegistryError.UNKNOWN_LEADER.httpStatus()
                && new String(answer.body(), StandardCharsets.UTF_8).contains(NOT_LEADER);
            return new Forwarded(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
                answer.body(), notLeader);
        } catch (IOException | IllegalStateException e) {
            log.error("Forwarding {} {} to the leader at {} failed", request.getMethod(), path, leaderUrl, e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The request with its body already read, replayed to the local handler. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }

    private static void copyHeader(HttpServletRequest request, HttpRequest.Builder forwarded, String name) {
        String value = request.getHeader(name);
        if (value != null) {
            forwarded.header(name, value);
        }
    }

    private static void error(HttpServletResponse response, RegistryError error, String message) throws IOException {
        response.setStatus(error.httpStatus());
        response.setContentType("application/vnd.schemaregistry.v1+json");
        String json = "{\"error_code\":" + error.code() + ",\"message\":\"" + message.replace("\\", "\\\\")
            .replace("\"", "\\\"") + "\"}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
