package gt.enlace.benchmarks.bus;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Asynchronous publishing with a bounded window of outstanding sends, the way a throughput-minded publisher uses
 * {@code KafkaProducer} or the SDK: send while fewer than {@code window} sends await their acknowledgement, block
 * otherwise. Used for both sides of every publishing row, so Enlace and the baseline are driven identically.
 */
public final class PublishLoad {

    /** Outstanding sends allowed by default. */
    public static final int DEFAULT_WINDOW = 10_000;

    /** Sends event number {@code index}; calls {@code done} with {@code null} once acknowledged, else the failure. */
    @FunctionalInterface
    public interface Sender {
        void send(long index, Consumer<Throwable> done) throws Exception;
    }

    /**
     * What one phase did.
     *
     * @param acked      sends acknowledged
     * @param failed     sends that failed
     * @param elapsed    from the first send to the last acknowledgement
     * @param firstError the first failure, or {@code null}
     */
    public record Phase(long acked, long failed, Duration elapsed, String firstError) {

        /** Acknowledged sends per second. */
        public double perSecond() {
            return acked / (elapsed.toNanos() / 1e9);
        }
    }

    private PublishLoad() {
    }

    /** Sends for {@code duration} (then waits for the outstanding acknowledgements). */
    public static Phase forDuration(Duration duration, int window, Sender sender) throws Exception {
        return run(duration.toNanos(), Long.MAX_VALUE, window, sender);
    }

    /** Sends exactly {@code count} events and waits for their acknowledgements. */
    public static Phase count(long count, int window, Sender sender) throws Exception {
        return run(Long.MAX_VALUE, count, window, sender);
    }

    private static Phase run(long durationNanos, long maxCount, int window, Sender sender) throws Exception {
        Semaphore permits = new Semaphore(window);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Consumer<Throwable> done = error -> {
            if (error == null) {
                acked.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstError.compareAndSet(null, error.toString());
            }
            permits.release();
        };
        long start = System.nanoTime();
        boolean timed = durationNanos != Long.MAX_VALUE;
        for (long i = 0; i < maxCount; i++) {
            if (timed && (i & 63) == 0 && System.nanoTime() - start > durationNanos) {
                break;
            }
            permits.acquire();
            sender.send(i, done);
        }
        if (!permits.tryAcquire(window, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sends were not acknowledged within 120 s");
        }
        long elapsed = System.nanoTime() - start;
        if (acked.get() == 0) {
            throw new IllegalStateException("nothing was acknowledged; first failure: " + firstError.get());
        }
        return new Phase(acked.get(), failed.get(), Duration.ofNanos(elapsed), firstError.get());
    }
}
