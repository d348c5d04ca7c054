package gt.enlace.survey.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.bus.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes subscriptions over time: every interval it reads the committed offsets of every consumer group on the
 * data topics ({@code gt.<institution>.<event>.v<N>}, not dead-letter topics) with the Admin client and, for each
 * {@code group@topic} whose committed offset advanced on some partition since the previous pass, writes a record to
 * {@value SubscriptionSamples#TOPIC} (at most one per pair and calendar day in the metrics' zone, the smallest
 * period). The observed-metrics topology counts those pairs per provider institution and period.
 *
 * <p>The first pass after a start only records where each group stands: what a group consumed while no sampler ran
 * is not attributed to any period. A pair first seen on a later pass counts (the group committed since the previous
 * pass). The platform's own groups ({@code _enlace.*}) and the metrics topology's application id are not
 * subscriptions. Several survey instances each run a sampler; their samples repeat each other, which the topology's
 * set of pairs absorbs. Thread-safe.
 */
public final class SubscriptionSampler implements AutoCloseable {

    /** The interval by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSampler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Admin admin;
    private final Producer<String, String> producer;
    private final ZoneId zone;
    private final String ownGroup;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private boolean topicReady;
    private volatile long passes; // written under the lock, read without it

    // Per group@topic, the committed offset by partition at the previous pass; null before the first pass.
    private Map<String, Map<Integer, Long>> previous;
    // Per group@topic, the day of the last sample written.
    private final Map<String, LocalDate> written = new HashMap<>();

    SubscriptionSampler(Admin admin, Producer<String, String> producer, ZoneId zone, String ownGroup, Clock clock) {
        this.admin = Objects.requireNonNull(admin, "'admin' cannot be null");
        this.producer = Objects.requireNonNull(producer, "'producer' cannot be null");
        this.zone = Objects.requireNonNull(zone, "'zone' cannot be null");
        this.ownGroup = ownGroup;
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null");
    }

    /**
     * A sampler of the cluster; its first pass creates {@value SubscriptionSamples#TOPIC} when it is missing (one
     * partition, retention infinite). Returns at once, without contacting Kafka. Call {@link #start} to sample
     * periodically.
     *
     * @param clientConfig  Kafka client properties, {@code bootstrap.servers} at least (SASL/SSL settings are passed
     *                      to both the Admin client and the producer)
     * @param zone          the calendar of the metrics' periods
     * @param applicationId the metrics topology's application id, whose group is not a subscription
     */
    public static SubscriptionSampler create(Map<String, ?> clientConfig, ZoneId zone, String applicationId) {
        Map<String, Object> adminConfig = new HashMap<>();
        Map<String, Object> producerConfig = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            boolean security = k.startsWith("sasl.") || k.startsWith("ssl.");
            if (security || AdminClientConfig.configNames().contains(k)) {
                adminConfig.put(k, v);
            }
            if (security || ProducerConfig.configNames().contains(k)) {
                producerConfig.put(k, v);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "enlace-subscription-sampler");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-subscription-sampler");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        Admin admin = Admin.create(adminConfig);
        return new SubscriptionSampler(admin, new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer()), zone, applicationId, Clock.systemUTC());
    }

    /** Samples now and then every {@code interval}, on a daemon thread, until {@link #close}. */
    public synchronized SubscriptionSampler start(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the sampling interval must be positive, was " + interval);
        }
        if (scheduler != null) {
            throw new IllegalStateException("the subscription sampler is already running");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "enlace-subscription-sampler");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                log.warn("Could not sample the consumer groups' offsets; retrying in {} s: {}", interval.toSeconds(),
                        e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * One pass: reads the committed offsets and writes a sample for each pair that advanced since the previous pass.
     *
     * @return the samples written
     * @throws org.apache.kafka.common.KafkaException when the cluster does not answer
     * @throws IllegalStateException when the samples topic is missing and cannot be created
     */
    public synchronized int sample() {
        if (!topicReady) {
            SubscriptionSamples.ensureTopic(admin);
            topicReady = true;
        }
        Map<String, Map<Integer, Long>> current = committedOffsets();
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        int samples = 0;
        if (previous != null) {
            for (Map.Entry<String, Map<Integer, Long>> entry : current.entrySet()) {
                String key = entry.getKey();
                Map<Integer, Long> before = previous.get(key);
                boolean advanced = before == null
                        ? entry.getValue().values().stream().anyMatch(o -> o > 0)
                        : entry.getValue().entrySet().stream().anyMatch(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L));
                if (advanced && !today.equals(written.get(key))) {
                    send(key, before, entry.getValue(), now);
                    written.put(key, today);
                    samples++;
                }
            }
            if (samples > 0) {
                producer.flush();
            }
        }
        written.keySet().retainAll(current.keySet());
        previous = current;
        passes++;
        return samples;
    }

    /**
     * Passes completed since this sampler was created; the first one only records where each group stands, so a
     * group's progress counts once this is at least 1.
     */
    public long passes() {
        return passes;
    }

    private void send(String key, Map<Integer, Long> before, Map<Integer, Long> after, Instant now) {
        int at = key.lastIndexOf('@');
        String topic = key.substring(at + 1);
        ObjectNode value = JSON.createObjectNode();
        value.put("group", key.substring(0, at));
        value.put("topic", topic);
        value.put("provider", Topics.institutionOf(topic));
        value.put("committed", after.values().stream().mapToLong(Long::longValue).sum());
        value.put("previous", before == null ? 0 : before.values().stream().mapToLong(Long::longValue).sum());
        value.put("sampledAt", now.toString());
        producer.send(new ProducerRecord<>(SubscriptionSamples.TOPIC, null, now.toEpochMilli(), key, value.toString()),
                (metadata, e) -> {
                    if (e != null) {
                        log.warn("Could not write the subscription sample {}: {}", key, e.getMessage());
                    }
                });
    }

    /** Per group@topic on a data topic, the committed offset by partition. */
    private Map<String, Map<Integer, Long>> committedOffsets() {
        try {
            List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream().map(GroupListing::groupId)
                    .filter(g -> !g.startsWith(Topics.INTERNAL_PREFIX) && !g.equals(ownGroup)).toList();
            Map<String, Map<Integer, Long>> out = new HashMap<>();
            if (groups.isEmpty()) {
                return out;
            }
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
            var result = admin.listConsumerGroupOffsets(specs);
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets;
                try {
                    offsets = result.partitionsToOffsetAndMetadata(group).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    continue; // the group vanished or is being deleted
                }
                offsets.forEach((tp, om) -> {
                    if (om != null && Topics.isValid(tp.topic())) {
                        out.computeIfAbsent(SubscriptionSamples.key(group, tp.topic()), k -> new HashMap<>())
                                .put(tp.partition(), om.offset());
                    }
                });
            }
            return out;
        } catch (ExecutionException e) {
            throw new org.apache.kafka.common.KafkaException("could not list the consumer groups' offsets: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.KafkaException("Kafka did not list the consumer groups' offsets within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.KafkaException("interrupted while listing the consumer groups' offsets", e);
        }
    }

    /** Stops sampling and closes the clients. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
        }
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(TIMEOUT);
        admin.close(TIMEOUT);
    }
}
