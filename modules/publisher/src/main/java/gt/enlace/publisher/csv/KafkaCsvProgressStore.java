package gt.enlace.publisher.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import gt.enlace.publisher.internal.CompactedTopics;
import gt.enlace.publisher.json.JsonText;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps CSV-bridge progress markers on the compacted topic {@value #TOPIC} (created on first use, one partition),
 * keyed {@code <topic>/<file SHA-256>} with a JSON value; the latest marker per key survives compaction.
 * {@link #find} reads the topic from the beginning, which stays small because of compaction.
 */
public final class KafkaCsvProgressStore implements CsvProgressStore {

    /** The topic of the markers. */
    public static final String TOPIC = "_enlace.csv-bridge.progress";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Map<String, ?> clientProperties;
    private final KafkaProducer<String, String> producer;

    public KafkaCsvProgressStore(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** A store whose Kafka clients add {@code clientProperties} (e.g. SASL settings of a secure cluster). */
    public KafkaCsvProgressStore(String bootstrapServers, Map<String, ?> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        CompactedTopics.ensure(bootstrapServers, this.clientProperties, TOPIC, Map.of(), TIMEOUT);
        Properties props = new Properties();
        props.putAll(this.clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-csv-bridge-progress");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @Override
    public Optional<Marker> find(String topic, String sha256) {
        String key = topic + "/" + sha256;
        AtomicReference<Marker> found = new AtomicReference<>();
        CompactedTopics.readAll(bootstrapServers, clientProperties, TOPIC, TIMEOUT, (k, v) -> {
            if (key.equals(k)) {
                found.set(v == null ? null : parse(v));
            }
        });
        return Optional.ofNullable(found.get());
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
        producer.close(Duration.ofSeconds(5));
    }
}
