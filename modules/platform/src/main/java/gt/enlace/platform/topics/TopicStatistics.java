package gt.enlace.platform.topics;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Counts the records a topic holds now: the sum over its partitions of end offset minus earliest
 * offset. On compacted topics and topics with transaction markers this is an upper bound.
 */
public final class TopicStatistics {

    private static final long TIMEOUT_S = 15;

    private final Admin admin;

    public TopicStatistics(Admin admin) {
        this.admin = admin;
    }

    /** Per-topic state: whether it exists, its partitions and its record count. */
    public record TopicState(String topic, boolean exists, int partitions, long records) {
    }

    /** Describes the given topics; a topic the cluster lacks is reported with {@code exists=false}. */
    public Map<String, TopicState> describe(Collection<String> topics)
        throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<String> present = topics.stream().filter(existing::contains).toList();
        Map<String, TopicState> states = new HashMap<>();
        topics.stream().filter(t -> !existing.contains(t)).forEach(t -> states.put(t, new TopicState(t, false, 0, 0)));
        if (present.isEmpty()) {
            return states;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Long> counts = new HashMap<>();
        ends.forEach((tp, end) -> counts.merge(tp.topic(), end.offset() - starts.get(tp).offset(), Long::sum));
        descriptions.forEach((name, d) -> states.put(name, new TopicState(name, true, d.partitions().size(), counts.getOrDefault(name, 0L))));
        return states;
    }
}
