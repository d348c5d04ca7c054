package gt.enlace.platform.cli.subscribe;

import gt.enlace.bus.topics.Topics;
import gt.enlace.subscriber.DeadLetter;
import gt.enlace.subscriber.Replay;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enlace dlt}: dead letters of a topic, and putting them back. */
@Command(name = "dlt", mixinStandardHelpOptions = true,
    description = "Dead letters: records a subscriber could not deserialise or handle, kept in <topic>.dlt.",
    subcommands = {DltCommand.ListCommand.class, DltCommand.ReplayCommand.class})
public final class DltCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list or replay");
    }

    /** The dead-letter topic of {@code --topic}, which may be given with or without {@code .dlt}. */
    static String deadLetterTopic(String topic) {
        return topic.endsWith(Topics.DEAD_LETTER_SUFFIX) ? topic : topic + Topics.DEAD_LETTER_SUFFIX;
    }

    /**
     * Reads a dead-letter topic from the given start positions to its end at the time of the call.
     */
    static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> start,
                                                          Integer max) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(start.keySet(), Duration.ofSeconds(15));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (start.keySet().stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out reading " + start.keySet().iterator().next().topic());
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                    if (max != null && records.size() >= max) {
                        return records;
                    }
                }
            }
        }
        return records;
    }

    /** A byte-array consumer of the cluster that commits only when told; in {@code group} when not null. */
    static KafkaConsumer<byte[], byte[]> consumer(ClusterOptions cluster, String clientId, String group) {
        Map<String, Object> config = cluster.clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition of {@code dlt} from its beginning; a missing topic is a clear error. */
    static Map<TopicPartition, Long> fromBeginning(KafkaConsumer<byte[], byte[]> consumer, String dlt, ClusterOptions cluster) {
        try {
            return Replay.fromBeginning(consumer, List.of(dlt));
        } catch (UnknownTopicOrPartitionException e) {
            throw unknownTopic(dlt, cluster, e);
        }
    }

    static IllegalStateException unknownTopic(String dlt, ClusterOptions cluster, RuntimeException e) {
        return new IllegalStateException("Dead-letter topic '" + dlt + "' does not exist at " + cluster.bootstrapServers
            + " (the platform creates <topic>.dlt for every catalog topic)", e);
    }

    /** What {@code list} and {@code replay} share: the cluster and the topic whose dead letters they read. */
    abstract static class DeadLetterCommand implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic (or its .dlt).")
        String topic;
    }

    /** {@code enlace dlt list --topic T}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the dead letters of a topic with stage, reason and original partition and offset.")
    public static final class ListCommand extends DeadLetterCommand {

        @Option(names = "--max", paramLabel = "N", description = "List at most N dead letters.")
        Integer max;

        @Option(names = "--as", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
        String as;

        @Override
        public Integer call() {
            if (!as.equals("table") && !as.equals("json")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--as: expected table or json, got '" + as + "'");
            }
            String dlt = deadLetterTopic(topic);
            PrintWriter out = spec.commandLine().getOut();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster, "enlace-dlt-list", null)) {
                Map<TopicPartition, Long> start = fromBeginning(consumer, dlt, cluster);
                List<DeadLetter> letters = readToEnd(consumer, start, max).stream().map(DeadLetter::from).toList();
                if (as.equals("json")) {
                    letters.forEach(l -> out.print(RecordFormat.deadLetterJson(l)));
                } else {
                    String format = "%-13s %-20s %-12s %-25s %s%n";
                    out.printf(format, "DLT P@OFFSET", "ORIGINAL P@OFFSET", "STAGE", "DEAD-LETTERED AT", "REASON");
                    for (DeadLetter l : letters) {
                        out.printf(format, l.partition() + "@" + l.offset(), l.originalPartition() + "@" + l.originalOffset(),
                            l.stage().map(s -> s.code()).orElse("-"), l.deadLetteredAt(), l.reason());
                    }
                    out.println(letters.size() + " dead letter" + (letters.size() == 1 ? "" : "s") + " in " + dlt);
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code enlace dlt replay --topic T [--dry-run]}. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-publishes dead letters to their original topic, same key, bytes and event headers (ce_id kept),",
            "without the dead-letter headers. Progress is committed under --group, so a second run only replays",
            "dead letters that arrived since; --all replays every retained one again."})
    public static final class ReplayCommand extends DeadLetterCommand {

        /** Default consumer group that remembers what was replayed. */
        public static final String DEFAULT_GROUP = "enlace.dlt-replay";

        @Option(names = "--dry-run", description = "Show what would be replayed; publish and commit nothing.")
        boolean dryRun;

        @Option(names = "--all", description = "Replay every retained dead letter, also those replayed before.")
        boolean all;

        @Option(names = "--group", paramLabel = "GROUP", description = "Consumer group remembering what was replayed (default: ${DEFAULT-VALUE}).")
        String group = DEFAULT_GROUP;

        @Override
        public Integer call() throws InterruptedException {
            String dlt = deadLetterTopic(topic);
            PrintWriter out = spec.commandLine().getOut();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster, "enlace-dlt-replay", group)) {
                Map<TopicPartition, Long> start = fromBeginning(consumer, dlt, cluster);
                if (!all) {
                    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(start.keySet(), Duration.ofSeconds(15));
                    committed.forEach((tp, om) -> {
                        if (om != null && om.offset() > start.get(tp)) {
                            consumer.seek(tp, om.offset());
                            start.put(tp, om.offset());
                        }
                    });
                }
                List<ConsumerRecord<byte[], byte[]>> records = readToEnd(consumer, start, null);
                if (records.isEmpty()) {
                    out.println("No dead letters to replay in " + dlt + (all ? "" : " (already replayed ones are skipped; --all replays them again)"));
                    out.flush();
                    return 0;
                }
                if (dryRun) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        DeadLetter l = DeadLetter.from(record);
                        out.printf("would replay %s@%d -> %s (original %d@%d, %s: %s)%n", dlt, l.offset(), l.originalTopic(),
                            l.originalPartition(), l.originalOffset(), l.stage().map(s -> s.code()).orElse("-"), l.reason());
                    }
                    out.println(records.size() + " dead letter" + (records.size() == 1 ? "" : "s") + " would be replayed (dry run: nothing published)");
                    out.flush();
                    return 0;
                }
                Map<String, Object> producerConfig = new HashMap<>(cluster.clientConfig());
                producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
                producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-dlt-replay");
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        DeadLetter l = DeadLetter.from(record);
                        var sent = producer.send(l.toReplayRecord()).get(30, TimeUnit.SECONDS);
                        out.printf("replayed %s@%d -> %s-%d@%d%n", dlt, l.offset(), sent.topic(), sent.partition(), sent.offset());
                        done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    }
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("Could not re-publish to the original topic: " + e, e);
                } finally {
                    if (!done.isEmpty()) {
                        consumer.commitSync(done);
                    }
                }
                out.println(records.size() + " dead letter" + (records.size() == 1 ? "" : "s") + " replayed");
                out.flush();
            }
            return 0;
        }
    }
}
