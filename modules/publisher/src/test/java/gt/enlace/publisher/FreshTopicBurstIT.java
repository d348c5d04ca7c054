package gt.enlace.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.publisher.gateway.GatewayPublishers;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test for the publishing stall: an idempotent producer's first batch to a just-created partition was
 * refused ({@code NOT_LEADER_OR_FOLLOWER}) while its next batch was appended, and every retry of the first then failed
 * with {@code OutOfOrderSequenceException} until the delivery timeout expired it ({@link TopicReadiness}). Topics are
 * created the way Enlace creates them (create, then {@link TopicReadiness#await}) and a sustained asynchronous burst is
 * published right away with the gateway's producer settings (1 s request timeout, short delivery timeout).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class FreshTopicBurstIT {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final int TOPICS = 6;
    private static final int EVENTS_PER_TOPIC = 3_000;
    private static final int WINDOW = 5_000;

    @TempDir
    Path dir;

    @Test
    void aBurstToJustCreatedTopicsIsAcknowledgedPromptlyWithNoEventLostDuplicatedOrReordered(EmbeddedBroker broker) throws Exception {
        long run = System.nanoTime() % 1_000_000;
        List<String> topics = new ArrayList<>();
        for (int n = 1; n <= TOPICS; n++) {
            topics.add("gt.renap.birth-registered-burst" + run + "-" + n + ".v1");
        }
        TopicCatalog catalog = catalogWith(topics);
        MockSchemaRegistryClient registry = MockSchemaRegistryClient.forScope("enlace-publisher-it");
        for (String topic : topics) {
            TopicDefinition definition = catalog.topic(topic).orElseThrow();
            registry.register(definition.subject(), definition.schema());
        }

        Map<String, List<PublishReceipt>> receipts = new HashMap<>();
        Semaphore window = new Semaphore(WINDOW);
        List<CompletableFuture<PublishReceipt>> acks = new ArrayList<>();
        long start = System.nanoTime();
        try (GatewayPublishers publishers = new GatewayPublishers(broker.bootstrapServers(), BusFixture.REGISTRY_URL,
                 "burst-it", Duration.ofSeconds(10), catalog);
             Admin admin = BusFixture.admin(broker)) {
            EventPublisher publisher = publishers.forInstitution("renap");
            for (String topic : topics) {
                admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
                TopicReadiness.await(admin, List.of(topic), Duration.ofSeconds(30));
                List<CompletableFuture<PublishReceipt>> topicAcks = new ArrayList<>();
                for (int i = 0; i < EVENTS_PER_TOPIC; i++) {
                    window.acquire();
                    CompletableFuture<PublishReceipt> ack = publisher.publish(topic, SampleEvents.sampleFor(BIRTHS, i));
                    ack.whenComplete((r, e) -> window.release());
                    topicAcks.add(ack);
                }
                acks.addAll(topicAcks);
            }
            publisher.flush();
            List<Throwable> failures = new ArrayList<>();
            for (CompletableFuture<PublishReceipt> ack : acks) {
                Throwable failure = ack.handle((r, e) -> e).join();
                if (failure != null) {
                    failures.add(failure);
                } else {
                    receipts.computeIfAbsent(ack.join().topic(), t -> new ArrayList<>()).add(ack.join());
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failures).as("events that Kafka did not acknowledge (first: %s)",
                failures.isEmpty() ? "none" : failures.get(0).getMessage()).isEmpty();
            // The bound that matters is per event: every acknowledgement came within the 11 s delivery timeout, or
            // it would have failed above (a stalled partition's first batch always does). The whole run's bound is
            // loose because this machine is shared.
            assertThat(elapsed).as("time to acknowledge %d events", acks.size()).isLessThan(Duration.ofSeconds(180));
        }

        for (String topic : topics) {
            List<PublishReceipt> topicReceipts = receipts.get(topic);
            assertThat(topicReceipts).hasSize(EVENTS_PER_TOPIC);
            Map<String, ConsumerRecord<String, Object>> read = BusFixture.readAll(broker, topic);
            assertThat(read).as("distinct events in " + topic).hasSize(EVENTS_PER_TOPIC);
            assertThat(BusFixture.endOffsets(broker, topic)).as("records in " + topic + " (no duplicates)").isEqualTo(EVENTS_PER_TOPIC);
            for (PublishReceipt receipt : topicReceipts) {
                ConsumerRecord<String, Object> record = read.get(receipt.eventId());
                assertThat(record).as("event " + receipt.eventId()).isNotNull();
                assertThat(record.partition()).isEqualTo(receipt.partition());
                assertThat(record.offset()).isEqualTo(receipt.offset());
            }
        }
        // Send order is kept per partition: in the order they were sent, one partition's events have offsets 0, 1, 2, …
        for (String topic : topics) {
            Map<Integer, List<Long>> offsets = new HashMap<>();
            for (PublishReceipt r : receipts.get(topic)) {
                offsets.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.offset());
            }
            offsets.forEach((partition, list) -> {
                Set<Long> distinct = new HashSet<>(list);
                assertThat(distinct).as(topic + "-" + partition + " offsets").hasSize(list.size());
                for (int i = 0; i < list.size(); i++) {
                    assertThat(list.get(i)).as(topic + "-" + partition + " acknowledgement " + i).isEqualTo(i);
                }
            });
        }
    }

    /** A catalog with copies of the RENAP births topic named {@code topics}, schemas written next to it. */
    private TopicCatalog catalogWith(List<String> topics) throws Exception {
        TopicCatalog bundled = TopicCatalog.loadDefault();
        TopicDefinition births = bundled.topic(BIRTHS).orElseThrow();
        var renap = bundled.institution("renap").orElseThrow();
        Files.writeString(dir.resolve("BirthRegistered.avsc"), births.schema().toString(true), StandardCharsets.UTF_8);
        StringBuilder yaml = new StringBuilder("institutions:\n")
            .append("  - code: renap\n    acronym: ").append(renap.acronym()).append('\n')
            .append("    name:\n      es: Prueba\n      en: Test\n")
            .append("    description:\n      es: Prueba\n      en: Test\n")
            .append("topics:\n");
        for (String topic : topics) {
            yaml.append("  - name: ").append(topic).append('\n')
                .append("    schema: BirthRegistered.avsc\n")
                .append("    record: ").append(births.recordName()).append('\n')
                .append("    owner: renap\n")
                .append("    description:\n      es: Copia\n      en: Copy\n")
                .append("    classification: confidencial\n")
                .append("    legalBasis: \"").append(births.legalBasis()).append("\"\n")
                .append("    partitions: 6\n    retention: P1D\n    cleanupPolicy: delete\n    compatibility: NONE\n");
        }
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return TopicCatalog.load(file);
    }
}
