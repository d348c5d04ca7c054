package gt.enlace.benchmarks.bus;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.publisher.EventPublisher;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Issue 5's SDK goal: {@link EventPublisher#publish} throughput at least 0.9× a raw {@code KafkaProducer} sending the
 * same serialized bytes to the same broker.
 *
 * <p>Both sides publish asynchronously for {@link RunSettings#loadMeasurement()} with at most
 * {@value PublishLoad#DEFAULT_WINDOW} sends awaiting their acknowledgement ({@link PublishLoad}); the figure is
 * acknowledged events per second, from the first send to the last acknowledgement. Each repetition and side writes a
 * fresh copy of the catalog topic ({@link BusFixture#freshTopic}). Enlace: one {@code EventPublisher} (validation,
 * CloudEvents headers, a UUID event id as key, the Enlace serializer). Baseline: a {@code KafkaProducer<byte[], byte[]>}
 * with the SDK's own producer settings ({@code acks=all}, idempotence, {@code linger.ms}), sending the bytes the Enlace
 * serializer produced for the same records, with 36-byte UUID keys and no headers: the ratio is everything the SDK
 * adds to a plain producer.
 *
 * <p>For context, the 1 KiB row also runs Kafka's own {@code ProducerPerformance} once after the repetitions
 * ({@link KafkaProducerPerformance}: 1,024-byte records, the SDK's producer settings, a fresh topic copy; in the details
 * as {@code kafkaProducerPerformance}).
 */
public final class PublishRow implements BenchmarkRow {

    /** The goal: Enlace / raw producer. */
    public static final double GOAL_RATIO = 0.9;
    private static final int DISTINCT_RECORDS = 64;
    private static final int DISTINCT_KEYS = 4096;

    private final String id;
    private final String title;
    private final String baseTopic;
    private final IntFunction<SpecificRecord> records;
    private final boolean producerPerformance;

    private PublishRow(String id, String title, String baseTopic, IntFunction<SpecificRecord> records,
                       boolean producerPerformance) {
        this.id = id;
        this.title = title;
        this.baseTopic = baseTopic;
        this.records = records;
        this.producerPerformance = producerPerformance;
    }

    /** RENAP births lengthened to 1 KiB on the wire. */
    public static PublishRow oneKiB() {
        return new PublishRow("sdk.publish.1kib", "SDK publish, 1 KiB birth record, acks=all", BusFixture.BIRTHS,
            BenchEvents::birth1KiB, true);
    }

    /** SAT taxpayer status changes: 106 bytes on the wire (the issue says 200 B). */
    public static PublishRow small() {
        return new PublishRow("sdk.publish.200b", "SDK publish, small (106 B) taxpayer status record, acks=all",
            BusFixture.TAXPAYER_STATUS, BenchEvents::taxpayerStatus, false);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String unit() {
        return "events/s";
    }

    @Override
    public String baseline() {
        return "raw KafkaProducer<byte[],byte[]>, same bytes and producer settings";
    }

    @Override
    public Goal goal() {
        return Goal.ratioAtLeast(GOAL_RATIO, unit());
    }

    /** Kafka's ProducerPerformance with as many 1 KiB records as the SDK sends in about one measurement. */
    private Map<String, Object> kafkaProducerPerformance(BenchmarkContext context, BusFixture bus, String institution) {
        long records = Math.max(5_000, Math.min(1_000_000, context.settings().loadMeasurement().toMillis() * 40));
        context.progress("%s: Kafka's ProducerPerformance for context, %,d records of 1,024 bytes", id, records);
        Map<String, Object> result = KafkaProducerPerformance.run(bus.freshTopic(baseTopic), records, 1024,
            bus.rawProducerProperties(institution), context.scratch().resolve("producer-performance"));
        context.progress("%s: ProducerPerformance %s", id, result.containsKey("error") ? "failed: " + result.get("error")
            : String.format("%,.0f records/s (%.1f MB/s)", result.get("recordsPerSecond"), result.get("megabytesPerSecond")));
        return result;
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        BusFixture bus = BusFixture.of(context);
        RunSettings settings = context.settings();
        SpecificRecord[] pool = new SpecificRecord[DISTINCT_RECORDS];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = records.apply(i);
        }
        byte[][] keys = new byte[DISTINCT_KEYS][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        }
        String institution = bus.catalog().topic(BusFixture.copyName(baseTopic, 1)).orElseThrow().owner();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("valueBytes", BenchEvents.wireSize(pool[0]));
        details.put("window", PublishLoad.DEFAULT_WINDOW);
        details.put("partitions", bus.catalog().topic(BusFixture.copyName(baseTopic, 1)).orElseThrow().partitions());
        long[] failures = new long[1];
        try (EventPublisher publisher = new EventPublisher(bus.publisherConfig(institution), bus.catalog());
             KafkaProducer<byte[], byte[]> raw = bus.rawProducer(institution)) {
            Repetitions.Side enlace = rep -> {
                String topic = bus.freshTopic(baseTopic);
                PublishLoad.Phase phase = PublishLoad.forDuration(rep == 0 ? settings.loadWarmup() : settings.loadMeasurement(),
                    PublishLoad.DEFAULT_WINDOW, (i, done) -> publisher.publish(topic, pool[(int) (i % pool.length)])
                        .whenComplete((receipt, error) -> done.accept(error)));
                failures[0] += phase.failed();
                return phase.perSecond();
            };
            Repetitions.Side baseline = rep -> {
                String topic = bus.freshTopic(baseTopic);
                byte[][] values = bus.serialize(institution, topic, pool);
                PublishLoad.Phase phase = PublishLoad.forDuration(rep == 0 ? settings.loadWarmup() : settings.loadMeasurement(),
                    PublishLoad.DEFAULT_WINDOW, (i, done) -> raw.send(new ProducerRecord<>(topic,
                        keys[(int) (i % keys.length)], values[(int) (i % values.length)]), (metadata, error) -> done.accept(error)));
                failures[0] += phase.failed();
                return phase.perSecond();
            };
            RowResult result = Repetitions.alternate(context, id, unit(), enlace, baseline, details, true, false);
            details.put("failedSends", failures[0]);
            if (producerPerformance) {
                details.put("kafkaProducerPerformance", kafkaProducerPerformance(context, bus, institution));
            }
            return new RowResult(result.enlace(), result.baseline(), details);
        }
    }
}
