package gt.enlace.publisher.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import gt.enlace.publisher.TopicReadiness;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Helpers for the publisher's small internal compacted topics (idempotency answers, CSV progress markers). */
public final class CompactedTopics {

    private CompactedTopics() {
    }

    /**
     * Creates a one-partition compacted topic unless it exists (replication as many brokers as there are, up to 3)
     * and returns once it takes writes ({@link TopicReadiness}).
     */
    public static void ensure(String bootstrapServers, String topic, Map<String, String> extraConfig, Duration timeout) {
        ensure(bootstrapServers, Map.of(), topic, extraConfig, timeout);
    }

    /** {@link #ensure(String, String, Map, Duration)} with extra client properties (security) for the admin client. */
    public static void ensure(String bootstrapServers, Map<String, ?> clientProperties, String topic,
                              Map<String, String> extraConfig, Duration timeout) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        try (Admin admin = Admin.create(props)) {
            if (admin.listTopics().names().get().contains(topic)) {
                return;
            }
            int brokers = admin.describeCluster().nodes().get().size();
            Map<String, String> config = new HashMap<>(extraConfig);
            config.put("cleanup.policy", "compact");
            NewTopic newTopic = new NewTopic(topic, 1, (short) Math.max(1, Math.min(3, brokers))).configs(config);
            try {
                admin.createTopics(List.of(newTopic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            // a topic someone just created is in the metadata before its leader can take writes
            TopicReadiness.await(admin, List.of(topic), timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /** Reads a topic from the beginning up to its current end, giving each key and value (null for a tombstone). */
    public static void readAll(String bootstrapServers, String topic, Duration timeout, BiConsumer<String, String> sink) {
        readAll(bootstrapServers, Map.of(), topic, timeout, sink);
    }

    /** {@link #readAll(String, String, Duration, BiConsumer)} with extra client properties (security) for the consumer. */
    public static void readAll(String bootstrapServers, Map<String, ?> clientProperties, String topic, Duration timeout,
                               BiConsumer<String, String> sink) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(record.key(), record.value());
                }
            }
        }
    }
}
