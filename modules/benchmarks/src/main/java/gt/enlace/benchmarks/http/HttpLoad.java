package gt.enlace.benchmarks.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Closed-loop HTTP load: N threads, each with its own {@link KeepAliveClient}, send requests back to back
 * (the next as soon as the previous answer is read) for a fixed time. Connections stay open between
 * {@link #run} calls, so warm-up and measured phases reuse them.
 *
 * <p>A phase's figure is the number of correct answers (200 and the exact expected body) divided by the
 * time from the common start signal until the last thread stopped.
 */
public final class HttpLoad implements AutoCloseable {

    /** Name prefix of the load threads. */
    static final String THREAD_PREFIX = "bench-http-client-";

    private final List<KeepAliveClient> clients;

    /**
     * @param clients how many concurrent clients
     * @param factory creates one client (called {@code clients} times)
     */
    public HttpLoad(int clients, Supplier<KeepAliveClient> factory) {
        Objects.requireNonNull(factory, "'factory' cannot be null");
        this.clients = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            this.clients.add(factory.get());
        }
    }

    /**
     * What one phase did.
     *
     * @param ok          correct answers
     * @param wrong       answers that were not a 200 with the expected body
     * @param failures    I/O failures (the client reconnected)
     * @param elapsed     from the start signal until the last client stopped
     * @param firstError  the first I/O failure's message, or {@code null}
     * @param clientCpuShare the clients' CPU time as a share of this whole process's CPU time during the phase
     *                    ({@code NaN} when the JVM cannot tell): when the server runs in the same JVM, a high
     *                    share means the load generator, not the server, is what limits the figure
     * @param processCpu  CPU time of this whole JVM during the phase ({@code Duration.ZERO} when unknown)
     */
    public record Phase(long ok, long wrong, long failures, Duration elapsed, String firstError, double clientCpuShare,
                        Duration processCpu) {

        /** Correct answers per second. */
        public double perSecond() {
            return ok / (elapsed.toNanos() / 1e9);
        }

        /**
         * CPU time this JVM spent per correct answer, in microseconds, leaving out the clients' share; {@code NaN}
         * when unknown. Unlike {@link #perSecond()}, other processes on the machine barely change it, so on a busy
         * machine {@code cores × 1,000,000 / serverCpuMicrosPerRequest} estimates what a quiet one would serve.
         */
        public double serverCpuMicrosPerRequest() {
            if (ok == 0 || processCpu.isZero() || Double.isNaN(clientCpuShare)) {
                return Double.NaN;
            }
            return processCpu.toNanos() * (1 - clientCpuShare) / ok / 1000.0;
        }
    }

    /**
     * Runs the clients against {@code target} for {@code duration}.
     *
     * @param target   paths and expected bodies; client {@code i} starts at path {@code i} and cycles
     * @param duration how long each client keeps sending
     * @return counts and rate of this phase
     */
    public Phase run(HttpTarget target, Duration duration) throws InterruptedException {
        int n = clients.size();
        long[] ok = new long[n];
        long[] wrong = new long[n];
        long[] failures = new long[n];
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(n);
        CountDownLatch release = new CountDownLatch(1);
        long durationNanos = duration.toNanos();
        long[] startNanos = new long[1];

        String[] paths = target.paths().toArray(new String[0]);
        byte[][] bodies = target.bodies().toArray(new byte[0][]);
        List<Thread> threads = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            int index = t;
            KeepAliveClient client = clients.get(t);
            Thread thread = new Thread(() -> {
                long good = 0;
                long bad = 0;
                long failed = 0;
                int next = index % paths.length;
                try {
                    ready.countDown();
                    go.await();
                    long deadline = startNanos[0] + durationNanos;
                    while (System.nanoTime() - deadline < 0) {
                        try {
                            if (client.get(paths[next], bodies[next])) {
                                good++;
                            } else {
                                bad++;
                            }
                        } catch (IOException e) {
                            failed++;
                            firstError.compareAndSet(null, e.toString());
                        }
                        if (++next == paths.length) {
                            next = 0;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ok[index] = good;
                    wrong[index] = bad;
                    failures[index] = failed;
                    done.countDown();
                }
                try {
                    release.await(); // stay alive until the coordinator has read this thread's CPU time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, THREAD_PREFIX + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long processCpuStart = processCpuTime();
        long clientCpuStart = clientCpuTime();
        startNanos[0] = System.nanoTime();
        go.countDown(); // the latch publishes startNanos[0] to the clients
        done.await();
        long elapsed = System.nanoTime() - startNanos[0];
        long processCpu = processCpuTime() - processCpuStart;
        long clientCpu = clientCpuStart < 0 ? -1 : clientCpuTime() - clientCpuStart; // before the client threads end and their times vanish
        release.countDown();
        for (Thread thread : threads) {
            thread.join(); // publishes the counters
        }
        long good = 0;
        long bad = 0;
        long failed = 0;
        for (int t = 0; t < n; t++) {
            good += ok[t];
            bad += wrong[t];
            failed += failures[t];
        }
        double share = clientCpu >= 0 && processCpu > 0 ? (double) clientCpu / processCpu : Double.NaN;
        return new Phase(good, bad, failed, Duration.ofNanos(elapsed), firstError.get(), share,
            Duration.ofNanos(Math.max(0, processCpu)));
    }

    /**
     * CPU time of every load-generating thread: ours, and the JDK HttpClient's selector and executor threads.
     *
     * @return nanoseconds, or {@code -1} when the JVM does not measure thread CPU time
     */
    private static long clientCpuTime() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return -1;
        }
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && isClientThread(info.getThreadName())) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }

    private static boolean isClientThread(String name) {
        return name.startsWith(THREAD_PREFIX) || name.startsWith(JdkHttpClient.THREAD_PREFIX)
            || name.startsWith("HttpClient-");
    }

    private static long processCpuTime() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Connections opened by all clients so far ({@code -1} when a client cannot tell). */
    public long connections() {
        long total = 0;
        for (KeepAliveClient client : clients) {
            if (client.connections() < 0) {
                return -1;
            }
            total += client.connections();
        }
        return total;
    }

    @Override
    public void close() {
        clients.forEach(KeepAliveClient::close);
    }
}
