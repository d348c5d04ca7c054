package gt.enlace.benchmarks.survey;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.benchmarks.bus.BenchEvents;
import gt.enlace.benchmarks.bus.BusFixture;
import gt.enlace.benchmarks.bus.Repetitions;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.publisher.TopicReadiness;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.survey.metrics.MetricsSettings;
import gt.enlace.survey.metrics.ObservedMetricsService;
import gt.enlace.survey.metrics.ObservedMetricsTopology;
import gt.enlace.survey.metrics.Period;
import gt.enlace.survey.metrics.PeriodMetrics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Issue 7's speed goal: the observed-metrics topology processes at least {@value #GOAL_EVENTS_PER_SECOND} bus events/s.
 *
 * <p>Once per run, {@link #records(RunSettings)} events are written to fresh copies of three catalog topics (RENAP births
 * ×2, SAT taxpayer status) with the bytes and headers the bus carries: the SDK's Avro value and CloudEvents headers
 * ({@code ce_id}, {@code ce_source}, {@code ce_time}, {@code ce_channel} 60% SDK, 25% gateway, 15% CSV bridge, …).
 * Each repetition then runs, as a new Kafka Streams application from the earliest offsets and with the service's own
 * configuration ({@link ObservedMetricsService#streamsConfig}: exactly-once, persistent store with changelog) and
 * {@value #STREAM_THREADS} stream threads (the survey role's {@code enlace.survey.stream-threads=2}), either
 * the {@link ObservedMetricsTopology} or the baseline, a plain topology that counts the same records per topic into a
 * persistent store. Both stores have a record cache (the DSL's default for aggregations), so RocksDB and the changelog
 * see one write per key per commit. Each side runs once unmeasured first (JIT warm-up). Figure: events from the moment
 * the application is {@code RUNNING} until its store has counted every one, per second; producing the input is not
 * timed. Both sides read the same records from the same broker, which runs in the same JVM and shares its 2 cores.

 */
public final class SurveyTopologyRow implements BenchmarkRow {

    /** The goal. */
    public static final double GOAL_EVENTS_PER_SECOND = 100_000;

    /** Stream threads of both sides: the survey role's {@code enlace.survey.stream-threads=2}. */
    static final int STREAM_THREADS = 2;

    private static final Duration PATIENCE = Duration.ofSeconds(300);
    private static final String COUNTS = "bench-counts";

    @Override
    public String id() {
        return "survey.topology";
    }

    @Override
    public String title() {
        return "Survey observed-metrics topology, bus events end to end";
    }

    @Override
    public String unit() {
        return "events/s";
    }

    @Override
    public String baseline() {
        return "plain Kafka Streams count of the same records";
    }

    @Override
    public Goal goal() {
        return Goal.atLeast(GOAL_EVENTS_PER_SECOND, unit());
    }

    /**
     * Events per run: 70 per millisecond of {@link RunSettings#loadMeasurement()} (full 210,000), at least 100,000
     * (5,000 in the smoke run): at the goal's rate a run then lasts one to two seconds, long enough that starting the
     * tasks and the first fetches (a fixed cost of up to about a second on a shared 2-core machine) do not dominate the
     * figure: with 80,000 events the same code measured 35,000–72,000 events/s, with 200,000 78,000–98,000.
     */
    static int records(RunSettings settings) {
        return (int) Math.max(settings.isSmoke() ? 5_000 : 100_000, settings.loadMeasurement().toMillis() * 70);
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        BusFixture bus = BusFixture.of(context);
        int count = records(context.settings());
        List<String> topics = List.of(bus.freshTopic(BusFixture.BIRTHS), bus.freshTopic(BusFixture.BIRTHS),
            bus.freshTopic(BusFixture.TAXPAYER_STATUS));
        context.progress("%s: writing %,d events with bus headers to %s", id(), count, topics);
        produce(bus, topics, count);
        Pattern pattern = Pattern.compile(topics.stream().map(Pattern::quote).collect(Collectors.joining("|")));
        // One task per partition number of the busiest topic.
        int tasks = topics.stream().mapToInt(t -> bus.catalog().topic(t).orElseThrow().partitions()).max().orElseThrow();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventsPerRepetition", count);
        details.put("topics", topics);
        details.put("processingGuarantee", "exactly_once_v2 (the service's configuration)");
        details.put("tasks", tasks);
        details.put("streamThreads", STREAM_THREADS);
        details.put("storeCache", "record cache on both stores (statestore.cache.max.bytes default)");
        Path scratch = context.scratch().resolve("survey-topology");
        AtomicLong apps = new AtomicLong();
        Repetitions.Side enlace = rep -> measure(bus, scratch, "bench-survey-enlace-" + apps.incrementAndGet(),
            metricsTopology(pattern), count, tasks, true);
        Repetitions.Side baseline = rep -> measure(bus, scratch, "bench-survey-count-" + apps.incrementAndGet(),
            countingTopology(pattern), count, tasks, false);
        // One unmeasured run per side first: the first Streams application in a JVM runs with cold JIT code (its figure
        // was a third of the later ones), and a long-running service is warm.
        return Repetitions.alternate(context, id(), unit(), enlace, baseline, details, true, !goal().comparesWithBaseline());
    }

    private static void produce(BusFixture bus, List<String> topics, int count) throws Exception {
        SpecificRecord[] births = new SpecificRecord[32];
        SpecificRecord[] statuses = new SpecificRecord[32];
        for (int i = 0; i < births.length; i++) {
            births[i] = BenchEvents.birth1KiB(i);
            statuses[i] = BenchEvents.taxpayerStatus(i);
        }
        Map<String, byte[][]> values = new LinkedHashMap<>();
        for (String topic : topics) {
            boolean birth = topic.startsWith("gt.renap.");
            values.put(topic, bus.serialize(birth ? "renap" : "sat", topic, birth ? births : statuses));
        }
        try (KafkaProducer<byte[], byte[]> producer = bus.rawProducer("renap")) {
            List<Future<RecordMetadata>> window = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String topic = topics.get(i % topics.size());
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                    ("k" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8), values.get(topic)[i % 32],
                    headers(bus.catalog().topic(topic).orElseThrow(), i));
                window.add(producer.send(record));
                if (window.size() >= 5_000) {
                    for (Future<RecordMetadata> ack : window) {
                        ack.get(120, TimeUnit.SECONDS);
                    }
                    window.clear();
                }
            }
            for (Future<RecordMetadata> ack : window) {
                ack.get(120, TimeUnit.SECONDS);
            }
        }
    }

    /** The headers the bus carries: 60% SDK, 25% gateway, 15% CSV bridge. */
    static RecordHeaders headers(TopicDefinition topic, int i) {
        int mod = i % 20;
        Channel channel = mod < 12 ? Channel.SDK : mod < 17 ? Channel.GATEWAY : Channel.CSV_BRIDGE;
        RecordHeaders headers = new RecordHeaders();
        EventHeaders.builder().source(topic.owner(), "bench").typeForTopic(topic.name()).channel(channel)
            .legalBasis(topic.legalBasis()).classification(topic.classification())
            .build().writeTo(headers);
        return headers;
    }

    private static Topology metricsTopology(Pattern pattern) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Deserializer<Object> unused = (Deserializer) Serdes.ByteArray().deserializer();
        return ObservedMetricsTopology.build(new MetricsSettings(Period.DAY, ZoneId.of("America/Guatemala")), unused, pattern);
    }

    /**
     * The baseline: the same source, one processor adding 1 per record to its topic's count in a persistent store with
     * a record cache (as the Enlace store has, and as a DSL {@code count()} has by default).
     */
    static Topology countingTopology(Pattern pattern) {
        Topology topology = new Topology();
        topology.addSource("bus-topics", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), pattern);
        topology.addProcessor("count", CountingProcessor::new, "bus-topics");
        // With a record cache, like the Enlace store and like every DSL aggregation by default.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTS), Serdes.String(),
            Serdes.Long()).withCachingEnabled(), "count");
        return topology;
    }

    private static final class CountingProcessor implements Processor<byte[], byte[], Void, Void> {
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(COUNTS);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            String topic = context.recordMetadata().orElseThrow().topic();
            Long n = store.get(topic);
            store.put(topic, n == null ? 1 : n + 1);
        }
    }

    /**
     * Creates the application's changelog topic (one partition per task, compacted, as Streams would) and waits until
     * every partition's log is open. A long-running service's changelog exists already; a fresh one created by Streams
     * at start hits the broker race described in docs/benchmarks.md ("The publishing stall"): the first transactional
     * batches are rejected out of order and the producer stalls, which would measure the race instead of the topology.
     */
    private static void prepareChangelog(BusFixture bus, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                .all().get(60, TimeUnit.SECONDS);
            TopicReadiness.await(admin, List.of(topic), Duration.ofSeconds(60));
        }
    }

    private static double measure(BusFixture bus, Path scratch, String applicationId, Topology topology, int count,
                                  int partitions, boolean metrics) throws Exception {
        Properties props = ObservedMetricsService.streamsConfig(applicationId, bus.bootstrapServers(),
            scratch.resolve(applicationId));
        prepareChangelog(bus, applicationId + "-" + (metrics ? ObservedMetricsTopology.STORE : COUNTS) + "-changelog",
            partitions);
        // One instance: no standby replica to place.
        props.put(org.apache.kafka.streams.StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        // Both sides as the survey role runs with enlace.survey.stream-threads=2 (a host giving it both cores); the
        // default of 1 thread measured about 85,000 events/s for Enlace on this machine (docs/benchmarks.md).
        props.put(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG, STREAM_THREADS);
        KafkaStreams streams = new KafkaStreams(topology, props);
        AtomicLong running = new AtomicLong();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && running.get() == 0) {
                running.set(System.nanoTime());
            }
        });
        try {
            streams.start();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            long counted = 0;
            while (counted < count) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(applicationId + " counted " + counted + " of " + count + " events in "
                        + PATIENCE.toSeconds() + " s (state " + streams.state() + ")");
                }
                Thread.sleep(25);
                if (streams.state() == KafkaStreams.State.RUNNING) {
                    counted = metrics ? metricsCount(streams) : plainCount(streams);
                }
            }
            long elapsed = System.nanoTime() - running.get();
            return count / (elapsed / 1e9);
        } finally {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    private static long metricsCount(KafkaStreams streams) {
        try {
            ReadOnlyKeyValueStore<String, PeriodMetrics> store = streams.store(StoreQueryParameters.fromNameAndType(
                ObservedMetricsTopology.STORE, QueryableStoreTypes.<String, PeriodMetrics>keyValueStore()));
            long sum = 0;
            try (KeyValueIterator<String, PeriodMetrics> it = store.all()) {
                while (it.hasNext()) {
                    sum += it.next().value.accepted();
                }
            }
            return sum;
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return 0;
        }
    }

    private static long plainCount(KafkaStreams streams) {
        try {
            ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(COUNTS,
                QueryableStoreTypes.<String, Long>keyValueStore()));
            long sum = 0;
            try (KeyValueIterator<String, Long> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Long> next = it.next();
                    sum += next.value;
                }
            }
            return sum;
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return 0;
        }
    }
}
