package gt.enlace.subscriber;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which events ({@code ce_id}) one consumer group has handled, in a compacted Kafka topic,
 * so that a redelivered event (after a crash before the offset commit, a rebalance, a producer retry
 * or a dead-letter replay) is skipped instead of handled twice.
 *
 * <p>Records on the topic are keyed {@code <group>\u0000<ce_id>} with the handling time as value;
 * compaction keeps one record per key. {@link #open} creates the topic when it is missing and loads
 * the group's ids into memory (about a hundred bytes each), so it holds across restarts.
 *
 * <p>An id is remembered for the guard's retention (default {@value #DEFAULT_RETENTION_DAYS} days): a
 * redelivery comes minutes or hours after the first delivery, not weeks, and a subscriber that runs for
 * years must not hold every id it ever saw. Older ids are not loaded, are forgotten in memory (swept at
 * most every minute), and the topic, when the guard creates it, deletes records older than the retention
 * as well as compacting. An event redelivered after its id expired is handled again. Handlers
 * stay at-least-once underneath: {@link #markHandled} is written after the handler returns and before
 * the offset is committed, so a process killed between the two handles that event again.
 *
 * <p>Thread-safe: one guard may serve several consumers of the same group.
 */
public final class IdempotencyGuard implements AutoCloseable {

    /** Default topic: shared by every group, keyed by group and event id. */
    public static final String DEFAULT_TOPIC = "_enlace.subscriber.handled";

    /** Default retention of a handled id, in days. */
    public static final long DEFAULT_RETENTION_DAYS = 7;

    /** Default retention of a handled id. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(DEFAULT_RETENTION_DAYS);

    private static final long MAX_SWEEP_INTERVAL_MILLIS = 60_000;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyGuard.class);
    private static final char SEPARATOR = '\u0000';
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final String group;
    private final String keyPrefix;
    /** Handled ids and when they were handled ({@link System#currentTimeMillis()}). */
    private final Map<String, Long> handled = new ConcurrentHashMap<>();
    private final KafkaProducer<String, String> producer;
    private final long retentionMillis;
    private final long sweepIntervalMillis;
    private volatile long nextSweep;

    private IdempotencyGuard(String topic, String group, KafkaProducer<String, String> producer, Duration retention) {
        this.topic = topic;
        this.group = group;
        this.keyPrefix = group + SEPARATOR;
        this.producer = producer;
        this.retentionMillis = retention.toMillis();
        this.sweepIntervalMillis = Math.max(1, Math.min(retentionMillis / 10, MAX_SWEEP_INTERVAL_MILLIS));
        this.nextSweep = System.currentTimeMillis() + sweepIntervalMillis;
    }

    /**
     * Opens the guard of a group with the {@linkplain #DEFAULT_RETENTION default retention}.
     *
     * @see #open(Map, String, String, Duration)
     */
    public static IdempotencyGuard open(Map<String, ?> clientConfig, String topic, String group) {
        return open(clientConfig, topic, group, DEFAULT_RETENTION);
    }

    /**
     * Opens the guard of a group: creates the topic if needed (compacted, 3 partitions, the broker's
     * default replication) and reads the ids the group handled so far.
     *
     * @param clientConfig Kafka client properties; {@code bootstrap.servers} at least
     * @param topic        the guard topic, e.g. {@link #DEFAULT_TOPIC}
     * @param group        the consumer group
     * @param retention    how long a handled id is remembered; positive
     * @return the loaded guard; close it to flush pending marks
     */
    public static IdempotencyGuard open(Map<String, ?> clientConfig, String topic, String group, Duration retention) {
        Objects.requireNonNull(clientConfig, "'clientConfig' cannot be null");
        Objects.requireNonNull(topic, "'topic' cannot be null");
        Objects.requireNonNull(group, "'group' cannot be null");
        checkRetention(retention);
        Map<String, Object> base = new HashMap<>(clientConfig);
        ensureTopic(base, topic, retention);
        Map<String, Object> producerConfig = new HashMap<>(base);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "enlace-guard-" + group);
        IdempotencyGuard guard = new IdempotencyGuard(topic, group,
            new KafkaProducer<>(onlyClientKeys(producerConfig, ProducerConfig.configNames()), new StringSerializer(), new StringSerializer()),
            retention);
        try {
            guard.load(base);
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
        return guard;
    }

    /**
     * @throws IllegalArgumentException when {@code retention} is null, zero or negative
     */
    static Duration checkRetention(Duration retention) {
        if (retention == null || retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("the idempotency guard's retention must be positive, not " + retention);
        }
        return retention;
    }

    private static void ensureTopic(Map<String, Object> config, String topic, Duration retention) {
        try (Admin admin = Admin.create(onlyClientKeys(config, org.apache.kafka.clients.admin.AdminClientConfig.configNames()))) {
            if (admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return;
            }
            NewTopic newTopic = new NewTopic(topic, java.util.Optional.of(3), java.util.Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created the idempotency guard topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("Could not create the idempotency guard topic '" + topic + "': " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new KafkaException("Timed out creating the idempotency guard topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating the idempotency guard topic '" + topic + "'", e);
        }
    }

    private void load(Map<String, Object> base) {
        Map<String, Object> consumerConfig = new HashMap<>(base);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-guard-loader-" + group);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long oldest = System.currentTimeMillis() - retentionMillis;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(onlyClientKeys(consumerConfig, ConsumerConfig.configNames()),
            new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("Timed out loading the idempotency guard of group '" + group + "' from " + topic);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.key();
                    if (key != null && key.startsWith(keyPrefix)) {
                        String id = key.substring(keyPrefix.length());
                        long handledAt = handledAt(record);
                        if (record.value() == null || handledAt <= oldest) {
                            handled.remove(id);
                        } else {
                            handled.put(id, handledAt);
                        }
                    }
                }
            }
        }
        log.info("Idempotency guard of group '{}' loaded {} handled event id(s) from {}", group, handled.size(), topic);
    }

    /** The handling time a mark carries (its value), or the record's timestamp when the value is not an instant. */
    private static long handledAt(ConsumerRecord<String, byte[]> record) {
        if (record.value() != null) {
            try {
                return Instant.parse(new String(record.value(), StandardCharsets.UTF_8)).toEpochMilli();
            } catch (DateTimeParseException e) {
                // a mark written by another tool: its timestamp is the best time there is
            }
        }
        return record.timestamp();
    }

    /** How long a handled id is remembered. */
    public Duration retention() {
        return Duration.ofMillis(retentionMillis);
    }

    /** The consumer group this guard is for. */
    public String group() {
        return group;
    }

    /** How many handled ids the guard holds in memory (expired ones until the next sweep). */
    public int size() {
        return handled.size();
    }

    /**
     * Whether the group already handled an event.
     *
     * @param eventId the event's {@code ce_id}
     * @return true to skip it
     */
    public boolean isHandled(String eventId) {
        if (eventId == null) {
            return false;
        }
        Long at = handled.get(eventId);
        return at != null && at > System.currentTimeMillis() - retentionMillis;
    }

    /**
     * Records that the group handled an event. The write is asynchronous; call {@link #flush()} before
     * committing offsets so that the mark is durable first.
     *
     * @param eventId the event's {@code ce_id}
     */
    public void markHandled(String eventId) {
        Objects.requireNonNull(eventId, "'eventId' cannot be null");
        long now = System.currentTimeMillis();
        long oldest = now - retentionMillis;
        if (now >= nextSweep) {
            nextSweep = now + sweepIntervalMillis;
            handled.values().removeIf(at -> at <= oldest);
        }
        // An id still remembered keeps its first handling time; an expired one is handled anew.
        long kept = handled.compute(eventId, (id, at) -> at != null && at > oldest ? at : now);
        if (kept == now) {
            producer.send(new ProducerRecord<>(topic, keyPrefix + eventId, Instant.ofEpochMilli(now).toString()), (metadata, e) -> {
                if (e != null) {
                    log.warn("Could not record event {} as handled by group '{}' in {}: {}", eventId, group, topic, e.toString());
                }
            });
        }
    }

    /** Waits until every mark written so far is acknowledged by the brokers. */
    public void flush() {
        producer.flush();
    }

    /** Flushes and releases the producer. */
    @Override
    public void close() {
        producer.close(TIMEOUT);
    }

    private static Map<String, Object> onlyClientKeys(Map<String, Object> config, Set<String> known) {
        Map<String, Object> out = new HashMap<>();
        config.forEach((k, v) -> {
            if (known.contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The record key of an event id for a group (for tools that inspect the topic). */
    public static String key(String group, String eventId) {
        return group + SEPARATOR + eventId;
    }
}
