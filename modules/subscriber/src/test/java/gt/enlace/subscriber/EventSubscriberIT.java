package gt.enlace.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.samples.SampleEvents;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

@ExtendWith(EmbeddedKafkaExtension.class)
class EventSubscriberIT {

    private static final BackOffPolicy FAST = new BackOffPolicy(Duration.ofMillis(20), 2.0, Duration.ofMillis(100), 3);

    private TestBus bus;
    private final List<EventSubscriber<?>> subscribers = new ArrayList<>();

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        bus = new TestBus(broker.bootstrapServers());
    }

    @AfterEach
    void tearDown() {
        subscribers.forEach(EventSubscriber::close);
        bus.close();
    }

    /** Thrown by a handler to stop the loop as a crash would: no commit of the batch in progress. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    private EventSubscriber<BirthRegistered> start(String topic, String group, boolean guard, EventHandler<BirthRegistered> handler) {
        return start(topic, group, guard, handler, builder -> { });
    }

    private EventSubscriber<BirthRegistered> start(String topic, String group, boolean guard, EventHandler<BirthRegistered> handler,
                                                   Consumer<EventSubscriber.Builder<BirthRegistered>> settings) {
        EventSubscriber.Builder<BirthRegistered> builder = EventSubscriber.builder(BirthRegistered.class)
            .bootstrapServers(bus.bootstrapServers)
            .registryUrl(bus.registryUrl)
            .groupId(group)
            .topics(topic)
            .backOff(FAST)
            .idempotencyGuard(guard)
            .idempotencyGuardTopic("_enlace.test.handled-" + group)
            .pollTimeout(Duration.ofMillis(100))
            .handler(handler);
        settings.accept(builder);
        EventSubscriber<BirthRegistered> subscriber = builder.build();
        subscribers.add(subscriber);
        return subscriber.start();
    }

    private static BirthRegistered birth(int i) {
        return (BirthRegistered) SampleEvents.sampleFor("gt.renap.birth-registered.v1", i);
    }

    @Test
    void poisonPillsAreDeadLetteredAtOnceAndTheNextGoodRecordIsHandled() throws Exception {
        String topic = bus.createTopic("plain-poison", 1);
        List<BirthRegistered> handled = new CopyOnWriteArrayList<>();
        start(topic, TestBus.unique("group"), false, (birth, meta) -> handled.add(birth));

        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] unknownId = ByteBuffer.allocate(7).put((byte) 0).putInt(123_456).put((byte) 2).put((byte) 4).array();
        byte[] otherType = bus.serialize(topic, SampleEvents.sampleFor("gt.sat.taxpayer-registered.v1", 1));
        bus.publishRaw(topic, 0, "a", garbage, TestBus.headers());
        bus.publishRaw(topic, 0, "b", unknownId, TestBus.headers());
        bus.publishRaw(topic, 0, "c", otherType, TestBus.headers());
        bus.publish(topic, 0, "d", birth(4), TestBus.headers());

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 1);
        assertThat(handled).containsExactly(birth(4));
        List<DeadLetter> letters = bus.read(topic + ".dlt", 3).stream().map(DeadLetter::from).toList();
        assertThat(letters).extracting(DeadLetter::originalOffset).containsExactly(0L, 1L, 2L);
        assertThat(letters).allSatisfy(l -> assertThat(l.stage()).contains(DeadLetterStage.DESERIALIZE));
        assertThat(letters.get(0).value()).isEqualTo(garbage);
        assertThat(letters.get(1).reason()).contains("123456");
        assertThat(letters.get(2).reason()).contains("TaxpayerRegistered");
        assertThat(letters.get(2).value()).isEqualTo(otherType);
    }

    @Test
    void aHandlerThatThrowsTwiceIsRetriedThenAHandlerThatKeepsFailingIsDeadLettered() throws Exception {
        String topic = bus.createTopic("plain-retry", 1);
        EventHeaders flaky = TestBus.headers();
        EventHeaders broken = TestBus.headers();
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        start(topic, TestBus.unique("group"), false, (birth, meta) -> {
            int attempt = attempts.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet();
            if (meta.id().equals(broken.id()) || (meta.id().equals(flaky.id()) && attempt <= 2)) {
                throw new IllegalStateException("downstream unavailable");
            }
            handled.add(meta.id());
        });
        bus.publish(topic, 0, "a", birth(1), flaky);
        bus.publish(topic, 0, "b", birth(2), broken);
        EventHeaders last = TestBus.headers();
        bus.publish(topic, 0, "c", birth(3), last);

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 2);
        assertThat(handled).containsExactly(flaky.id(), last.id());
        assertThat(attempts.get(flaky.id())).hasValue(3);
        assertThat(attempts.get(broken.id())).hasValue(3);
        DeadLetter letter = DeadLetter.from(bus.read(topic + ".dlt", 1).get(0));
        assertThat(letter.stage()).contains(DeadLetterStage.HANDLE);
        assertThat(letter.originalOffset()).isEqualTo(1);
        assertThat(letter.eventId()).contains(broken.id());
        assertThat(letter.reason()).isEqualTo("IllegalStateException: downstream unavailable");
    }

    @Test
    void aConsumerKilledMidBatchHandlesEveryRecordAtLeastOnceAfterARestart() throws Exception {
        killMidBatchAndRestart(false);
    }

    @Test
    void withTheGuardAConsumerKilledMidBatchHandlesEveryRecordExactlyOnceInEffect() throws Exception {
        killMidBatchAndRestart(true);
    }

    private void killMidBatchAndRestart(boolean guard) throws Exception {
        String topic = bus.createTopic("plain-kill", 2);
        String group = TestBus.unique("group");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            EventHeaders headers = TestBus.headers();
            bus.publish(topic, i % 2, "k" + i, birth(i), headers);
            published.add(headers.id());
        }
        Map<String, AtomicInteger> handledCount = new ConcurrentHashMap<>();
        AtomicInteger firstRun = new AtomicInteger();
        EventSubscriber<BirthRegistered> first = start(topic, group, guard, (birth, meta) -> {
            if (firstRun.incrementAndGet() == 8) {
                throw new SimulatedCrash();
            }
            handledCount.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet();
        });
        assertThat(first.awaitStopped(Duration.ofSeconds(30))).isTrue();
        assertThat(handledCount).hasSize(7);

        start(topic, group, guard, (birth, meta) ->
            handledCount.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet());
        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount.keySet().containsAll(published));
        if (guard) {
            assertThat(handledCount.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        } else {
            assertThat(handledCount.values()).allSatisfy(count -> assertThat(count.get()).isGreaterThanOrEqualTo(1));
            assertThat(handledCount.values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThan(20);
        }
    }

    @Test
    void closeStopsTheLoopAndCommitsWhatWasHandled() throws Exception {
        String topic = bus.createTopic("plain-close", 1);
        String group = TestBus.unique("group");
        List<String> handled = new CopyOnWriteArrayList<>();
        // With an interval this long, only close() commits.
        EventSubscriber<BirthRegistered> subscriber = start(topic, group, false, (birth, meta) -> handled.add(meta.id()),
            b -> b.commitInterval(Duration.ofHours(1)));
        bus.publish(topic, 0, "a", birth(1), TestBus.headers());
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 1);
        subscriber.close();
        assertThat(subscriber.awaitStopped(Duration.ofSeconds(1))).isTrue();

        List<String> again = new CopyOnWriteArrayList<>();
        start(topic, group, false, (birth, meta) -> again.add(meta.id()));
        EventHeaders next = TestBus.headers();
        bus.publish(topic, 0, "b", birth(2), next);
        await().atMost(Duration.ofSeconds(30)).until(() -> again.size() == 1);
        assertThat(again).containsExactly(next.id());
    }

    @Test
    void handledOffsetsAreCommittedWithinTheCommitIntervalWhileTheLoopWaitsForRecords() throws Exception {
        String topic = bus.createTopic("plain-commit-interval", 1);
        String group = TestBus.unique("group");
        List<String> handled = new CopyOnWriteArrayList<>();
        // The poll would wait 60 s for more records; the commit is due after 200 ms and must not wait for the poll.
        start(topic, group, false, (birth, meta) -> handled.add(meta.id()),
            b -> b.pollTimeout(Duration.ofSeconds(60)).commitInterval(Duration.ofMillis(200)));
        for (int i = 0; i < 3; i++) {
            bus.publish(topic, 0, "k" + i, birth(i), TestBus.headers());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(tp);
                assertThat(committed).as("the group's committed offset while the subscriber runs").isNotNull();
                assertThat(committed.offset()).isEqualTo(3);
            });
        }
    }
}
