package gt.enlace.publisher.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.headers.Channel;
import gt.enlace.publisher.BusFixture;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublishOptions;
import gt.enlace.schemas.samples.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV bridge run cut short, then run again on a real broker: the re-run looks in the topic for the rows the
 * interrupted run had sent after its last progress marker and publishes only the missing ones.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class CsvBridgeResumeIT {

    private static final String DEATHS = "gt.renap.death-registered.v1";
    private static final int ROWS = 300;
    private static final int CHUNK = 64;

    @TempDir
    Path dir;

    private int start;
    private Path file;
    private String sha256;

    @BeforeEach
    void prepare(EmbeddedBroker broker) throws Exception {
        BusFixture.prepare(broker);
        file = dir.resolve("defunciones.csv");
        // A random first sample: the file's content (and SHA-256, and so its ids) is new on every run of the suite.
        start = (int) (System.nanoTime() % 100_000) + 1000;
        Files.writeString(file, CsvFiles.csv(DEATHS, ',', start, start + ROWS, r -> r), StandardCharsets.UTF_8);
        sha256 = FileFacts.scan(file).sha256();
    }

    @Test
    void aRerunAfterACrashMidFilePublishesExactlyTheRowsNotYetInKafka(EmbeddedBroker broker) throws Exception {
        try (EventPublisher publisher = new EventPublisher(BusFixture.publisherConfig(broker, "renap"));
             KafkaCsvProgressStore kafka = new KafkaCsvProgressStore(broker.bootstrapServers())) {
            // Saves: the "started" marker, chunk 1 (rows 2..65), then the crash before chunk 2's marker (rows 66..129 sent).
            List<CsvProgressStore.Marker> saved = new ArrayList<>();
            CsvProgressStore crashing = new CrashingStore(kafka, 2, saved);
            assertThatThrownBy(() -> new CsvBridge(publisher, crashing).publish(file, options(), p -> { }))
                .isInstanceOf(CsvFileException.class);
            assertThat(saved).extracting(CsvProgressStore.Marker::rowsDone).containsExactly(0L, 65L);
            assertThat(saved).allSatisfy(m -> assertThat(m.offsets()).as("offsets of every unfinished marker").isNotEmpty());
            // Rows the crashed run had handed to Kafka further on, acknowledged but never marked: scattered, out of order.
            sendRows(publisher, List.of(200L, 131L, 250L));
            assertThat(counts(broker).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2 * CHUNK + 3);

            CsvResult rerun = new CsvBridge(publisher, kafka).publish(file, options(), p -> { });

            assertThat(rerun.resumed()).isTrue();
            assertThat(rerun.resumedAfterRow()).isEqualTo(65);
            assertThat(rerun.foundInKafka()).as("chunk 2 and the 3 scattered rows").isEqualTo(CHUNK + 3);
            assertThat(rerun.alreadyPublished()).isEqualTo(2 * CHUNK + 3);
            assertThat(rerun.published()).isEqualTo(ROWS - 2 * CHUNK - 3);
            assertThat(rerun.warning()).isNull();
            assertExactlyOncePerRow(broker);

            // Finished: a further run sends nothing and scans nothing.
            CsvResult again = new CsvBridge(publisher, kafka).publish(file, options(), p -> { });
            assertThat(again.published()).isZero();
            assertThat(again.resumed()).isFalse();
            assertThat(again.alreadyPublished()).isEqualTo(ROWS);
            assertExactlyOncePerRow(broker);
        }
    }

    @Test
    void aRunCutShortBeforeItsFirstMarkerIsResumedWithoutDuplicates(EmbeddedBroker broker) throws Exception {
        try (EventPublisher publisher = new EventPublisher(BusFixture.publisherConfig(broker, "renap"));
             KafkaCsvProgressStore kafka = new KafkaCsvProgressStore(broker.bootstrapServers())) {
            List<CsvProgressStore.Marker> saved = new ArrayList<>();
            assertThatThrownBy(() -> new CsvBridge(publisher, new CrashingStore(kafka, 1, saved)).publish(file, options(), p -> { }))
                .isInstanceOf(CsvFileException.class);
            assertThat(saved).extracting(CsvProgressStore.Marker::rowsDone).containsExactly(0L);

            // A second interruption of the resumed run, after its first chunk: the third run still finds everything.
            List<CsvProgressStore.Marker> second = new ArrayList<>();
            assertThatThrownBy(() -> new CsvBridge(publisher, new CrashingStore(kafka, 2, second)).publish(file, options(), p -> { }))
                .isInstanceOf(CsvFileException.class);
            assertThat(second).extracting(CsvProgressStore.Marker::rowsDone).containsExactly(0L, 129L);

            CsvResult third = new CsvBridge(publisher, kafka).publish(file, options(), p -> { });
            assertThat(third.resumedAfterRow()).isEqualTo(129);
            assertThat(third.foundInKafka()).as("the second run's unmarked chunk").isEqualTo(CHUNK);
            assertThat(third.published()).isEqualTo(ROWS - 3 * CHUNK);
            assertExactlyOncePerRow(broker);
        }
    }

    @Test
    void anOldMarkerWithoutOffsetsStillResumesAndWarnsOfDuplicates(EmbeddedBroker broker) throws Exception {
        try (EventPublisher publisher = new EventPublisher(BusFixture.publisherConfig(broker, "renap"));
             KafkaCsvProgressStore kafka = new KafkaCsvProgressStore(broker.bootstrapServers())) {
            List<Long> done = new ArrayList<>();
            for (long row = 2; row <= 51; row++) {
                done.add(row);
            }
            sendRows(publisher, done);
            kafka.save(new CsvProgressStore.Marker(DEATHS, sha256, file.getFileName().toString(), 51, false, 50, 0,
                "2026-11-01T12:00:00Z"));
            // Acknowledged after that marker by the run of the older version: it cannot know these, and sends them again.
            sendRows(publisher, List.of(52L, 53L));

            CsvResult rerun = new CsvBridge(publisher, kafka).publish(file, options(), p -> { });

            assertThat(rerun.resumed()).isTrue();
            assertThat(rerun.resumedAfterRow()).isEqualTo(51);
            assertThat(rerun.alreadyPublished()).isEqualTo(50);
            assertThat(rerun.published()).isEqualTo(ROWS - 50);
            assertThat(rerun.warning()).contains("older version").contains("same ce_id");
            Map<String, Long> counts = counts(broker);
            for (long row = 2; row <= ROWS + 1; row++) {
                assertThat(counts.get(CsvEventIds.eventId(DEATHS, sha256, row))).as("copies of row " + row)
                    .isEqualTo(row == 52 || row == 53 ? 2L : 1L);
            }
        }
    }

    @Test
    void whenRetentionDeletedTheRecordsAfterTheMarkerTheRerunSendsTheRestAndSaysSo(EmbeddedBroker broker) throws Exception {
        try (EventPublisher publisher = new EventPublisher(BusFixture.publisherConfig(broker, "renap"));
             KafkaCsvProgressStore kafka = new KafkaCsvProgressStore(broker.bootstrapServers())) {
            assertThatThrownBy(() -> new CsvBridge(publisher, new CrashingStore(kafka, 2, new ArrayList<>())).publish(file, options(), p -> { }))
                .isInstanceOf(CsvFileException.class);
            // As retention would, some time later: the log now starts after the marker's offsets.
            try (Admin admin = BusFixture.admin(broker)) {
                Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
                kafka.endOffsets(DEATHS).orElseThrow().forEach((partition, end) ->
                    delete.put(new TopicPartition(DEATHS, partition), RecordsToDelete.beforeOffset(end)));
                admin.deleteRecords(delete).all().get();
            }

            CsvResult rerun = new CsvBridge(publisher, kafka).publish(file, options(), p -> { });

            assertThat(rerun.resumedAfterRow()).isEqualTo(65);
            assertThat(rerun.foundInKafka()).isZero();
            assertThat(rerun.published()).as("every row after the marker").isEqualTo(ROWS - CHUNK);
            assertThat(rerun.warning()).contains("deleted by retention").contains("may be published again");
        }
    }

    private static CsvOptions options() {
        return CsvOptions.forTopic(DEATHS).withChunkRows(CHUNK);
    }

    /** Publishes rows of the file as the bridge does (same record, ce_id and channel), as an interrupted run had. */
    private void sendRows(EventPublisher publisher, List<Long> rows) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (long row : rows) {
            IndexedRecord record = SampleEvents.sampleFor(DEATHS, start + (int) row - 2);
            acks.add(publisher.publish(DEATHS, record, PublishOptions.defaults().withChannel(Channel.CSV_BRIDGE)
                .withEventId(CsvEventIds.eventId(DEATHS, sha256, row))));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    private void assertExactlyOncePerRow(EmbeddedBroker broker) {
        Map<String, Long> counts = counts(broker);
        for (long row = 2; row <= ROWS + 1; row++) {
            assertThat(counts.get(CsvEventIds.eventId(DEATHS, sha256, row))).as("copies of row " + row).isEqualTo(1L);
        }
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).as("records of this file").isEqualTo(ROWS);
    }

    /** How many records of the topic carry each of this file's ce_ids. */
    private Map<String, Long> counts(EmbeddedBroker broker) {
        Map<String, Long> ids = new HashMap<>();
        for (long row = 2; row <= ROWS + 1; row++) {
            ids.put(CsvEventIds.eventId(DEATHS, sha256, row), 0L);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEATHS).stream()
                .map(p -> new TopicPartition(DEATHS, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                assertThat(System.nanoTime()).as("read " + DEATHS + " to its end").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        ids.computeIfPresent(new String(id.value(), StandardCharsets.UTF_8), (k, n) -> n + 1);
                    }
                }
            }
        }
        return ids;
    }

    /** A store that fails (as a crash would stop the run) on the save after {@code saves} markers were stored. */
    private static final class CrashingStore implements CsvProgressStore {
        private final CsvProgressStore store;
        private final int saves;
        private final List<Marker> saved;
        private final AtomicInteger count = new AtomicInteger();

        CrashingStore(CsvProgressStore store, int saves, List<Marker> saved) {
            this.store = store;
            this.saves = saves;
            this.saved = saved;
        }

        @Override
        public Optional<Marker> find(String topic, String sha256) {
            return store.find(topic, sha256);
        }

        @Override
        public void save(Marker marker) {
            if (count.incrementAndGet() > saves) {
                throw new CsvFileException("the process died before storing the marker of row " + marker.rowsDone());
            }
            saved.add(marker);
            store.save(marker);
        }

        @Override
        public Optional<Map<Integer, Long>> endOffsets(String topic) {
            return store.endOffsets(topic);
        }

        @Override
        public TopicScan csvBridgeEvents(String topic, Map<Integer, Long> from) {
            return store.csvBridgeEvents(topic, from);
        }

        @Override
        public void close() {
        }
    }
}
