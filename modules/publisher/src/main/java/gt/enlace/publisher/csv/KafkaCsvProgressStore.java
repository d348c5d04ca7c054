package gt.enlace.publisher.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import gt.enlace.publisher.internal.CompactedTopicTail;
import gt.enlace.publisher.internal.CompactedTopics;
import gt.enlace.publisher.json.JsonText;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps CSV-bridge progress markers on the compacted topic {@value #TOPIC} (created on first use, one partition),
 * keyed {@code <topic>/<file SHA-256>} with a JSON value; the latest marker per key survives compaction.
 * The store follows the topic from its beginning (small because of compaction) on a background thread from its
 * construction on; {@link #find} first waits until every marker written before the call has been read (one end-offsets
 * round trip once caught up), so it sees markers other processes wrote, and then answers from memory.
 */
public final class KafkaCsvProgressStore implements CsvProgressStore {

    /** The topic of the markers. */
    public static final String TOPIC = "_enlace.csv-bridge.progress";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** How long the marker tail's fetches wait for new markers on the broker, in ms. */
    private static final int TAIL_FETCH_MAX_WAIT_MS = 20;

    private final KafkaProducer<String, String> producer;
    /** The latest marker per key, as read from the topic by {@link #tail}. */
    private final Map<String, Marker> markers = new ConcurrentHashMap<>();
    private final CompactedTopicTail tail;

    public KafkaCsvProgressStore(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** A store whose Kafka clients add {@code clientProperties} (e.g. SASL settings of a secure cluster). */
    public KafkaCsvProgressStore(String bootstrapServers, Map<String, ?> clientProperties) {
        Map<String, ?> properties = Map.copyOf(clientProperties);
        CompactedTopics.ensure(bootstrapServers, properties, TOPIC, Map.of(), TIMEOUT);
        Properties props = new Properties();
        props.putAll(properties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-csv-bridge-progress");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        // A fetch waiting for new markers holds up the end-offsets request of find() on the same connection: keep it short.
        Map<String, Object> tailProperties = new java.util.HashMap<>(properties);
        tailProperties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, TAIL_FETCH_MAX_WAIT_MS);
        this.tail = CompactedTopicTail.start(bootstrapServers, tailProperties, TOPIC, () -> { }, (key, value) -> {
            Marker marker = value == null ? null : parse(value);
            if (marker == null) {
                markers.remove(key);
            } else {
                markers.put(key, marker);
            }
        }, "enlace-csv-progress-tail");
    }

    @Override
    public Optional<Marker> find(String topic, String sha256) {
        try {
            tail.sync().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CsvFileException("could not read the CSV bridge's progress markers from " + TOPIC + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CsvFileException("interrupted while reading the progress markers", e);
        }
        return Optional.ofNullable(markers.get(topic + "/" + sha256));
    }

    @Override
    public void save(Marker marker) {
        try {
            String json = JsonText.mapper().writeValueAsString(marker);
            producer.send(new ProducerRecord<>(TOPIC, marker.key(), json)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CsvFileException("Kafka did not store the CSV bridge's progress marker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CsvFileException("interrupted while storing the progress marker", e);
        }
    }

    private static Marker parse(String json) {
        try {
            return JsonText.mapper().readValue(json, Marker.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        tail.close();
        producer.close(Duration.ofSeconds(5));
    }
}
