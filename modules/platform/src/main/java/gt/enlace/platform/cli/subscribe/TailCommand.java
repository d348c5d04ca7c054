package gt.enlace.platform.cli.subscribe;

import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.subscriber.Replay;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code enlace tail}: prints a topic's records with their headers. Reads without a consumer group
 * (nothing is committed, no subscriber is disturbed). A record that cannot be decoded is reported on
 * stderr with its partition and offset, and the tail goes on.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Prints a topic's records as JSON with their headers; follows new records until Ctrl-C, --max or --no-follow.",
        "Starts at the end unless --from-beginning, --from or --offset is given."})
public final class TailCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic, e.g. gt.renap.birth-registered.v1.")
    String topic;

    @ArgGroup(exclusive = true)
    Start start;

    static final class Start {
        @Option(names = "--from-beginning", description = "Start at the earliest retained record.")
        boolean fromBeginning;

        @Option(names = "--from", paramLabel = "DATE-TIME",
            description = "Start at the first record at or after this ISO-8601 time with offset, e.g. 2025-03-01T00:00-06:00.")
        String from;

        @Option(names = "--offset", paramLabel = "PARTITION:OFFSET", description = "Read one partition from an offset, e.g. 0:42.")
        String offset;
    }

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (bad ones included).")
    Integer max;

    @Option(names = "--no-follow", description = "Stop at the end of the topic instead of waiting for new records.")
    boolean noFollow;

    @Option(names = "--as", paramLabel = "FORMAT", defaultValue = "json",
        description = "json (default), avro-json (Avro's JSON encoding) or table.")
    String as;

    @Override
    public Integer call() {
        RecordFormat format;
        try {
            format = RecordFormat.parse(as);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as: " + e.getMessage());
        }
        if (max != null && max < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
        }
        Instant fromInstant = start != null && start.from != null ? parseInstant(start.from) : null;
        TopicPartition single = start != null && start.offset != null ? parsePartition(start.offset) : null;
        long singleOffset = single == null ? -1 : Long.parseLong(start.offset.substring(start.offset.indexOf(':') + 1).trim());

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> config = cluster.clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-tail");
        Map<String, Object> serde = new HashMap<>(cluster.login.registryProperties());
        serde.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, cluster.registryUrl);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(serde, false);
            Map<TopicPartition, Long> positions;
            try {
                if (single != null) {
                    positions = Replay.fromOffset(consumer, single, singleOffset);
                } else if (fromInstant != null) {
                    positions = Replay.fromTimestamp(consumer, List.of(topic), fromInstant);
                } else if (start != null && start.fromBeginning) {
                    positions = Replay.fromBeginning(consumer, List.of(topic));
                } else {
                    positions = Replay.fromEnd(consumer, List.of(topic));
                }
            } catch (UnknownTopicOrPartitionException e) {
                throw new IllegalStateException(e.getMessage() + " at " + cluster.bootstrapServers
                    + " (see `enlace topics` for the catalog's topics)", e);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new IllegalStateException("Cannot reach Kafka at " + cluster.bootstrapServers + " (is `./enlace up` running?)", e);
            }
            Map<TopicPartition, Long> ends = noFollow ? consumer.endOffsets(positions.keySet(), Duration.ofSeconds(15)) : Map.of();
            String heading = format.heading();
            if (heading != null) {
                out.print(heading);
                out.flush();
            }
            long printed = 0;
            while (true) {
                if (noFollow && positions.keySet().stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (noFollow && record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    Object value;
                    try {
                        value = deserializer.deserialize(record.topic(), record.headers(), record.value());
                        out.print(format.format(record, value));
                    } catch (RuntimeException e) {
                        err.println("enlace tail: bad record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + ": " + e.getMessage());
                        err.flush();
                    }
                    out.flush();
                    if (max != null && ++printed >= max) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }

    private Instant parseInstant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from: '" + value
                + "' is not an ISO-8601 date-time with an offset, e.g. 2025-03-01T00:00-06:00 or 2025-03-01T06:00:00Z");
        }
    }

    private TopicPartition parsePartition(String value) {
        int colon = value.indexOf(':');
        try {
            if (colon < 1) {
                throw new NumberFormatException();
            }
            int partition = Integer.parseInt(value.substring(0, colon).trim());
            long offset = Long.parseLong(value.substring(colon + 1).trim());
            if (partition < 0 || offset < 0) {
                throw new NumberFormatException();
            }
            return new TopicPartition(topic, partition);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--offset: '" + value
                + "' is not PARTITION:OFFSET with both at least 0, e.g. 0:42");
        }
    }
}
