package gt.enlace.publisher.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import gt.enlace.publisher.internal.CompactedTopicTail;
import gt.enlace.publisher.internal.CompactedTopics;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps CSV-bridge progress markers on the compacted topic {@value #TOPIC} (created on first use, one partition),
 * keyed {@code <topic>/<file SHA-256>} with a JSON value; the latest marker per key survives compaction.
 * The store follows the topic from its beginning (small because of compaction) on a background thread from its
 * construction on; {@link #find} first waits until every marker written before the call has been read (one end-offsets
 * round trip once caught up), so it sees markers other processes wrote, and then answers from memory.
 *
 * <p>It also reads the bridge's data topics for a re-run after a crash ({@link #endOffsets}, {@link #csvBridgeEvents}):
 * with the same client properties, so the institution's principal needs READ on its own topics, which it has.
 */
public final class KafkaCsvProgressStore implements CsvProgressStore {

    /** The topic of the markers. */
    public static final String TOPIC = "_enlace.csv-bridge.progress";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** How often a long scan of a data topic logs how far it is. */
    private static final Duration SCAN_LOG_EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(KafkaCsvProgressStore.class);

    private final String bootstrapServers;
    private final Map<String, ?> clientProperties;
    /** For the end offsets of data topics; created on first use. */
    private Admin admin;

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
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = properties;
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

    @Override
    public Optional<Map<Integer, Long>> endOffsets(String topic) {
        try {
            Admin client = admin();
            int partitions = client.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<Integer, Long> ends = new HashMap<>();
            client.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return Optional.of(ends);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                // Created by the first send: every partition is read from its start.
                return Optional.of(Map.of());
            }
            if (e.getCause() instanceof AuthorizationException) {
                log.warn("Not allowed to read the offsets of {}: a re-run after a crash may publish again rows that Kafka "
                    + "had acknowledged (same ce_id): {}", topic, e.getCause().getMessage());
                return Optional.empty();
            }
            throw new CsvFileException("could not read the end offsets of " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CsvFileException("could not read the end offsets of " + topic + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CsvFileException("interrupted while reading the end offsets of " + topic, e);
        }
    }

    @Override
    public TopicScan csvBridgeEvents(String topic, Map<Integer, Long> from) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-csv-bridge-resume");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        byte[] csvBridge = Channel.CSV_BRIDGE.code().getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<Integer, Long> endOffsets = new HashMap<>();
            Map<TopicPartition, Long> starts = new HashMap<>();
            long total = 0;
            for (TopicPartition tp : partitions) {
                long begin = begins.get(tp);
                long end = ends.get(tp);
                long start = from.getOrDefault(tp.partition(), begin);
                endOffsets.put(tp.partition(), end);
                if (start < begin) {
                    return TopicScan.unavailable("partition " + tp.partition() + " of " + topic + " now starts at offset " + begin
                        + ": the records from offset " + start + " on, sent since the last progress marker, were deleted by retention");
                }
                if (start > end) {
                    return TopicScan.unavailable("partition " + tp.partition() + " of " + topic + " ends at offset " + end
                        + ", before the progress marker's offset " + start + ": was the topic deleted and created again?");
                }
                if (start < end) {
                    starts.put(tp, start);
                    total += end - start;
                }
            }
            // Only the partitions with records to read are fetched from.
            Set<TopicPartition> remaining = new HashSet<>(starts.keySet());
            consumer.assign(remaining);
            starts.forEach(consumer::seek);
            List<SentEvent> events = new ArrayList<>();
            long read = 0;
            long lastLog = System.nanoTime();
            long lastRecord = System.nanoTime();
            while (!remaining.isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    lastRecord = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(tp)) {
                        continue;
                    }
                    read++;
                    Header channel = record.headers().lastHeader(HeaderNames.CHANNEL);
                    Header id = record.headers().lastHeader(HeaderNames.ID);
                    if (channel != null && id != null && java.util.Arrays.equals(channel.value(), csvBridge)) {
                        events.add(new SentEvent(new String(id.value(), StandardCharsets.UTF_8), record.partition(), record.offset()));
                    }
                }
                remaining.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
                if (System.nanoTime() - lastRecord > TIMEOUT.toNanos()) {
                    throw new CsvFileException("could not read " + topic + " to find the rows an interrupted run sent: no records for "
                        + TIMEOUT.toSeconds() + " s with " + (total - read) + " still to read");
                }
                if (System.nanoTime() - lastLog > SCAN_LOG_EVERY.toNanos()) {
                    lastLog = System.nanoTime();
                    log.info("Looking in {} for the rows an interrupted CSV bridge run sent: {} of {} records read", topic, read, total);
                }
            }
            return new TopicScan(endOffsets, events, null);
        } catch (AuthorizationException e) {
            return TopicScan.unavailable("not allowed to read " + topic + ": " + e.getMessage());
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new CsvFileException("could not read " + topic + " to find the rows an interrupted run sent: " + e.getMessage(), e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.putAll(clientProperties);
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "enlace-csv-bridge-offsets");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            admin = Admin.create(props);
        }
        return admin;
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
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        }
        tail.close();
        producer.close(Duration.ofSeconds(5));
    }
}
