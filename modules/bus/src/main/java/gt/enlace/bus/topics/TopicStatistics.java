package gt.enlace.bus.topics;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the records topics hold now and how many arrived recently, from offsets alone (no record is read):
 * per partition, end offset minus earliest offset, and end offset minus the first offset whose timestamp is at
 * or after the window's start ({@link OffsetSpec#forTimestamp}). On compacted topics and topics with
 * transaction markers both counts are upper bounds. Used by {@code enlace topics} and the portal's catalog.
 */
public final class TopicStatistics {

    /** The recent window {@link TopicState#recordsLastDay()} counts over. */
    public static final Duration LAST_DAY = Duration.ofHours(24);

    private static final long TIMEOUT_S = 15;

    private final Admin admin;
    private final Clock clock;

    /** @param admin a connected admin client; not closed by this class */
    public TopicStatistics(Admin admin) {
        this(admin, Clock.systemUTC());
    }

    /**
     * @param admin a connected admin client; not closed by this class
     * @param clock the clock the last-day window is measured from
     */
    public TopicStatistics(Admin admin, Clock clock) {
        this.admin = Objects.requireNonNull(admin, "'admin' cannot be null");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null");
    }

    /**
     * Per-topic state.
     *
     * @param topic          the topic name
     * @param exists         whether the cluster has it
     * @param partitions     its partition count, 0 when missing
     * @param records        records it holds now (all partitions)
     * @param recordsLastDay records appended in the last {@link #LAST_DAY} (all partitions)
     */
    public record TopicState(String topic, boolean exists, int partitions, long records, long recordsLastDay) {

        /** @return records per hour over the last day, {@code recordsLastDay / 24} */
        public double ratePerHour() {
            return recordsLastDay / (double) LAST_DAY.toHours();
        }
    }

    /**
     * Describes the given topics; a topic the cluster lacks is reported with {@code exists=false}.
     *
     * @param topics topic names
     * @return the state of each, keyed by name
     * @throws ExecutionException   when the cluster refuses a request
     * @throws TimeoutException     when it does not answer in 15 s
     * @throws InterruptedException when interrupted while waiting
     */
    public Map<String, TopicState> describe(Collection<String> topics)
        throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<String> present = topics.stream().filter(existing::contains).distinct().toList();
        Map<String, TopicState> states = new HashMap<>();
        topics.stream().filter(t -> !existing.contains(t)).forEach(t -> states.put(t, new TopicState(t, false, 0, 0, 0)));
        if (present.isEmpty()) {
            return states;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        long dayAgo = clock.millis() - LAST_DAY.toMillis();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> sinceDayAgo = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
            sinceDayAgo.put(tp, OffsetSpec.forTimestamp(dayAgo));
        }));
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> recent = admin.listOffsets(sinceDayAgo).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> lastDay = new HashMap<>();
        ends.forEach((tp, end) -> {
            long start = starts.get(tp).offset();
            counts.merge(tp.topic(), end.offset() - start, Long::sum);
            // No record at or after the timestamp answers offset -1: nothing arrived in the window.
            long first = recent.get(tp).offset();
            lastDay.merge(tp.topic(), first < 0 ? 0 : end.offset() - Math.max(first, start), Long::sum);
        });
        descriptions.forEach((name, d) -> states.put(name, new TopicState(name, true, d.partitions().size(),
            counts.getOrDefault(name, 0L), lastDay.getOrDefault(name, 0L))));
        return states;
    }
}
