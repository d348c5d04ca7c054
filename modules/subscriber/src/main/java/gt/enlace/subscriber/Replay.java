package gt.enlace.subscriber;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Positions a consumer to read history again: from a point in time, from the beginning, or from given
 * offsets. The consumer is {@linkplain Consumer#assign assigned} every partition of the topics (no
 * group rebalancing, no commits needed), which is what a tail, an audit or a catch-up job wants.
 *
 * <pre>{@code
 * try (KafkaConsumer<String, Object> consumer = ...) {
 *     Map<TopicPartition, Long> start = Replay.fromTimestamp(consumer, List.of("gt.renap.birth-registered.v1"),
 *         OffsetDateTime.parse("2025-03-01T00:00-06:00").toInstant());
 *     while (...) consumer.poll(...);
 * }
 * }</pre>
 */
public final class Replay {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Replay() {
    }

    /**
     * Seeks each partition to its first record whose timestamp is at or after {@code from}
     * ({@link Consumer#offsetsForTimes}); a partition with no such record is positioned at its end, so
     * only new records are read there.
     *
     * @param consumer the consumer; it is assigned the topics' partitions
     * @param topics   topics to replay
     * @param from     the instant to start at
     * @return the start offset of each partition
     * @throws UnknownTopicOrPartitionException when a topic does not exist
     */
    public static Map<TopicPartition, Long> fromTimestamp(Consumer<?, ?> consumer, Collection<String> topics, Instant from) {
        Objects.requireNonNull(from, "'from' cannot be null");
        List<TopicPartition> partitions = assignAll(consumer, topics);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            long offset = at != null ? at.offset() : ends.get(tp);
            consumer.seek(tp, offset);
            start.put(tp, offset);
        }
        return start;
    }

    /**
     * Seeks each partition to its earliest retained record.
     *
     * @param consumer the consumer; it is assigned the topics' partitions
     * @param topics   topics to replay
     * @return the start offset of each partition
     */
    public static Map<TopicPartition, Long> fromBeginning(Consumer<?, ?> consumer, Collection<String> topics) {
        List<TopicPartition> partitions = assignAll(consumer, topics);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, begin.get(tp));
            start.put(tp, begin.get(tp));
        }
        return start;
    }

    /**
     * Seeks each partition to its end: only records written from now on are read.
     *
     * @param consumer the consumer; it is assigned the topics' partitions
     * @param topics   topics to follow
     * @return the start offset of each partition
     */
    public static Map<TopicPartition, Long> fromEnd(Consumer<?, ?> consumer, Collection<String> topics) {
        List<TopicPartition> partitions = assignAll(consumer, topics);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, end.get(tp));
            start.put(tp, end.get(tp));
        }
        return start;
    }

    /**
     * Reads one partition from an offset (and nothing else).
     *
     * @param consumer  the consumer; it is assigned that partition only
     * @param partition the partition
     * @param offset    the first offset to read; beyond the end means wait for new records
     * @return the start offset of the partition
     */
    public static Map<TopicPartition, Long> fromOffset(Consumer<?, ?> consumer, TopicPartition partition, long offset) {
        Objects.requireNonNull(partition, "'partition' cannot be null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0, got " + offset);
        }
        assignAll(consumer, List.of(partition.topic()));
        if (!consumer.assignment().contains(partition)) {
            throw new UnknownTopicOrPartitionException("Topic '" + partition.topic() + "' has no partition " + partition.partition()
                + "; it has " + consumer.assignment().size());
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        return Map.of(partition, offset);
    }

    /**
     * Every partition of the topics, assigned to the consumer.
     *
     * @param consumer the consumer
     * @param topics   existing topics
     * @return the partitions, topic by topic in partition order
     */
    public static List<TopicPartition> assignAll(Consumer<?, ?> consumer, Collection<String> topics) {
        Objects.requireNonNull(consumer, "'consumer' cannot be null");
        Objects.requireNonNull(topics, "'topics' cannot be null");
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new UnknownTopicOrPartitionException("Topic '" + topic + "' does not exist");
            }
            infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).forEach(partitions::add);
        }
        consumer.assign(partitions);
        return partitions;
    }
}
