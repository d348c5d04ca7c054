package gt.enlace.subscriber.deliveries;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import gt.enlace.bus.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Computes a topic's {@link TopicDeliveries} from the cluster: the consumer groups that committed
 * offsets on it ({@code Admin.listGroups} + {@code listConsumerGroupOffsets}), their state and
 * members, the lag against the partitions' end offsets, and, for the last delivery time, the
 * timestamp of the record just before each committed offset. Thread-safe; one instance holds one
 * {@link Admin} and creates a short-lived consumer per call for the timestamps. The platform's own
 * consumer groups ({@code _enlace.*}) are not subscribers and are left out.
 */
public final class DeliveryStatus implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientConfig;
    private final Admin admin;

    /**
     * @param clientConfig Kafka client properties; {@code bootstrap.servers} at least
     */
    public DeliveryStatus(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "'clientConfig' cannot be null"));
        Map<String, Object> adminConfig = new HashMap<>();
        this.clientConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                adminConfig.put(k, v);
            }
        });
        adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "enlace-deliveries");
        this.admin = Admin.create(adminConfig);
    }

    /**
     * @param bootstrapServers {@code bootstrap.servers}
     * @return a status reader for that cluster
     */
    public static DeliveryStatus forCluster(String bootstrapServers) {
        return new DeliveryStatus(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * The delivery status of a topic.
     *
     * @param topic an existing topic
     * @return its consumer groups, lag and last delivery times
     * @throws UnknownTopicOrPartitionException if the topic does not exist, or its name is not a valid topic name
     * @throws KafkaException when the cluster does not answer in 30 s
     */
    public TopicDeliveries deliveries(String topic) {
        Objects.requireNonNull(topic, "'topic' cannot be null");
        try {
            return compute(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException unknown) {
                throw new UnknownTopicOrPartitionException("Topic '" + topic + "' does not exist", unknown);
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.InvalidTopicException invalid) {
                // A name no topic can have (a space, '<', '..'): it does not exist either; not a cluster failure.
                throw new UnknownTopicOrPartitionException("Topic '" + topic + "' does not exist: the name is not a valid topic name", invalid);
            }
            throw new KafkaException("Could not read the delivery status of '" + topic + "': " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Timed out reading the delivery status of '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted reading the delivery status of '" + topic + "'", e);
        }
    }

    private TopicDeliveries compute(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        List<TopicPartition> partitions = description.partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .forEach((tp, info) -> ends.put(tp, info.offset()));
        long endTotal = ends.values().stream().mapToLong(Long::longValue).sum();

        // The platform's own readers (groups named _enlace.*, such as the survey's metrics topology) are
        // not subscribers: counting them would report deliveries to no institution.
        Collection<GroupListing> listings = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
            .filter(g -> !g.groupId().startsWith(Topics.INTERNAL_PREFIX))
            .toList();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        if (!listings.isEmpty()) {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            listings.forEach(g -> specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
            var result = admin.listConsumerGroupOffsets(specs);
            for (String group : specs.keySet()) {
                Map<TopicPartition, OffsetAndMetadata> offsets;
                try {
                    offsets = result.partitionsToOffsetAndMetadata(group).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    continue; // the group vanished or is being deleted
                }
                Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
                offsets.forEach((tp, om) -> {
                    if (om != null) {
                        present.put(tp, om);
                    }
                });
                if (!present.isEmpty()) {
                    committed.put(group, present);
                }
            }
        }
        Map<String, ConsumerGroupDescription> described = committed.isEmpty() ? Map.of()
            : admin.describeConsumerGroups(committed.keySet()).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Map<Long, Instant>> times = timestamps(committed);

        List<GroupDelivery> groups = new ArrayList<>();
        for (var entry : committed.entrySet()) {
            List<PartitionDelivery> parts = new ArrayList<>();
            long lag = 0;
            Instant last = null;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata om = entry.getValue().get(tp);
                long end = ends.getOrDefault(tp, 0L);
                if (om == null) {
                    lag += end; // never committed here: everything is pending
                    continue;
                }
                long partitionLag = Math.max(0, end - om.offset());
                Instant at = times.getOrDefault(tp, Map.of()).get(om.offset() - 1);
                parts.add(new PartitionDelivery(tp.partition(), om.offset(), end, partitionLag, at));
                lag += partitionLag;
                if (at != null && (last == null || at.isAfter(last))) {
                    last = at;
                }
            }
            ConsumerGroupDescription d = described.get(entry.getKey());
            String state = d == null ? "UNKNOWN" : d.groupState().name();
            int members = d == null ? 0 : d.members().size();
            groups.add(new GroupDelivery(entry.getKey(), state, members, lag, lag == 0, last, List.copyOf(parts)));
        }
        groups.sort(Comparator.comparing(GroupDelivery::group));
        int delivered = (int) groups.stream().filter(GroupDelivery::caughtUp).count();
        String summary = delivered + " of " + groups.size() + " subscriber" + (groups.size() == 1 ? "" : "s") + " delivered";
        return new TopicDeliveries(topic, endTotal, List.copyOf(groups), delivered, summary);
    }

    /** The timestamp of the record before each committed offset, read with one assigned consumer. */
    private Map<TopicPartition, Map<Long, Instant>> timestamps(Map<String, Map<TopicPartition, OffsetAndMetadata>> committed) {
        Map<TopicPartition, Map<Long, Instant>> out = new HashMap<>();
        Map<TopicPartition, java.util.Set<Long>> wanted = new HashMap<>();
        committed.values().forEach(offsets -> offsets.forEach((tp, om) -> {
            if (om.offset() > 0) {
                wanted.computeIfAbsent(tp, k -> new java.util.TreeSet<>()).add(om.offset() - 1);
            }
        }));
        if (wanted.isEmpty()) {
            return out;
        }
        Map<String, Object> config = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                config.put(k, v);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-deliveries-timestamps");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (var entry : wanted.entrySet()) {
                TopicPartition tp = entry.getKey();
                consumer.assign(List.of(tp));
                for (long offset : entry.getValue()) {
                    consumer.seek(tp, offset);
                    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (System.nanoTime() < deadline) {
                        var records = consumer.poll(Duration.ofMillis(200));
                        if (!records.isEmpty()) {
                            ConsumerRecord<byte[], byte[]> record = records.iterator().next();
                            if (record.offset() == offset) {
                                out.computeIfAbsent(tp, k -> new HashMap<>()).put(offset, Instant.ofEpochMilli(record.timestamp()));
                            }
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
