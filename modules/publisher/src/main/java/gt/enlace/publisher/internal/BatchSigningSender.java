package gt.enlace.publisher.internal;

import gt.enlace.bus.signing.EventSigner;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;

/**
 * Group-commit signing in front of a producer: records whose value is already serialized queue up while the signer
 * thread signs the previous batch; the thread then takes everything queued (at most {@code maxBatch}), signs it with
 * one Ed25519 signature ({@link EventSigner#signBatch}) and hands the records to the producer in queue order. A
 * record that arrives when the thread has been idle for {@code linger} or more goes out at once, alone if need be,
 * so an idle publisher waits for no one. In a stream (the previous batch left less than {@code linger} ago) the
 * thread first waits up to {@code linger} for the batch to fill: without that, a publisher slower than the signer
 * would get batches of two or three and spend a signature (~0.1 ms of CPU) on each, CPU that a busy machine's broker
 * and sender threads need.
 *
 * <p>One thread and one FIFO queue keep the order in which {@link #submit} was called, so per-partition order is the
 * callers' order, as with {@code KafkaProducer.send}. When the queue is full {@link #submit} blocks, as
 * {@code send} does when the producer's buffer is full. Thread-safe.
 */
public final class BatchSigningSender {

    /** What waits in the queue: a record to sign, or a marker that the thread reaches once everything before it is sent. */
    private sealed interface Item permits Pending, Marker {
    }

    private record Pending(ProducerRecord<String, Object> record, Callback callback) implements Item {
    }

    private record Marker(CountDownLatch reached, boolean stop) implements Item {
    }

    private final EventSigner signer;
    private final Producer<String, Object> producer;
    private final int maxBatch;
    private final long lingerNanos;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    /** Set when the thread stops: whatever is queued from then on is failed by whoever queued it. */
    private volatile boolean stopped;

    /**
     * Starts the signer thread.
     *
     * @param signer     signs each batch
     * @param producer   sends the signed records; its value serializer must pass {@code byte[]} through
     * @param maxBatch   the most records one signature covers
     * @param linger     how long a batch may wait to fill while records stream in; zero never waits
     * @param threadName the signer thread's name
     */
    public BatchSigningSender(EventSigner signer, Producer<String, Object> producer, int maxBatch, Duration linger,
                              String threadName) {
        this.signer = Objects.requireNonNull(signer, "'signer' cannot be null");
        this.producer = Objects.requireNonNull(producer, "'producer' cannot be null");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("'maxBatch' must be at least 1, not " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        if (lingerNanos < 0) {
            throw new IllegalArgumentException("'linger' cannot be negative");
        }
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, 8 * maxBatch));
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a record for signing and sending.
     *
     * @param record   a record whose value is the serialized {@code byte[]} and whose {@code ce_*} headers are final
     * @param callback called once with the producer's outcome (or the signing failure)
     * @throws InterruptedException when interrupted while the queue is full
     */
    public void submit(ProducerRecord<String, Object> record, Callback callback) throws InterruptedException {
        enqueue(new Pending(record, callback));
    }

    /** Waits for room, but never for a thread that has stopped. */
    private void enqueue(Item item) throws InterruptedException {
        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                failRemaining(List.of(item));
                return;
            }
        }
        if (stopped) {
            failRemaining(List.of());
        }
    }

    /**
     * Waits until every record submitted before this call has been signed and handed to the producer.
     *
     * @return false when that took longer than {@code timeout}
     */
    public boolean awaitHandedOver(Duration timeout) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        long deadline = System.nanoTime() + timeout.toNanos();
        enqueue(new Marker(reached, false));
        return reached.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * Signs and hands over what is queued, then stops the thread. Records submitted after this call fail with an
     * {@link IllegalStateException} saying the publisher is closed.
     */
    public void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (queue.offer(new Marker(new CountDownLatch(1), true), timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failRemaining(List.of());
    }

    private void run() {
        ArrayDeque<Item> taken = new ArrayDeque<>(maxBatch);
        List<Pending> batch = new ArrayList<>(maxBatch);
        Exception closed = new IllegalStateException("the publisher is closed");
        long lastHandOver = System.nanoTime() - lingerNanos - 1;
        try {
            while (true) {
                taken.add(queue.take());
                long start = System.nanoTime();
                queue.drainTo(taken, maxBatch - 1);
                if (lingerNanos > 0 && start - lastHandOver < lingerNanos && taken.size() < maxBatch && !hasMarker(taken)) {
                    // One park, not a wake-up per arriving record; flush and close wait at most this long.
                    LockSupport.parkNanos(lingerNanos);
                    queue.drainTo(taken, maxBatch - taken.size());
                }
                for (Item item = taken.poll(); item != null; item = taken.poll()) {
                    if (item instanceof Pending p) {
                        batch.add(p);
                        continue;
                    }
                    signAndSend(batch);
                    Marker marker = (Marker) item;
                    marker.reached().countDown();
                    if (marker.stop()) {
                        return;
                    }
                }
                signAndSend(batch);
                lastHandOver = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failAll(batch, closed);
            for (Item item : taken) {
                if (item instanceof Pending p) {
                    fail(p, closed);
                } else {
                    ((Marker) item).reached().countDown();
                }
            }
            stopped = true;
            failRemaining(List.of());
        }
    }

    private static boolean hasMarker(ArrayDeque<Item> taken) {
        for (Item item : taken) {
            if (item instanceof Marker) {
                return true;
            }
        }
        return false;
    }

    private void signAndSend(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Headers> headers = new ArrayList<>(batch.size());
        List<byte[]> values = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            headers.add(p.record().headers());
            values.add((byte[]) p.record().value());
        }
        try {
            signer.signBatch(headers, values);
        } catch (RuntimeException e) {
            failAll(batch, e);
            return;
        }
        // When the producer timed out on a topic (no metadata, buffer full), the rest of the batch for that topic fails
        // the same way at once instead of each record waiting max.block.ms again on this one thread.
        Map<String, RuntimeException> timedOut = new HashMap<>(2);
        for (Pending p : batch) {
            RuntimeException earlier = timedOut.get(p.record().topic());
            if (earlier != null) {
                fail(p, earlier);
                continue;
            }
            try {
                producer.send(p.record(), p.callback());
            } catch (RuntimeException e) {
                if (e instanceof TimeoutException) {
                    timedOut.put(p.record().topic(), e);
                }
                fail(p, e);
            }
        }
        batch.clear();
    }

    private static void failAll(List<Pending> batch, Exception e) {
        for (Pending p : batch) {
            fail(p, e);
        }
        batch.clear();
    }

    /** A callback that throws must not stop the signer thread. */
    private static void fail(Pending p, Exception e) {
        try {
            p.callback().onCompletion(null, e);
        } catch (RuntimeException ignored) {
            // the caller's problem; the other records still get their outcome
        }
    }

    /** Fails the given items and everything queued: only once the thread has stopped. */
    private void failRemaining(List<Item> more) {
        Exception closed = new IllegalStateException("the publisher is closed");
        List<Item> left = new ArrayList<>(more);
        queue.drainTo(left);
        for (Item item : left) {
            if (item instanceof Pending p) {
                fail(p, closed);
            } else {
                ((Marker) item).reached().countDown();
            }
        }
    }
}
