package gt.enlace.publisher.csv;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.publisher.BusFixture;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.renap.DeathRegistered;
import gt.enlace.schemas.samples.SampleEvents;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafkaExtension.class)
class CsvBridgeIT {

    private static final String DEATHS = "gt.renap.death-registered.v1";
    private static final String VACCINES = "gt.mspas.vaccination-applied.v1";

    @TempDir
    Path dir;

    @BeforeEach
    void prepare(EmbeddedBroker broker) throws Exception {
        BusFixture.prepare(broker);
    }

    @Test
    void publishesAFileThatReadsBackFieldByFieldAndARerunPublishesNothingNew(EmbeddedBroker broker) throws Exception {
        Path file = dir.resolve("defunciones.csv");
        // Start at a random sample so that this file's content (and SHA-256) is new on every run of the suite.
        int start = (int) (System.nanoTime() % 100_000) + 1000;
        Files.writeString(file, CsvFiles.csv(DEATHS, ';', start, start + 200, r -> r), StandardCharsets.UTF_8);
        long before = BusFixture.endOffsets(broker, DEATHS);
        try (EventPublisher publisher = new EventPublisher(BusFixture.publisherConfig(broker, "renap"));
             KafkaCsvProgressStore progress = new KafkaCsvProgressStore(broker.bootstrapServers())) {
            CsvBridge bridge = new CsvBridge(publisher, progress);
            CsvResult first = bridge.publish(file, CsvOptions.forTopic(DEATHS).withChunkRows(64), p -> { });
            assertThat(first.published()).isEqualTo(200);
            assertThat(BusFixture.endOffsets(broker, DEATHS) - before).isEqualTo(200);

            Map<String, ConsumerRecord<String, Object>> read = BusFixture.readAll(broker, DEATHS);
            for (int i = 0; i < 200; i++) {
                String id = CsvEventIds.eventId(DEATHS, first.sha256(), i + 2);
                ConsumerRecord<String, Object> record = read.get(id);
                assertThat(record).as("row " + (i + 2)).isNotNull();
                DeathRegistered expected = (DeathRegistered) SampleEvents.sampleFor(DEATHS, start + i);
                DeathRegistered actual = (DeathRegistered) record.value();
                for (Schema.Field field : expected.getSchema().getFields()) {
                    assertThat(actual.get(field.pos())).as("row " + (i + 2) + " " + field.name()).isEqualTo(expected.get(field.pos()));
                }
                assertThat(EventHeaders.parse(record.headers()).channel()).isEqualTo(Channel.CSV_BRIDGE);
            }

            CsvResult again = bridge.publish(file, CsvOptions.forTopic(DEATHS), p -> { });
            assertThat(again.published()).isZero();
            assertThat(again.alreadyPublished()).isEqualTo(200);
            assertThat(BusFixture.endOffsets(broker, DEATHS) - before).isEqualTo(200);
        }
        // A new bridge over a new store connection sees the marker too: the memory is Kafka, not the process.
        try (EventPublisher publisher = new EventPublisher(BusFixture.publisherConfig(broker, "renap"));
             KafkaCsvProgressStore progress = new KafkaCsvProgressStore(broker.bootstrapServers())) {
            CsvResult third = new CsvBridge(publisher, progress).publish(file, CsvOptions.forTopic(DEATHS), p -> { });
            assertThat(third.published()).isZero();
            assertThat(BusFixture.endOffsets(broker, DEATHS) - before).isEqualTo(200);
        }
    }

    @Test
    void streamsAHundredThousandRowFileInChunks(EmbeddedBroker broker) throws Exception {
        Path file = dir.resolve("vacunas.csv");
        int rows = 100_000;
        int offset = (int) (System.nanoTime() % 500_000);
        Schema schema = CsvFiles.schema(VACCINES);
        // Written row by row: neither the test nor the bridge holds the file in memory.
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CsvFiles.line(CsvTemplate.header(schema), ','));
            for (int i = 0; i < rows; i++) {
                out.write(CsvFiles.line(CsvTemplate.row(schema, SampleEvents.sampleFor(VACCINES, (offset + i) % 1000)), ','));
            }
        }
        long before = BusFixture.endOffsets(broker, VACCINES);
        List<CsvProgress> updates = new ArrayList<>();
        List<Long> markers = new ArrayList<>();
        try (EventPublisher publisher = new EventPublisher(BusFixture.publisherConfig(broker, "mspas"));
             KafkaCsvProgressStore kafka = new KafkaCsvProgressStore(broker.bootstrapServers())) {
            CsvProgressStore recording = new CsvProgressStore() {
                @Override
                public java.util.Optional<Marker> find(String topic, String sha256) {
                    return kafka.find(topic, sha256);
                }

                @Override
                public void save(Marker marker) {
                    markers.add(marker.rowsDone());
                    kafka.save(marker);
                }

                @Override
                public java.util.Optional<Map<Integer, Long>> endOffsets(String topic) {
                    return kafka.endOffsets(topic);
                }

                @Override
                public TopicScan csvBridgeEvents(String topic, Map<Integer, Long> from) {
                    return kafka.csvBridgeEvents(topic, from);
                }

                @Override
                public void close() {
                }
            };
            CsvResult result = new CsvBridge(publisher, recording).publish(file, CsvOptions.forTopic(VACCINES), updates::add);
            assertThat(result.rowsRead()).isEqualTo(rows);
            assertThat(result.published()).isEqualTo(rows);
            assertThat(result.rejected()).isZero();
        }
        assertThat(BusFixture.endOffsets(broker, VACCINES) - before).isEqualTo(rows);
        // The "started" marker before the first row, progress markers after every 10,000-row chunk, then the final one.
        assertThat(markers).hasSize(12).isSorted();
        assertThat(markers.get(0)).isZero();
        assertThat(markers.get(1)).isEqualTo(10_001L);
        assertThat(markers.get(11)).isEqualTo(rows + 1L);
        // The bridge reports while reading: it saw part of the file before the end.
        assertThat(updates.get(updates.size() - 1).rowsRead()).isEqualTo(rows);
    }
}
