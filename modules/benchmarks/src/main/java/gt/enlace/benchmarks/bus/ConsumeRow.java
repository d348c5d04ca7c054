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
import gt.enlace.serde.KafkaAvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Issue 6's consumption goal: a {@code KafkaConsumer} with Enlace's {@link KafkaAvroDeserializer} into specific
 * records ({@code specific.avro.reader=true}) at least 0.85× a raw {@code KafkaConsumer<byte[], byte[]>} reading the
 * same bytes from the same broker.
 *
 * <p>Each repetition publishes {@link #records(RunSettings)} 1 KiB births with the SDK (headers and all) to a fresh
 * topic, then each side, with a new consumer of default fetch settings and no group (every partition assigned, from
 * the beginning), reads them all: records per second from the first {@code poll} to the last record. The sides
 * alternate which reads first, so neither always finds the log in the page cache.
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

    /** Records per repetition: 10 per millisecond of {@link RunSettings#loadMeasurement()}, at least 1,000. */
    static int records(RunSettings settings) {
        return (int) Math.max(1_000, settings.loadMeasurement().toMillis() * 10);
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
        String[] topic = new String[1];
        // Records actually acknowledged by the preparation (a send that fails is not on the topic to read).
        int[] written = new int[1];
        try (EventPublisher publisher = new EventPublisher(bus.publisherConfig("renap"), bus.catalog())) {
            Repetitions.Side prepare = rep -> {
                topic[0] = bus.freshTopic(BusFixture.BIRTHS);
                String t = topic[0];
                written[0] = (int) PublishLoad.count(count, PublishLoad.DEFAULT_WINDOW, (i, done) -> publisher.publish(t,
                    pool[(int) (i % pool.length)]).whenComplete((receipt, error) -> done.accept(error))).acked();
                return 0;
            };
            // Both sides of a repetition read the topic the first side's preparation wrote.
            int[] measuredInRepetition = {-1, 0};
            Repetitions.Side enlace = rep -> {
                preparedFor(rep, measuredInRepetition, prepare);
                try (KafkaAvroDeserializer values = bus.specificDeserializer()) {
                    return consume(bus, topic[0], written[0], new StringDeserializer(), values);
                }
            };
            Repetitions.Side raw = rep -> {
                preparedFor(rep, measuredInRepetition, prepare);
                return consume(bus, topic[0], written[0], new ByteArrayDeserializer(), new ByteArrayDeserializer());
            };
            return Repetitions.alternate(context, id(), unit(), enlace, raw, details, true);
        }
    }

    private static void preparedFor(int rep, int[] state, Repetitions.Side prepare) throws Exception {
        if (state[0] != rep) {
            prepare.measure(rep);
            state[0] = rep;
        }
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
            long start = System.nanoTime();
            long deadline = start + Duration.ofSeconds(120).toNanos();
            int read = 0;
            long checksum = 0;
            while (read < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("read only " + read + " of " + count + " records of " + topic + " in 120 s");
                }
                ConsumerRecords<K, V> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<K, V> record : records) {
                    V value = record.value();
                    if (value == null) {
                        throw new IllegalStateException("a null value at " + record.topic() + "-" + record.partition() + "@" + record.offset());
                    }
                    checksum += value instanceof byte[] bytes ? bytes.length : 1;
                    read++;
                }
            }
            long elapsed = System.nanoTime() - start;
            sink = checksum;
            return read / (elapsed / 1e9);
        }
    }
}
