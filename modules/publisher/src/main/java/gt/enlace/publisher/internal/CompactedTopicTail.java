package gt.enlace.publisher.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a small internal topic from its beginning for as long as it runs, giving every key and value (null for a
 * tombstone) to a sink on its own thread. It is how several instances of a role share what one of them wrote: each
 * keeps tailing, and {@link #sync()} answers once everything written before the call has been applied, which gives
 * a reader read-your-writes across instances at the cost of one end-offsets round trip.
 */
public final class CompactedTopicTail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicTail.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String topic;
    private final Properties consumerProperties;
    private final Runnable prepare;
    private final BiConsumer<String, String> sink;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Queue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    /** Requests waiting for the current target; only the tail's thread touches it, and it survives a reconnect. */
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private final Thread thread;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean closed;

    private CompactedTopicTail(String bootstrapServers, Map<String, ?> clientProperties, String topic, Runnable prepare,
                               BiConsumer<String, String> sink, String threadName) {
        this.topic = topic;
        this.prepare = prepare;
        this.sink = sink;
        this.consumerProperties = new Properties();
        consumerProperties.putAll(clientProperties);
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, threadName);
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /**
     * Starts following a topic.
     *
     * @param prepare runs first on the tail's thread, retried with back-off while it throws (e.g. creating the topic)
     * @param sink    receives each record's key and value, in offset order, on the tail's thread
     */
    public static CompactedTopicTail start(String bootstrapServers, Map<String, ?> clientProperties, String topic,
                                           Runnable prepare, BiConsumer<String, String> sink, String threadName) {
        CompactedTopicTail tail = new CompactedTopicTail(bootstrapServers, clientProperties, topic, prepare, sink, threadName);
        tail.thread.start();
        return tail;
    }

    /** Completes once the records that were on the topic when the tail started have all been applied. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** Completes once every record written to the topic before this call has been applied. */
    public CompletableFuture<Void> sync() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        syncRequests.add(request);
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        return request;
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            try {
                prepare.run();
                follow();
                return;
            } catch (InterruptException | WakeupException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("Cannot follow {} yet ({}); retrying in {} s", topic, e.getMessage(), backoff.toSeconds());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void follow() {
        try (KafkaConsumer<String, String> tail = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = tail.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            tail.assign(partitions);
            tail.seekToBeginning(partitions);
            consumer = tail;
            if (!caughtUp.isDone() && !waiting.contains(caughtUp)) {
                waiting.add(caughtUp);
            }
            Map<TopicPartition, Long> target = endOffsets(tail, partitions);
            while (!closed) {
                if (target == null && !syncRequests.isEmpty()) {
                    for (CompletableFuture<Void> request; (request = syncRequests.poll()) != null; ) {
                        waiting.add(request);
                    }
                    target = endOffsets(tail, partitions);
                }
                if (target != null && reached(tail, target)) {
                    waiting.forEach(w -> w.complete(null));
                    waiting.clear();
                    target = null;
                    continue;
                }
                try {
                    for (ConsumerRecord<String, String> record : tail.poll(Duration.ofMillis(500))) {
                        sink.accept(record.key(), record.value());
                    }
                } catch (WakeupException e) {
                    // a sync request: handled at the top of the loop
                }
            }
        } finally {
            consumer = null;
        }
    }

    private Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, String> tail, List<TopicPartition> partitions) {
        while (true) {
            try {
                return tail.endOffsets(partitions);
            } catch (WakeupException e) {
                if (closed) {
                    throw e;
                }
                // another sync request arrived while asking: it waits for the next round
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, String> tail, Map<TopicPartition, Long> target) {
        try {
            for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
                if (tail.position(end.getKey()) < end.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (WakeupException e) {
            return false; // a sync request: it waits in the queue for the next round
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            // The wakeup ends a poll; an interrupt is only for a thread still waiting out a back-off, because an
            // interrupted thread cannot close its consumer cleanly (Kafka logs the InterruptException as an error).
            thread.join(2_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(3_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
