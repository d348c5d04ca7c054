package gt.enlace.publisher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.bus.signing.EventSigner;
import gt.enlace.bus.signing.EventVerifier;
import gt.enlace.bus.signing.InstitutionKeyStore;
import gt.enlace.bus.signing.SignatureHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSigningSenderTest {

    @TempDir
    static Path dir;

    static InstitutionKeyStore keys;
    static EventSigner signer;

    @BeforeAll
    static void keys() {
        keys = new InstitutionKeyStore(dir.resolve("keys"));
        signer = new EventSigner(keys.signingKey("renap"));
    }

    /** A producer whose first send waits for {@link #release}, so that records pile up behind it. */
    static class GatedProducer extends MockProducer<String, Object> {
        final CountDownLatch firstSendStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedProducer() {
            super(true, null, new StringSerializer(), (topic, data) -> (byte[]) data);
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, Object> record, Callback callback) {
            if (firstSendStarted.getCount() > 0) {
                firstSendStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.send(record, callback);
        }
    }

    static ProducerRecord<String, Object> record(int i) {
        Headers headers = new RecordHeaders();
        headers.add("ce_id", ("event-" + i).getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/gt/renap/test".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>("gt.renap.birth-registered.v1", null, "k", ("value " + i).getBytes(StandardCharsets.UTF_8), headers);
    }

    static CompletableFuture<RecordMetadata> submit(BatchSigningSender sender, int i) throws InterruptedException {
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        sender.submit(record(i), (metadata, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            } else {
                f.complete(metadata);
            }
        });
        return f;
    }

    @Test
    void recordsQueuedWhileTheProducerIsBusyShareOneSignatureAndKeepTheirOrder() throws Exception {
        GatedProducer producer = new GatedProducer();
        BatchSigningSender sender = new BatchSigningSender(signer, producer, 40, Duration.ZERO, "signer-test");
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        futures.add(submit(sender, 0));
        assertThat(producer.firstSendStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 100; i++) {
            futures.add(submit(sender, i));
        }
        producer.release.countDown();
        assertThat(sender.awaitHandedOver(Duration.ofSeconds(10))).isTrue();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        List<ProducerRecord<String, Object>> sent = producer.history();
        assertThat(sent).hasSize(101);
        EventVerifier verifier = new EventVerifier(keys);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord<String, Object> r = sent.get(i);
            assertThat(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).isEqualTo("event-" + i);
            assertThat(verifier.verify(r.headers(), (byte[]) r.value()).valid()).isTrue();
            sizes.add(SignatureHeader.parse(r.headers().lastHeader("ce_signature").value()).orElseThrow().batchSize());
        }
        assertThat(sizes.get(0)).as("the first record went alone").isEqualTo(1);
        assertThat(sizes.subList(1, 101)).as("then batches of at most 40").containsOnly(40, 20)
            .containsSubsequence(40, 40, 20);
        sender.close(Duration.ofSeconds(5));
    }

    @Test
    void aRecordSubmittedAfterCloseFailsAndFlushDoesNotWait() throws Exception {
        MockProducer<String, Object> producer = new MockProducer<>(true, null, new StringSerializer(), (topic, data) -> (byte[]) data);
        BatchSigningSender sender = new BatchSigningSender(signer, producer, 8, Duration.ZERO, "signer-test");
        CompletableFuture<RecordMetadata> before = submit(sender, 0);
        sender.close(Duration.ofSeconds(5));
        assertThat(before.get(5, TimeUnit.SECONDS)).isNotNull();
        CompletableFuture<RecordMetadata> after = submit(sender, 1);
        assertThat(after).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .withMessageContaining("closed");
        assertThat(sender.awaitHandedOver(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aRecordThatCannotBeSentFailsAloneAndTheThreadGoesOn() throws Exception {
        MockProducer<String, Object> producer = new MockProducer<>(true, null, new StringSerializer(), (topic, data) -> (byte[]) data) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, Object> record, Callback callback) {
                if (new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8).equals("event-1")) {
                    throw new IllegalArgumentException("refused");
                }
                return super.send(record, callback);
            }
        };
        BatchSigningSender sender = new BatchSigningSender(signer, producer, 8, Duration.ZERO, "signer-test");
        CompletableFuture<RecordMetadata> bad = submit(sender, 1);
        CompletableFuture<RecordMetadata> good = submit(sender, 2);
        assertThat(bad).failsWithin(Duration.ofSeconds(5));
        assertThat(good.get(5, TimeUnit.SECONDS)).isNotNull();
        sender.close(Duration.ofSeconds(5));
    }

    @Test
    void whenTheProducerTimesOutOnATopicTheRestOfTheBatchForThatTopicFailsWithoutWaitingAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        GatedProducer producer = new GatedProducer() {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, Object> record, Callback callback) {
                if (firstSendStarted.getCount() == 0) {
                    sends.incrementAndGet();
                    throw new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata after 1000 ms.");
                }
                return super.send(record, callback);
            }
        };
        BatchSigningSender sender = new BatchSigningSender(signer, producer, 64, Duration.ZERO, "signer-test");
        CompletableFuture<RecordMetadata> first = submit(sender, 0);
        assertThat(producer.firstSendStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<RecordMetadata>> waiting = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            waiting.add(submit(sender, i));
        }
        producer.release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(waiting).allSatisfy(f -> assertThat(f).failsWithin(Duration.ofSeconds(5))
            .withThrowableOfType(java.util.concurrent.ExecutionException.class).withMessageContaining("not present in metadata"));
        assertThat(sends.get()).as("one wait for the whole batch").isEqualTo(1);
        sender.close(Duration.ofSeconds(5));
    }

    @Test
    void aRecordAfterAPauseGoesAloneButRecordsInAStreamWaitForEachOtherUpToTheLinger() throws Exception {
        MockProducer<String, Object> producer = new MockProducer<>(true, null, new StringSerializer(), (topic, data) -> (byte[]) data);
        BatchSigningSender sender = new BatchSigningSender(signer, producer, 64, Duration.ofMillis(300), "signer-test");
        submit(sender, 0).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<RecordMetadata>> stream = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            stream.add(submit(sender, i));
        }
        CompletableFuture.allOf(stream.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        List<Integer> sizes = producer.history().stream()
            .map(r -> SignatureHeader.parse(r.headers().lastHeader("ce_signature").value()).orElseThrow().batchSize()).toList();
        assertThat(sizes).as("the first alone, the stream right behind it in one batch").containsExactly(1, 10, 10, 10, 10, 10, 10,
            10, 10, 10, 10);
        sender.close(Duration.ofSeconds(5));
    }
}
