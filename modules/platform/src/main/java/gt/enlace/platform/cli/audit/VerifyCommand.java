package gt.enlace.platform.cli.audit;

import gt.enlace.bus.headers.HeaderNames;
import gt.enlace.bus.signing.EventVerifier;
import gt.enlace.bus.signing.KeyDirectory;
import gt.enlace.bus.signing.Verification;
import gt.enlace.platform.runtime.PlatformSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code enlace verify --topic T --offset P:O}: fetches one record and proves who published it, with the
 * publishing institution's published key. Exit 0 VALID, 1 INVALID, 2 usage error (bad arguments, no such
 * topic or record).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Proves who published a record: fetches it, checks its ce_signature against the institution's "
        + "published key, and prints the publisher, the time, the key id and VALID or INVALID with the reason.",
        "Exit codes: 0 valid, 1 invalid, 2 usage error (bad arguments, no such topic or record)."})
public final class VerifyCommand implements Callable<Integer> {

    private static final Pattern POSITION = Pattern.compile("(\\d{1,9}):(\\d{1,18})");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The record's topic.")
    String topic;

    @Option(names = "--offset", required = true, paramLabel = "PARTITION:OFFSET", description = "The record, e.g. 0:42.")
    String position;

    @Option(names = "--keys-url", paramLabel = "URL",
        description = "The platform's public-key directory (default: ${DEFAULT-VALUE}).")
    String keysUrl = "http://127.0.0.1:" + PlatformSettings.DEFAULT_HTTP_PORT + "/api/v1/keys";

    @Option(names = "--keys-dir", paramLabel = "DIR",
        description = "A folder of <institution>.pub files to use instead of --keys-url, e.g. DATA-DIR/keys.")
    Path keysDir;

    @Mixin
    BusConnection bus;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Matcher m = POSITION.matcher(position == null ? "" : position.trim());
        if (!m.matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--offset '" + position
                + "' is not PARTITION:OFFSET, e.g. 0:42");
        }
        int partition = Integer.parseInt(m.group(1));
        long offset = Long.parseLong(m.group(2));
        KeyDirectory keys;
        try {
            keys = keysDir != null ? KeyDirectory.folder(keysDir) : KeyDirectory.url(URI.create(keysUrl));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--keys-url '" + keysUrl + "' is not a URL");
        }

        Map<String, Object> config = bus.clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-verify");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        ConsumerRecord<byte[], byte[]> record;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (partitions == null || partitions.isEmpty()) {
                err.println("enlace verify: topic '" + topic + "' does not exist at " + bus.bootstrapServers);
                return 2;
            }
            if (partition >= partitions.size()) {
                err.println("enlace verify: topic '" + topic + "' has partitions 0 to " + (partitions.size() - 1) + ", not " + partition);
                return 2;
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            long begin = consumer.beginningOffsets(List.of(tp), Duration.ofSeconds(15)).get(tp);
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(15)).get(tp);
            if (offset < begin || offset >= end) {
                err.println("enlace verify: " + topic + "-" + partition + " has no record at offset " + offset
                    + " (it holds offsets " + begin + " to " + (end - 1) + ")");
                return 2;
            }
            record = fetch(consumer, tp, offset);
            if (record == null) {
                err.println("enlace verify: the record at " + topic + "-" + partition + "@" + offset + " was not read within 30 s "
                    + "(removed by compaction, or Kafka is slow)");
                return 2;
            }
        }

        Verification v = new EventVerifier(keys).verify(record.headers(), record.value());
        out.println("Record        " + topic + "-" + partition + "@" + offset);
        out.println("Event id      " + header(record, HeaderNames.ID));
        out.println("Published by  " + v.institution().orElse("(unknown)") + "  (ce_source " + header(record, HeaderNames.SOURCE)
            + ", channel " + header(record, HeaderNames.CHANNEL) + ")");
        out.println("Event time    " + header(record, HeaderNames.TIME));
        out.println("Written at    " + Instant.ofEpochMilli(record.timestamp()));
        out.println("Key id        " + v.keyId().orElse("(none)") + v.signer().map(s -> "  (key of " + s + ")").orElse(""));
        if (v.valid()) {
            out.println("VALID         " + v.reason());
        } else {
            out.println("INVALID       " + v.error().orElseThrow().code() + ": " + v.reason());
        }
        out.flush();
        return v.valid() ? 0 : 1;
    }

    private static ConsumerRecord<byte[], byte[]> fetch(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long offset) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() == offset) {
                    return r;
                }
                if (r.offset() > offset) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
