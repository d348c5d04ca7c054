package gt.enlace.survey.metrics;

import java.util.regex.Pattern;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The observed-metrics topology: one source subscribed to {@link #TOPIC_PATTERN} (every event topic and its
 * dead-letter topic, as bytes), one processor, one persistent key-value store {@value #STORE} keyed by
 * {@code <institution>|<period>} whose changelog topic ({@code <application.id>-survey-period-metrics-changelog})
 * keeps the state in Kafka. The store has a record cache, as the DSL's aggregations do: a put is an in-memory write,
 * flushed to RocksDB and the changelog at each commit, so the changelog gets one record per key and commit instead of
 * one per event; interactive queries read through the cache and see every event processed.
 */
public final class ObservedMetricsTopology {

    /** Every event topic {@code gt.<institution>.<event>.v<N>} and its dead-letter topic {@code ….dlt}. */
    public static final Pattern TOPIC_PATTERN = Pattern.compile("gt\\.[a-z][a-z0-9]*\\.[a-z0-9-]+\\.v[0-9]+(\\.dlt)?");

    /** The state store holding {@link PeriodMetrics} by {@code <institution>|<period>}. */
    public static final String STORE = "survey-period-metrics";

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
        topology.addProcessor("count", () -> new MetricsProcessor(STORE, settings, manualDeserializer), "bus-topics");
        topology.addStateStore(store, "count");
        return topology;
    }
}
