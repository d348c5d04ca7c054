package gt.enlace.benchmarks.bus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.subscriber.EventSubscriber;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Issue 6's consumption goal: consuming into specific records with Enlace at least 0.85× a raw
 * {@code KafkaConsumer<byte[], byte[]>} reading the same bytes from the same broker.
 *
 * <p>Once per run, {@link #records(RunSettings)} 1 KiB births are published with the SDK (headers and all) to a fresh
 * topic; then every repetition of each side reads them all with default fetch settings, from the beginning, with a
 * consumer of its own: records per second from the first record received to the last (so neither a group join nor the
 * first fetch's round trip is measured). The sides alternate which reads first.
 *
 * <ul>
 *   <li>Enlace: the plain-Java {@link EventSubscriber}{@code <BirthRegistered>} an integrator without Spring uses
 *       (new group; Avro deserializer into the specific class, header parsing into {@code EventMetadata}, offsets
 *       committed, dead letters on; decode-ahead, its default, decodes a batch on a second thread while the loop
 *       polls the next).</li>
 *   <li>Baseline: {@code KafkaConsumer<byte[], byte[]>}, every partition assigned.</li>
 *   <li>Context, in the details ({@code plainDeserializerRecordsPerSecond}): a single-threaded
 *       {@code KafkaConsumer<String, Object>} with {@link KafkaAvroDeserializer} ({@code specific.avro.reader=true}),
 *       every partition assigned, read right after the Enlace side. One thread polls and decodes, so it runs at
 *       about half the raw consumer's rate: decoding a 1 KiB record costs about as much as the consumer's own work
 *       on it.</li>
 * </ul>
 */
public final class ConsumeRow implements BenchmarkRow {

    /** The goal: Enlace / raw consumer. */
    public static final double GOAL_RATIO = 0.85;
    /** Keeps the values' use observable, so nothing is optimised away. */
    static volatile long sink;

    @Override
    public String id() {
        return "consume.specific";
    }

    @Override
    public String title() {
        return "Consume 1 KiB births into specific records";
    }

    @Override
    public String unit() {
        return "records/s";
    }

    @Override
    public String baseline() {
        return "raw KafkaConsumer<byte[],byte[]>, same topic";
    }

    @Override
    public Goal goal() {
        return Goal.ratioAtLeast(GOAL_RATIO, unit());
    }

    /**
     * Records per repetition: 50 per millisecond of {@link RunSettings#loadMeasurement()} (full 150,000), at least
     * 50,000 (1,000 in the smoke run), so that a repetition reads for longer than it takes to join and fetch.
     */
    static int records(RunSettings settings) {
        return (int) Math.max(settings.isSmoke() ? 1_000 : 50_000, settings.loadMeasurement().toMillis() * 50);
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        BusFixture bus = BusFixture.of(context);
        int count = records(context.settings());
        SpecificRecord[] pool = new SpecificRecord[64];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = BenchEvents.birth1KiB(i);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recordsPerRepetition", count);
        details.put("valueBytes", BenchEvents.wireSize(pool[0]));
        try (EventPublisher publisher = new EventPublisher(bus.publisherConfig("renap"), bus.catalog())) {
            // Written once: every repetition of both sides reads the whole topic from the start with a consumer of its
            // own (a new group, or no group), so repetitions differ only in what they measure. Only records the
            // preparation got acknowledged are on the topic to read.
            String topic = bus.freshTopic(BusFixture.BIRTHS);
            context.progress("%s: writing %,d records to %s", id(), count, topic);
            int written = (int) PublishLoad.count(count, PublishLoad.DEFAULT_WINDOW, (i, done) -> publisher.publish(topic,
                pool[(int) (i % pool.length)]).whenComplete((receipt, error) -> done.accept(error))).acked();
            List<Double> plain = new java.util.ArrayList<>();
            Repetitions.Side enlace = rep -> {
                double figure = subscribe(bus, topic, written);
                try (KafkaAvroDeserializer values = bus.specificDeserializer()) {
                    double plainRate = consume(bus, topic, written, new StringDeserializer(), values);
                    if (rep > 0) {
                        plain.add(Math.round(plainRate * 10) / 10.0);
                        details.put("plainDeserializerRecordsPerSecond", plain);
                    }
                }
                return figure;
            };
            Repetitions.Side raw = rep -> consume(bus, topic, written, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            return Repetitions.alternate(context, id(), unit(), enlace, raw, details, true, false);
        }
    }

    private static double subscribe(BusFixture bus, String topic, int count) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        long[] firstLast = new long[2];
        int[] handled = {0};
        long[] checksum = {0};
        try (EventSubscriber<BirthRegistered> subscriber = EventSubscriber.builder(BirthRegistered.class)
            .bootstrapServers(bus.bootstrapServers())
            .registryUrl(bus.registryUrl())
            .groupId("bench-consume-" + topic + "-" + System.nanoTime())
            .topics(topic)
            .handler((birth, metadata) -> {
                // one handler thread: plain fields are enough; the latch publishes them to the caller
                long now = System.nanoTime();
                if (handled[0] == 0) {
                    firstLast[0] = now;
                }
                checksum[0] += birth.getRegistrationNumber().length();
                if (++handled[0] == count) {
                    firstLast[1] = now;
                    done.countDown();
                }
            })
            .build()) {
            subscriber.start();
            if (!done.await(120, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the subscriber handled only " + handled[0] + " of " + count
                    + " records of " + topic + " in 120 s");
            }
        }
        sink = checksum[0];
        return (count - 1) / ((firstLast[1] - firstLast[0]) / 1e9);
    }

    private static <K, V> double consume(BusFixture bus, String topic, int count, Deserializer<K> keys,
                                         Deserializer<V> values) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(bus.consumerProperties(), keys, values)) {
            int partitions = bus.catalog().topic(topic).orElseThrow().partitions();
            List<TopicPartition> assigned = new java.util.ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long first = 0;
            long last = 0;
            int read = 0;
            long checksum = 0;
            while (read < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("read only " + read + " of " + count + " records of " + topic + " in 120 s");
                }
                ConsumerRecords<K, V> records = consumer.poll(Duration.ofMillis(200));
                if (read == 0 && !records.isEmpty()) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<K, V> record : records) {
                    V value = record.value();
                    if (value == null) {
                        throw new IllegalStateException("a null value at " + record.topic() + "-" + record.partition() + "@" + record.offset());
                    }
                    checksum += value instanceof byte[] bytes ? bytes.length : 1;
                    read++;
                }
            }
            last = System.nanoTime();
            sink = checksum;
            // Like the subscriber side: from the first record to the last, (n - 1) intervals.
            return (read - 1) / ((last - first) / 1e9);
        }
    }
}
