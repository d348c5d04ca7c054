package gt.enlace.benchmarks.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublishOptions;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.subscriber.EventSubscriber;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Issue 6's latency goal: publish → handler with {@code acks=all}, p99 no more than 1.2× raw Kafka producer → consumer
 * in the same run. Two rows share one measurement ({@link Measurement}, kept in the {@link BenchmarkContext}): p99
 * (the goal) and p50 (for context).
 *
 * <p>Each repetition and side sends 1 KiB births at a fixed {@value #RATE_PER_SECOND} events/s for
 * {@link RunSettings#loadMeasurement()} to a fresh topic, and records, for every event, the time from just before the
 * send call to the handler's first line (one JVM, {@code System.nanoTime()}). Enlace: {@code EventPublisher.publish}
 * → {@link EventSubscriber} (Avro deserializer into {@code BirthRegistered}, header parsing, commit after each
 * batch). Baseline: a raw {@code KafkaProducer<byte[], byte[]>} with the SDK's producer settings sending the same
 * serialized bytes → a raw {@code KafkaConsumer<byte[], byte[]>} in a poll loop with Kafka's default auto-commit.
 * Both consumers join a new group per repetition and start reading from the earliest offset; probe events are sent
 * until each consumer has received one, so group joins are not measured.
 */
public final class LatencyRow implements BenchmarkRow {

    /** Fixed send rate, events per second. */
    public static final int RATE_PER_SECOND = 1_000;
    /** The goal on p99 (and the bound shown on p50): Enlace / raw. */
    public static final double GOAL_RATIO = 1.2;
    private static final String KEY = "latency";

    private final double percentile;

    private LatencyRow(double percentile) {
        this.percentile = percentile;
    }

    /** The p99 row: the goal. */
    public static LatencyRow p99() {
        return new LatencyRow(0.99);
    }

    /** The p50 row, for context. */
    public static LatencyRow p50() {
        return new LatencyRow(0.50);
    }

    @Override
    public String id() {
        return percentile == 0.99 ? "latency.p99" : "latency.p50";
    }

    @Override
    public String title() {
        return percentile == 0.99 ? "End-to-end latency p99, SDK → EventSubscriber, 1,000/s"
            : "End-to-end latency p50, SDK → EventSubscriber, 1,000/s (context; goal is on p99)";
    }

    @Override
    public String unit() {
        return "ms";
    }

    @Override
    public String baseline() {
        return "raw KafkaProducer → raw KafkaConsumer, same bytes and rate";
    }

    @Override
    public Goal goal() {
        return Goal.ratioAtMost(GOAL_RATIO, unit());
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        Measurement m = context.shared(KEY, Measurement.class, Measurement::measure);
        int index = percentile == 0.99 ? 1 : 0;
        Map<String, Object> details = new LinkedHashMap<>(m.details);
        return new RowResult(m.enlace.get(index), m.baseline.get(index), details);
    }

    /** Both percentiles of every repetition of both sides, measured once per run. */
    static final class Measurement implements AutoCloseable {
        /** [p50 figures, p99 figures]. */
        final List<List<Double>> enlace = List.of(new ArrayList<>(), new ArrayList<>());
        final List<List<Double>> baseline = List.of(new ArrayList<>(), new ArrayList<>());
        final Map<String, Object> details = new LinkedHashMap<>();

        @Override
        public void close() {
            // figures only: nothing to release
        }

        static Measurement measure(BenchmarkContext context) {
            try {
                return new Measurement().run(context);
            } catch (Exception e) {
                throw new IllegalStateException("the latency measurement failed: " + e.getMessage(), e);
            }
        }

        private Measurement run(BenchmarkContext context) throws Exception {
            BusFixture bus = BusFixture.of(context);
            RunSettings settings = context.settings();
            SpecificRecord[] pool = new SpecificRecord[64];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = BenchEvents.birth1KiB(i);
            }
            int perRepetition = (int) Math.max(200, settings.loadMeasurement().toMillis() * RATE_PER_SECOND / 1000);
            details.put("ratePerSecond", RATE_PER_SECOND);
            details.put("eventsPerRepetition", perRepetition);
            details.put("valueBytes", BenchEvents.wireSize(pool[0]));
            List<Double> enlaceP50 = enlace.get(0);
            List<Double> enlaceP99 = enlace.get(1);
            try (EventPublisher publisher = new EventPublisher(bus.publisherConfig("renap"), bus.catalog());
                 KafkaProducer<byte[], byte[]> raw = bus.rawProducer("renap")) {
                Repetitions.Side enlaceSide = rep -> {
                    double[] p = enlaceOnce(bus, publisher, pool, rep == 0 ? 200 : perRepetition);
                    if (rep > 0) {
                        enlaceP50.add(p[0]);
                        enlaceP99.add(p[1]);
                    }
                    return p[1];
                };
                Repetitions.Side rawSide = rep -> {
                    double[] p = rawOnce(bus, raw, pool, rep == 0 ? 200 : perRepetition);
                    if (rep > 0) {
                        baseline.get(0).add(p[0]);
                        baseline.get(1).add(p[1]);
                    }
                    return p[1];
                };
                Repetitions.alternate(context, "latency", "ms (p99)", enlaceSide, rawSide, details, true);
            }
            return this;
        }

        private static double[] enlaceOnce(BusFixture bus, EventPublisher publisher, SpecificRecord[] pool, int count)
            throws Exception {
            String topic = bus.freshTopic(BusFixture.BIRTHS);
            Recorder recorder = new Recorder(count);
            try (EventSubscriber<BirthRegistered> subscriber = EventSubscriber.builder(BirthRegistered.class)
                .bootstrapServers(bus.bootstrapServers())
                .registryUrl(bus.registryUrl())
                .groupId("bench-latency-" + topic)
                .topics(topic)
                .handler((event, metadata) -> recorder.received(metadata.id()))
                .build()) {
                subscriber.start();
                recorder.run(id -> publisher.publish(topic, pool[(int) (Math.abs(id.hashCode()) % pool.length)],
                    PublishOptions.defaults().withEventId(id)));
            }
            return recorder.percentiles();
        }

        private static double[] rawOnce(BusFixture bus, KafkaProducer<byte[], byte[]> producer, SpecificRecord[] pool,
                                        int count) throws Exception {
            String topic = bus.freshTopic(BusFixture.BIRTHS);
            byte[][] values = new byte[pool.length][];
            for (int i = 0; i < pool.length; i++) {
                values[i] = bus.serialize("renap", topic, pool[i]);
            }
            Recorder recorder = new Recorder(count);
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + topic);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            AtomicBoolean closing = new AtomicBoolean();
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Thread loop = new Thread(() -> {
                try {
                    consumer.subscribe(List.of(topic));
                    while (!closing.get()) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            recorder.received(new String(record.key(), StandardCharsets.UTF_8));
                        }
                    }
                } catch (WakeupException e) {
                    // closing
                } finally {
                    consumer.close();
                }
            }, "bench-raw-consumer");
            loop.setDaemon(true);
            loop.start();
            try {
                recorder.run(id -> {
                    producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8),
                        values[Math.abs(id.hashCode()) % values.length]));
                    return null;
                });
            } finally {
                closing.set(true);
                consumer.wakeup();
                loop.join(10_000);
            }
            return recorder.percentiles();
        }
    }

    /** Paces the sends, remembers when each was sent and collects the latencies. */
    private static final class Recorder {
        private final int count;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final long[] latencies;
        private final AtomicInteger received = new AtomicInteger();
        private final CountDownLatch done = new CountDownLatch(1);
        private final Map<String, Boolean> probes = new ConcurrentHashMap<>();
        private final CountDownLatch probed = new CountDownLatch(1);

        Recorder(int count) {
            this.count = count;
            this.latencies = new long[count];
        }

        void received(String id) {
            long now = System.nanoTime();
            Long sent = sentAt.remove(id);
            if (sent == null) {
                if (probes.containsKey(id)) {
                    probed.countDown();
                }
                return;
            }
            int i = received.getAndIncrement();
            if (i < count) {
                latencies[i] = now - sent;
                if (i == count - 1) {
                    done.countDown();
                }
            }
        }

        interface Send {
            Object send(String eventId) throws Exception;
        }

        void run(Send send) throws Exception {
            long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!probed.await(100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - probeDeadline > 0) {
                    throw new IllegalStateException("the consumer received no probe event within 60 s");
                }
                String probe = UUID.randomUUID().toString();
                probes.put(probe, true);
                send.send(probe);
            }
            String[] ids = new String[count];
            for (int i = 0; i < count; i++) {
                ids[i] = UUID.randomUUID().toString();
            }
            long interval = 1_000_000_000L / RATE_PER_SECOND;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long target = start + i * interval;
                long wait;
                while ((wait = target - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                sentAt.put(ids[i], System.nanoTime());
                send.send(ids[i]);
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + received.get() + " of " + count + " events arrived within 60 s");
            }
        }

        /** [p50, p99] in milliseconds. */
        double[] percentiles() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return new double[] {at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6};
        }

        private static double at(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }
}
