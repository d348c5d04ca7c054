package gt.enlace.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.signing.EventVerifier;
import gt.enlace.bus.signing.InstitutionKeyStore;
import gt.enlace.bus.signing.SignatureError;
import gt.enlace.bus.signing.SignatureHeader;
import gt.enlace.bus.signing.Verification;
import gt.enlace.schemas.samples.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafkaExtension.class)
class SignedPublishIT {

    private static final String TAXPAYERS = "gt.sat.taxpayer-registered.v1";

    @TempDir
    Path dir;

    @BeforeEach
    void prepare(EmbeddedBroker broker) throws Exception {
        BusFixture.prepare(broker);
    }

    @Test
    void aPublisherWithASigningKeyWritesEventsThatVerifyAgainstTheInstitutionsPublishedKey(EmbeddedBroker broker) {
        InstitutionKeyStore keys = new InstitutionKeyStore(dir.resolve("keys"));
        keys.signingKey("sat");
        Map<String, Object> config = BusFixture.publisherConfig(broker, "sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile("sat").toString());
        PublishReceipt receipt;
        try (EventPublisher publisher = new EventPublisher(config)) {
            receipt = publisher.publish(TAXPAYERS, SampleEvents.sampleFor(TAXPAYERS, 7)).join();
        }
        ConsumerRecord<String, byte[]> record = read(broker, receipt);
        Verification verification = new EventVerifier(keys).verify(record.headers(), record.value());
        assertThat(verification.valid()).as(verification.reason()).isTrue();
        assertThat(verification.signer()).contains("sat");

        byte[] tampered = record.value().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(new EventVerifier(keys).verify(record.headers(), tampered).error()).contains(SignatureError.BAD_SIGNATURE);
    }

    @Test
    void aSigningKeyOfAnotherInstitutionIsRefusedAtConstruction(EmbeddedBroker broker) {
        InstitutionKeyStore keys = new InstitutionKeyStore(dir.resolve("keys"));
        keys.signingKey("renap");
        Map<String, Object> config = BusFixture.publisherConfig(broker, "sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile("renap").toString());
        assertThatThrownBy(() -> new EventPublisher(config)).hasMessageContaining("enlace.signing.key-file")
            .hasMessageContaining("renap").hasMessageContaining("sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, dir.resolve("keys/sat.key").toString());
        assertThatThrownBy(() -> new EventPublisher(config)).hasMessageContaining("sat.key does not exist");
    }

    @Test
    void concurrentPublishesAreSignedInBatchesInPublishOrderAndEveryRecordVerifiesOnItsOwn(EmbeddedBroker broker) throws Exception {
        InstitutionKeyStore keys = new InstitutionKeyStore(dir.resolve("keys"));
        keys.signingKey("sat");
        Map<String, Object> config = BusFixture.publisherConfig(broker, "sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile("sat").toString());
        config.put(PublisherConfig.SIGNING_MAX_BATCH_CONFIG, 64);
        String run = "batch-" + UUID.randomUUID();
        int threads = 4;
        int perThread = 300;
        try (EventPublisher publisher = new EventPublisher(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<CompletableFuture<PublishReceipt>>>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String key = run + "-" + t;
                sent.add(pool.submit(() -> {
                    List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        CompletableFuture<PublishReceipt> f = publisher.publish(TAXPAYERS, SampleEvents.sampleFor(TAXPAYERS, i),
                            PublishOptions.defaults().withKey(key).withEventId(key + "-" + i));
                        futures.add(f);
                    }
                    return futures;
                }));
            }
            for (Future<List<CompletableFuture<PublishReceipt>>> f : sent) {
                for (CompletableFuture<PublishReceipt> receipt : f.get(60, TimeUnit.SECONDS)) {
                    assertThat(receipt.get(60, TimeUnit.SECONDS).offset()).isNotNegative();
                }
            }
            pool.shutdown();
        }

        List<ConsumerRecord<String, byte[]>> records = readAll(broker, TAXPAYERS).stream()
            .filter(r -> r.key() != null && r.key().startsWith(run)).toList();
        assertThat(records).hasSize(threads * perThread);
        EventVerifier verifier = new EventVerifier(keys);
        Set<String> signatures = new HashSet<>();
        int largestBatch = 0;
        Map<String, Long> lastOffsetByKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Verification v = verifier.verify(r.headers(), r.value());
            assertThat(v.valid()).as("%s-%d@%d: %s", r.topic(), r.partition(), r.offset(), v.reason()).isTrue();
            SignatureHeader header = SignatureHeader.parse(r.headers().lastHeader(SignatureHeader.NAME).value()).orElseThrow();
            assertThat(header.algorithm()).isEqualTo(SignatureHeader.MERKLE_ALGORITHM);
            assertThat(header.batchSize()).isBetween(1, 64);
            largestBatch = Math.max(largestBatch, header.batchSize());
            signatures.add(Base64.getEncoder().encodeToString(header.signature()));
            Long previous = lastOffsetByKey.put(r.key(), r.offset());
            assertThat(previous == null || previous < r.offset()).isTrue();
        }
        assertThat(largestBatch).as("events published together share a signature").isGreaterThan(1);
        assertThat(signatures.size()).isLessThan(records.size());
        assertSamePublishOrder(records, threads, run);
    }

    /** Thread t published events {@code <run>-t-0, <run>-t-1, ...} with key {@code <run>-t}: they must be stored in that order. */
    private static void assertSamePublishOrder(List<ConsumerRecord<String, byte[]>> records, int threads, String run) {
        for (int t = 0; t < threads; t++) {
            String key = run + "-" + t;
            List<String> ids = records.stream().filter(r -> r.key().equals(key))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> new String(r.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8)).toList();
            List<String> expected = java.util.stream.IntStream.range(0, ids.size()).mapToObj(i -> key + "-" + i).toList();
            assertThat(ids).hasSize(300).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void closingAPublisherSignsAndSendsWhatIsQueuedAndRefusesLaterEvents(EmbeddedBroker broker) {
        InstitutionKeyStore keys = new InstitutionKeyStore(dir.resolve("keys"));
        keys.signingKey("sat");
        Map<String, Object> config = BusFixture.publisherConfig(broker, "sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile("sat").toString());
        EventPublisher publisher = new EventPublisher(config);
        List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(publisher.publish(TAXPAYERS, SampleEvents.sampleFor(TAXPAYERS, i)));
        }
        publisher.close();
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        assertThatThrownBy(() -> publisher.publish(TAXPAYERS, SampleEvents.sampleFor(TAXPAYERS, 1)).join())
            .hasCauseInstanceOf(PublishException.class).hasMessageContaining("closed");
    }

    @Test
    void flushReturnsOnceEveryQueuedEventIsAcknowledged(EmbeddedBroker broker) {
        InstitutionKeyStore keys = new InstitutionKeyStore(dir.resolve("keys"));
        keys.signingKey("sat");
        Map<String, Object> config = BusFixture.publisherConfig(broker, "sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile("sat").toString());
        try (EventPublisher publisher = new EventPublisher(config)) {
            List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(publisher.publish(TAXPAYERS, SampleEvents.sampleFor(TAXPAYERS, i)));
            }
            publisher.flush();
            assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        }
    }

    @Test
    void aMaxBatchOutsideOneTo4096IsRefusedNamingTheKey(EmbeddedBroker broker) {
        Map<String, Object> config = BusFixture.publisherConfig(broker, "sat");
        config.put(PublisherConfig.SIGNING_MAX_BATCH_CONFIG, 0);
        assertThatThrownBy(() -> new EventPublisher(config)).hasMessageContaining("enlace.signing.max-batch");
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedBroker broker, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private static ConsumerRecord<String, byte[]> read(EmbeddedBroker broker, PublishReceipt receipt) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(receipt.topic(), receipt.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, receipt.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() == receipt.offset()) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("record " + receipt + " not read back");
    }
}
