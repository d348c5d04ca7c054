package gt.enlace.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.samples.SampleEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plain-Java subscriber with decode-ahead (the default) on batches large enough to be decoded on the second
 * thread: a backlog published before the subscriber starts.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class EventSubscriberDecodeAheadIT {

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

    private EventSubscriber<BirthRegistered> start(String topic, String group, EventHandler<BirthRegistered> handler) {
        EventSubscriber<BirthRegistered> subscriber = EventSubscriber.builder(BirthRegistered.class)
            .bootstrapServers(bus.bootstrapServers)
            .registryUrl(bus.registryUrl)
            .groupId(group)
            .topics(topic)
            .backOff(FAST)
            .pollTimeout(Duration.ofMillis(100))
            .handler(handler)
            .build();
        subscribers.add(subscriber);
        return subscriber.start();
    }

    private static BirthRegistered birth(int i) {
        return (BirthRegistered) SampleEvents.sampleFor("gt.renap.birth-registered.v1", i);
    }

    private static boolean decodeThreadRuns(String group) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("enlace-subscriber-decode-" + group));
    }

    @Test
    void recordsOfEachPartitionAreHandledOnceInOffsetOrderWhenDecodedAhead() throws Exception {
        String topic = bus.createTopic("ahead-order", 3);
        String group = TestBus.unique("group");
        List<String> published = bus.publishMany(topic, 3, 900, EventSubscriberDecodeAheadIT::birth);
        Map<Integer, List<Long>> offsets = new ConcurrentHashMap<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean sawDecodeThread = new AtomicBoolean();
        start(topic, group, (birth, meta) -> {
            offsets.computeIfAbsent(meta.partition(), p -> new CopyOnWriteArrayList<>()).add(meta.offset());
            handled.add(meta.id());
            if (decodeThreadRuns(group)) {
                sawDecodeThread.set(true);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() >= published.size());
        assertThat(handled).containsExactlyInAnyOrderElementsOf(published);
        assertThat(offsets).hasSize(3);
        assertThat(offsets.values()).allSatisfy(list -> assertThat(list).isSorted().doesNotHaveDuplicates().hasSize(300));
        assertThat(sawDecodeThread).isTrue();
    }

    @Test
    void aPoisonRecordInADecodedAheadBatchIsDeadLetteredAndTheNextRecordIsHandled() throws Exception {
        String topic = bus.createTopic("ahead-poison", 1);
        List<String> before = bus.publishMany(topic, 1, 100, EventSubscriberDecodeAheadIT::birth);
        byte[] garbage = {0, 0, 0, 0, 42, 9, 9, 9};
        bus.publishRaw(topic, 0, "poison", garbage, TestBus.headers());
        List<String> after = bus.publishMany(topic, 1, 100, EventSubscriberDecodeAheadIT::birth);
        List<String> handled = new CopyOnWriteArrayList<>();
        start(topic, TestBus.unique("group"), (birth, meta) -> handled.add(meta.id()));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() >= 200);
        List<String> expected = new ArrayList<>(before);
        expected.addAll(after);
        assertThat(handled).containsExactlyElementsOf(expected);
        DeadLetter letter = DeadLetter.from(bus.read(topic + ".dlt", 1).get(0));
        assertThat(letter.stage()).contains(DeadLetterStage.DESERIALIZE);
        assertThat(letter.originalOffset()).isEqualTo(100);
        assertThat(letter.value()).isEqualTo(garbage);
    }

    @Test
    void closedAndRestartedMidStreamEveryRecordIsHandledExactlyOnceAndCommitsNeverRunAheadOfTheHandler() throws Exception {
        String topic = bus.createTopic("ahead-close", 2);
        String group = TestBus.unique("group");
        List<String> published = bus.publishMany(topic, 2, 1_000, EventSubscriberDecodeAheadIT::birth);
        Map<String, AtomicInteger> handledCount = new ConcurrentHashMap<>();
        // The highest offset the handler finished, per partition; a commit may only name the offset after it.
        Map<Integer, Long> handledUpTo = new ConcurrentHashMap<>();
        List<String> commitsAhead = new CopyOnWriteArrayList<>();
        AtomicInteger firstRun = new AtomicInteger();
        EventSubscriber<BirthRegistered> first = start(topic, group, (birth, meta) -> {
            LockSupport.parkNanos(200_000); // some work, so that the close lands mid-stream
            handledCount.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet();
            handledUpTo.merge(meta.partition(), meta.offset(), Math::max);
            firstRun.incrementAndGet();
        });
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers))) {
            while (firstRun.get() < 400) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
                // Read after the commits: the handler can only have moved on since.
                Map<Integer, Long> handledNow = Map.copyOf(handledUpTo);
                committed.forEach((tp, offset) -> {
                    long limit = handledNow.getOrDefault(tp.partition(), -1L) + 1;
                    if (offset != null && offset.offset() > limit) {
                        commitsAhead.add(tp + " committed " + offset.offset() + " but handled up to " + (limit - 1));
                    }
                });
            }
        }
        first.close();
        assertThat(first.awaitStopped(Duration.ofSeconds(10))).isTrue();
        int handledByFirst = handledCount.size();
        assertThat(handledByFirst).isBetween(400, 999);

        start(topic, group, (birth, meta) ->
            handledCount.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet());
        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount.keySet().containsAll(published));
        assertThat(commitsAhead).isEmpty();
        // close() commits exactly what was handled, and drops the batches decoded ahead: nothing twice, nothing lost.
        assertThat(handledCount.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    @Test
    void aSubscriberThatCrashesMidBatchHandlesEveryRecordAtLeastOnceAfterARestart() throws Exception {
        String topic = bus.createTopic("ahead-crash", 2);
        String group = TestBus.unique("group");
        List<String> published = bus.publishMany(topic, 2, 400, EventSubscriberDecodeAheadIT::birth);
        Map<String, AtomicInteger> handledCount = new ConcurrentHashMap<>();
        AtomicInteger firstRun = new AtomicInteger();
        EventSubscriber<BirthRegistered> first = start(topic, group, (birth, meta) -> {
            if (firstRun.incrementAndGet() == 150) {
                throw new EventSubscriberIT.SimulatedCrash();
            }
            handledCount.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet();
        });
        assertThat(first.awaitStopped(Duration.ofSeconds(30))).isTrue();
        assertThat(handledCount).hasSize(149);

        start(topic, group, (birth, meta) ->
            handledCount.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet());
        await().atMost(Duration.ofSeconds(30)).until(() -> handledCount.keySet().containsAll(published));
        assertThat(handledCount.values()).allSatisfy(count -> assertThat(count.get()).isGreaterThanOrEqualTo(1));
    }

    @Test
    void aSecondMemberJoiningMidStreamLosesNothingAndEachMemberKeepsPartitionOrder() throws Exception {
        String topic = bus.createTopic("ahead-rebalance", 4);
        String group = TestBus.unique("group");
        List<String> published = bus.publishMany(topic, 4, 2_000, EventSubscriberDecodeAheadIT::birth);
        Map<String, AtomicInteger> handledCount = new ConcurrentHashMap<>();
        List<String> outOfOrder = new CopyOnWriteArrayList<>();
        AtomicInteger handled = new AtomicInteger();
        java.util.function.Supplier<EventHandler<BirthRegistered>> member = () -> new EventHandler<>() {
            // this member's last offset handled of each partition
            private final Map<Integer, Long> last = new ConcurrentHashMap<>();

            @Override
            public void handle(BirthRegistered birth, EventMetadata meta) {
                LockSupport.parkNanos(300_000);
                Long previous = last.put(meta.partition(), meta.offset());
                // A rebalance may rewind a partition to its committed offset (records seen again), never skip ahead.
                if (previous != null && meta.offset() > previous + 1) {
                    outOfOrder.add("partition " + meta.partition() + ": " + previous + " then " + meta.offset());
                }
                handledCount.computeIfAbsent(meta.id(), id -> new AtomicInteger()).incrementAndGet();
                handled.incrementAndGet();
            }
        };
        start(topic, group, member.get());
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() >= 300);
        start(topic, group, member.get());

        await().atMost(Duration.ofSeconds(60)).until(() -> handledCount.keySet().containsAll(published));
        assertThat(outOfOrder).isEmpty();
    }
}
