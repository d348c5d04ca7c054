package gt.enlace.survey.metrics;

import java.util.regex.Pattern;

import gt.enlace.bus.agreements.AgreementCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The observed-metrics topology, two sub-topologies:
 * <ol start="0">
 *   <li>sources {@link #TOPIC_PATTERN} (every event topic and its dead-letter topic, as bytes) and
 *       {@value SubscriptionSamples#TOPIC}, one processor, one persistent key-value store {@value #STORE} keyed by
 *       {@code <institution>|<period>} whose changelog topic
 *       ({@code <application.id>-survey-period-metrics-changelog}) keeps the state in Kafka;</li>
 *   <li>source {@value AgreementCodec#TOPIC} (JSON), one processor, one persistent store {@value #AGREEMENTS_STORE}
 *       of {@link AgreementSpan} by agreement id (changelog {@code <application.id>-survey-agreements-changelog}).
 *       Agreements span many periods, so they are counted per period when queried
 *       ({@link AgreementsInForce}).</li>
 * </ol>
 * Both extra topics are subscribed by pattern, so the topology also runs where they do not exist yet (the agreements
 * topic exists on a secure bus only) and picks them up once created. The source names keep the event counting in
 * sub-topology 0, as before the second one existed, so its tasks keep their ids and local state.
 *
 * <p>The period-metrics store has a record cache, as the DSL's aggregations do: a put is an in-memory write,
 * flushed to RocksDB and the changelog at each commit, so the changelog gets one record per key and commit instead of
 * one per event; interactive queries read through the cache and see every event processed.
 */
public final class ObservedMetricsTopology {

    /** Every event topic {@code gt.<institution>.<event>.v<N>} and its dead-letter topic {@code ….dlt}. */
    public static final Pattern TOPIC_PATTERN = Pattern.compile("gt\\.[a-z][a-z0-9]*\\.[a-z0-9-]+\\.v[0-9]+(\\.dlt)?");

    /** The state store holding {@link PeriodMetrics} by {@code <institution>|<period>}. */
    public static final String STORE = "survey-period-metrics";

    /** The state store holding {@link AgreementSpan} by agreement id. */
    public static final String AGREEMENTS_STORE = "survey-agreements";

    private ObservedMetricsTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param settings           periods and zone
     * @param manualDeserializer reads the manual exchange log's Avro values (a configured
     *                           {@code KafkaAvroDeserializer} with the specific reader)
     */
    public static Topology build(MetricsSettings settings, Deserializer<Object> manualDeserializer) {
        return build(settings, manualDeserializer, TOPIC_PATTERN);
    }

    /**
     * Builds the topology over the topics matching {@code topics} instead of {@link #TOPIC_PATTERN}, e.g. a
     * benchmark's own copies of catalog topics; names must still read {@code gt.<institution>.<event>.v<N>}.
     */
    public static Topology build(MetricsSettings settings, Deserializer<Object> manualDeserializer, Pattern topics) {
        StoreBuilder<KeyValueStore<String, PeriodMetrics>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), new PeriodMetricsSerde())
                // Many events update the same institution and day: the record cache absorbs them, and RocksDB and the
                // changelog see one write per key per commit (statestore.cache.max.bytes, commit.interval.ms).
                .withCachingEnabled();
        Topology topology = new Topology();
        // Kafka Streams starts a new application from the earliest offsets: the whole history is counted.
        topology.addSource("bus-topics", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics);
        topology.addSource("subscription-samples", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                Pattern.compile(Pattern.quote(SubscriptionSamples.TOPIC)));
        topology.addProcessor("count", () -> new MetricsProcessor(STORE, settings, manualDeserializer), "bus-topics",
                "subscription-samples");
        topology.addStateStore(store, "count");

        // Source names are sorted to number sub-topologies: this one sorts after "bus-topics", so it is number 1.
        topology.addSource("survey-agreements", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Pattern.compile(Pattern.quote(AgreementCodec.TOPIC)));
        topology.addProcessor("agreements", () -> new AgreementsProcessor(AGREEMENTS_STORE), "survey-agreements");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AGREEMENTS_STORE),
                Serdes.String(), new AgreementSpanSerde()), "agreements");
        return topology;
    }
}
