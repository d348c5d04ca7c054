package gt.enlace.platform.audit;

import gt.enlace.bus.audit.AuditLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The {@value AuditLog#TOPIC} topic: created with one partition (one order), infinite retention and the
 * {@code delete} cleanup policy (never compacted), and read back from offset 0.
 */
public final class AuditTopic {

    /** The topic's configuration. */
    public static final Map<String, String> CONFIG = Map.of(
        "cleanup.policy", "delete",
        "retention.ms", "-1",
        "retention.bytes", "-1");

    private AuditTopic() {
    }

    /**
     * Creates the topic when it does not exist.
     *
     * @return true when it was created now
     */
    public static boolean ensure(Admin admin, short replicationFactor) {
        try {
            admin.createTopics(List.of(new NewTopic(AuditLog.TOPIC, 1, replicationFactor).configs(CONFIG)))
                .all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create " + AuditLog.TOPIC + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create " + AuditLog.TOPIC + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + AuditLog.TOPIC, e);
        }
    }

    /** What a reader is told for each record, in offset order. */
    @FunctionalInterface
    public interface RecordVisitor {
        /** @return false to stop reading */
        boolean visit(long offset, byte[] value);
    }

    /**
     * Reads the topic from the beginning to its end offset at the time of the call.
     *
     * @param clientConfig bootstrap servers and security settings
     * @param timeout      longest wait in all
     * @return the number of records read, or empty when the topic does not exist
     * @throws IllegalStateException when the end is not reached within the timeout
     */
    public static Optional<Long> read(Map<String, ?> clientConfig, Duration timeout, RecordVisitor visitor) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-audit-reader");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            if (consumer.partitionsFor(AuditLog.TOPIC, timeout).isEmpty()) {
                return Optional.empty();
            }
            TopicPartition tp = new TopicPartition(AuditLog.TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            long count = 0;
            while (consumer.position(tp, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + AuditLog.TOPIC + " did not reach offset " + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= end) {
                        break;
                    }
                    count++;
                    if (!visitor.visit(r.offset(), r.value())) {
                        return Optional.of(count);
                    }
                }
            }
            return Optional.of(count);
        } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
            return Optional.empty();
        }
    }
}
