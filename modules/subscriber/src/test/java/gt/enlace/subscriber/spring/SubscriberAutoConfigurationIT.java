package gt.enlace.subscriber.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.subscriber.DeadLetter;
import gt.enlace.subscriber.DeadLetterHeaders;
import gt.enlace.subscriber.DeadLetterStage;
import gt.enlace.subscriber.EventMetadata;
import gt.enlace.subscriber.TestBus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

@ExtendWith(EmbeddedKafkaExtension.class)
class SubscriberAutoConfigurationIT {

    private TestBus bus;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        bus = new TestBus(broker.bootstrapServers());
    }

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.close();
        }
        bus.close();
    }

    /** What the listener saw, and how it should behave. */
    static final class Recorder {
        final List<BirthRegistered> delivered = new CopyOnWriteArrayList<>();
        final List<EventMetadata> metadata = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Map<String, Integer> failFirst = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        volatile int crashAt = -1;
        final AtomicInteger calls = new AtomicInteger();

        void on(BirthRegistered birth, EventMetadata meta) {
            if (calls.incrementAndGet() == crashAt) {
                throw new SimulatedCrash();
            }
            handled.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet();
            int attempt = attempts.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failFirst.getOrDefault(meta.id(), 0)) {
                throw new IllegalStateException("simulated outage of the integrator's database, attempt " + attempt);
            }
            delivered.add(birth);
            metadata.add(meta);
        }
    }

    /** Thrown by the listener to kill its consumer as a crash would. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Listener listener(Recorder recorder) {
            return new Listener(recorder);
        }
    }

    static final class Listener {
        private final Recorder recorder;

        Listener(Recorder recorder) {
            this.recorder = recorder;
        }

        @KafkaListener(topics = "${test.topic}")
        void on(BirthRegistered birth, EventMetadata metadata) {
            recorder.on(birth, metadata);
        }
    }

    private Recorder start(String topic, String group, String... extra) {
        Recorder recorder = new Recorder();
        String[] props = {
            "enlace.subscriber.bootstrap-servers=" + bus.bootstrapServers,
            "enlace.subscriber.registry-url=" + bus.registryUrl,
            "enlace.subscriber.group-id=" + group,
            "enlace.subscriber.back-off.initial-interval=20ms",
            "enlace.subscriber.back-off.max-interval=100ms",
            "enlace.subscriber.back-off.max-attempts=3",
            "test.topic=" + topic,
            "spring.main.banner-mode=off"};
        context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .initializers(ctx -> ctx.getBeanFactory().registerSingleton("recorder", recorder))
            .properties(props)
            .properties(extra)
            .run();
        return recorder;
    }

    private static BirthRegistered birth(int i) {
        return (BirthRegistered) SampleEvents.sampleFor("gt.renap.birth-registered.v1", i);
    }

    @Test
    void autoConfigurationDeclaresTheErrorPolicyAndTheDefaultListenerFactory() throws Exception {
        String topic = bus.createTopic("config", 1);
        start(topic, TestBus.unique("group"));
        assertThat(context.getBean("kafkaListenerContainerFactory")).isInstanceOf(ConcurrentKafkaListenerContainerFactory.class);
        assertThat(context.getBean("enlaceErrorHandler")).isInstanceOf(DefaultErrorHandler.class);
        assertThat(context.getBeansOfType(IdempotencyGuardInterceptor.class)).isEmpty();
    }

    @Test
    void poisonPillsLandInTheDeadLetterTopicWithTheirStageAndTheNextGoodRecordIsDelivered() throws Exception {
        String topic = bus.createTopic("poison", 1);
        Recorder recorder = start(topic, TestBus.unique("group"));

        byte[] garbage = {0x7b, 0x22, 0x6e, 0x6f, 0x74, 0x20, 0x61, 0x76, 0x72, 0x6f};
        byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        byte[] otherType = bus.serialize(topic, SampleEvents.sampleFor("gt.sat.taxpayer-registered.v1", 0));
        byte[] good = bus.serialize(topic, birth(1));
        EventHeaders goodHeaders = TestBus.headers();

        bus.publishRaw(topic, 0, "k0", garbage, TestBus.headers());
        bus.publishRaw(topic, 0, "k1", unknownId, TestBus.headers());
        bus.publishRaw(topic, 0, "k2", otherType, TestBus.headers());
        bus.publishRaw(topic, 0, "k3", good, null);                       // valid Avro, no event headers
        long goodOffset = bus.publishRaw(topic, 0, "k4", good, goodHeaders).offset();

        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.delivered.size() == 1);
        assertThat(recorder.delivered).containsExactly(birth(1));
        assertThat(recorder.metadata.get(0).id()).isEqualTo(goodHeaders.id());
        assertThat(recorder.metadata.get(0).offset()).isEqualTo(goodOffset);
        assertThat(recorder.metadata.get(0).institution()).isEqualTo("renap");

        List<ConsumerRecord<byte[], byte[]>> dlt = bus.read(topic + ".dlt", 4);
        assertThat(dlt).hasSize(4);
        List<DeadLetter> letters = dlt.stream().map(DeadLetter::from).toList();
        assertThat(letters).extracting(DeadLetter::originalOffset).containsExactly(0L, 1L, 2L, 3L);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.originalTopic()).isEqualTo(topic);
            assertThat(letter.originalPartition()).isZero();
            assertThat(letter.partition()).isZero();
            assertThat(letter.stage()).contains(DeadLetterStage.DESERIALIZE);
        });
        assertThat(letters.get(0).value()).isEqualTo(garbage);
        assertThat(letters.get(0).reason()).contains("Unknown magic byte 0x7b");
        assertThat(letters.get(1).value()).isEqualTo(unknownId);
        assertThat(letters.get(1).reason()).contains("987654");
        assertThat(letters.get(2).value()).isEqualTo(otherType);
        assertThat(letters.get(2).reason()).contains("TaxpayerRegistered");
        assertThat(letters.get(3).value()).isEqualTo(good);
        assertThat(letters.get(3).reason()).contains("ce_specversion");
        assertThat(letters.get(0).keyAsString()).isEqualTo("k0");
        // Original event headers kept, Spring's and Enlace's dead-letter headers added, the raw copy removed.
        ConsumerRecord<byte[], byte[]> first = dlt.get(0);
        assertThat(first.headers().lastHeader("ce_id")).isNotNull();
        assertThat(first.headers().lastHeader(DeadLetterHeaders.SPRING_ORIGINAL_OFFSET)).isNotNull();
        assertThat(new String(first.headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value())).isEqualTo("0");
        assertThat(new String(first.headers().lastHeader(DeadLetterHeaders.STAGE).value())).isEqualTo("deserialize");
        assertThat(dlt.get(3).headers().lastHeader(DeadLetterHeaders.RAW_VALUE)).isNull();
    }

    @Test
    void aHandlerThatThrowsTwiceIsRetriedAndDeliveredOnce() throws Exception {
        String topic = bus.createTopic("retry", 1);
        EventHeaders flaky = TestBus.headers();
        EventHeaders next = TestBus.headers();
        Recorder started = start(topic, TestBus.unique("group"));
        started.failFirst.put(flaky.id(), 2);

        bus.publish(topic, 0, "a", birth(1), flaky);
        bus.publish(topic, 0, "b", birth(2), next);

        await().atMost(Duration.ofSeconds(30)).until(() -> started.delivered.size() == 2);
        assertThat(started.delivered).containsExactly(birth(1), birth(2));
        assertThat(started.attempts.get(flaky.id())).hasValue(3);
        assertThat(started.attempts.get(next.id())).hasValue(1);
        assertThat(endOffset(topic + ".dlt")).isZero();
    }

    @Test
    void aHandlerThatKeepsFailingIsDeadLetteredWithItsOriginalBytesAfterTheLastAttempt() throws Exception {
        String topic = bus.createTopic("exhaust", 1);
        EventHeaders broken = TestBus.headers();
        Recorder recorder = start(topic, TestBus.unique("group"));
        recorder.failFirst.put(broken.id(), Integer.MAX_VALUE);
        byte[] original = bus.serialize(topic, birth(7));

        bus.publishRaw(topic, 0, "a", original, broken);
        bus.publish(topic, 0, "b", birth(8), TestBus.headers());

        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.delivered.size() == 1);
        assertThat(recorder.attempts.get(broken.id())).hasValue(3);
        DeadLetter letter = DeadLetter.from(bus.read(topic + ".dlt", 1).get(0));
        assertThat(letter.stage()).contains(DeadLetterStage.HANDLE);
        assertThat(letter.reason()).contains("simulated outage");
        assertThat(letter.value()).isEqualTo(original);
        assertThat(letter.eventId()).contains(broken.id());
        assertThat(letter.originalHeaders()).noneMatch(h -> DeadLetter.isDeadLetterHeader(h.key()));
    }

    @Test
    void withTheGuardAnEventAlreadyHandledByTheGroupIsSkippedAlsoAfterARestart() throws Exception {
        String topic = bus.createTopic("guard", 1);
        String group = TestBus.unique("group");
        String guardTopic = "_enlace.test." + TestBus.unique("handled");
        String[] guardOn = {"enlace.subscriber.idempotency-guard.enabled=true",
            "enlace.subscriber.idempotency-guard.topic=" + guardTopic};
        Recorder first = start(topic, group, guardOn);
        EventHeaders once = TestBus.headers();
        bus.publish(topic, 0, "a", birth(1), once);
        bus.publish(topic, 0, "a", birth(1), once);            // a producer retry: same ce_id
        bus.publish(topic, 0, "b", birth(2), TestBus.headers());
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(group, topic) == 3);
        assertThat(first.delivered).containsExactly(birth(1), birth(2));
        context.close();

        // The group's offsets are rewound (as after a crash before the commit): nothing is handled twice.
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get();
        }
        Recorder second = start(topic, group, guardOn);
        bus.publish(topic, 0, "c", birth(3), TestBus.headers());
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(group, topic) == 4);
        assertThat(second.delivered).containsExactly(birth(3));
        assertThat(context.getBean(IdempotencyGuardInterceptor.class).guard(group).size()).isEqualTo(3);
    }

    @Test
    void aContainerKilledMidBatchAndReplacedHandlesEveryRecordAtLeastOnce() throws Exception {
        killMidBatchAndRestart(false);
    }

    @Test
    void withTheGuardAContainerKilledMidBatchAndReplacedHandlesEveryRecordExactlyOnceInEffect() throws Exception {
        killMidBatchAndRestart(true);
    }

    private void killMidBatchAndRestart(boolean guard) throws Exception {
        String topic = bus.createTopic("kill", 1);
        String group = TestBus.unique("group");
        String[] extra = guard
            ? new String[] {"enlace.subscriber.idempotency-guard.enabled=true",
                "enlace.subscriber.idempotency-guard.topic=_enlace.test." + TestBus.unique("handled")}
            : new String[0];
        List<String> published = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            EventHeaders headers = TestBus.headers();
            bus.publish(topic, 0, "k" + i, birth(i), headers);
            published.add(headers.id());
        }
        Recorder started = start(topic, group, extra);
        started.crashAt = 8;
        await().atMost(Duration.ofSeconds(30)).until(() -> started.calls.get() >= 8
            && !context.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class)
                .getListenerContainers().iterator().next().isRunning());
        context.close();
        long committedAfterCrash = committed(group, topic);
        assertThat(committedAfterCrash).isLessThan(20);

        Recorder second = start(topic, group, extra);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(group, topic) == 20);
        Map<String, Integer> total = new java.util.HashMap<>();
        started.handled.forEach((id, n) -> total.merge(id, n.get(), Integer::sum));
        second.handled.forEach((id, n) -> total.merge(id, n.get(), Integer::sum));
        assertThat(total.keySet()).containsExactlyInAnyOrderElementsOf(published);
        if (guard) {
            assertThat(total.values()).allMatch(n -> n == 1);
        } else {
            assertThat(total.values()).allMatch(n -> n >= 1);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers));
    }

    private long committed(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private long endOffset(String topic) throws Exception {
        try (Admin admin = admin()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().get(tp).offset();
        }
    }
}
