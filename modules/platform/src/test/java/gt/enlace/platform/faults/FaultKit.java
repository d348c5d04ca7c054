package gt.enlace.platform.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import gt.enlace.bus.headers.HeaderNames;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublisherConfig;
import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the fault tests share: reading a topic's {@code ce_id}s back, SDK publishers, plain HTTP calls. */
final class FaultKit {

    static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    /** RENAP's birth registrations: the topic every fault test publishes to. */
    static final String BIRTHS = "gt.renap.birth-registered.v1";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FaultKit() {
    }

    /**
     * Every record's {@code ce_id} on {@code topic}, in partition order, read from the beginning up to the end
     * offsets at the time of the call (retrying for up to 60 s while the broker is not reachable yet).
     */
    static List<String> ceIds(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + end + " within 120 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader(HeaderNames.ID);
                    ids.add(id == null ? "<no ce_id at " + record.partition() + "@" + record.offset() + ">"
                        : new String(id.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return ids;
    }

    /** How many times each id occurs. */
    static Map<String, Long> counts(List<String> ids) {
        return ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** An SDK publisher for RENAP with short, test-sized Kafka timeouts. */
    static EventPublisher renapPublisher(String bootstrapServers, String registryUrl, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        config.put(PublisherConfig.INSTITUTION_CONFIG, "renap");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putAll(overrides);
        return new EventPublisher(config, CATALOG);
    }

    static HttpResponse<String> post(String url, String contentType, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
