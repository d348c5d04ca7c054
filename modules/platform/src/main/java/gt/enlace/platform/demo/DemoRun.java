package gt.enlace.platform.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo's work: publish sample events for every catalog topic the way an agency would (Avro in
 * Confluent's wire format, the schema taken from the registry, CloudEvents headers, {@code acks=all}),
 * then read every topic back as an integrator would and check that each event id arrived with a typed
 * record of the topic's class and headers that parse.
 */
public final class DemoRun {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String registryUrl;
    private final TopicCatalog catalog;

    public DemoRun(String bootstrapServers, String registryUrl, TopicCatalog catalog) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.catalog = catalog;
    }

    /** Per-topic outcome. */
    public record TopicOutcome(String topic, String owner, int published, int readBack, String example) {
    }

    /** Outcome of a whole run. */
    public record Result(List<TopicOutcome> topics) {

        /** Whether every published event was read back. */
        public boolean allReadBack() {
            return topics.stream().allMatch(t -> t.readBack() == t.published());
        }

        /** Prints the outcome as a table people can read. */
        public void printTable(PrintWriter out) {
            String format = "%-42s %-8s %9s %9s  %s%n";
            out.printf(format, "TOPIC", "OWNER", "PUBLISHED", "READ BACK", "FIRST EVENT");
            for (TopicOutcome t : topics) {
                out.printf(format, t.topic(), t.owner(), t.published(), t.readBack(), t.example());
            }
        }
    }

    /**
     * Publishes {@code eventsPerTopic} samples to every catalog topic and reads them back.
     *
     * @param progress receives one line per step
     */
    public Result run(int eventsPerTopic, Consumer<String> progress) throws InterruptedException {
        Map<String, List<String>> publishedIds = publish(eventsPerTopic, progress);
        progress.accept("Reading every topic back as typed records");
        Map<String, List<ConsumerRecord<String, Object>>> received = readBack(publishedIds);
        List<TopicOutcome> outcomes = new ArrayList<>();
        for (TopicDefinition topic : catalog.topics()) {
            List<String> ids = publishedIds.getOrDefault(topic.name(), List.of());
            List<ConsumerRecord<String, Object>> records = received.getOrDefault(topic.name(), List.of());
            Set<String> expected = Set.copyOf(ids);
            int matched = 0;
            String example = "";
            for (ConsumerRecord<String, Object> record : records) {
                EventHeaders headers = EventHeaders.parse(record.headers());
                boolean typed = record.value() instanceof SpecificRecord specific
                    && specific.getSchema().getFullName().equals(topic.recordName());
                if (typed && expected.contains(headers.id())) {
                    matched++;
                    if (example.isEmpty()) {
                        example = summarize((SpecificRecord) record.value());
                    }
                }
            }
            outcomes.add(new TopicOutcome(topic.name(), topic.owner(), ids.size(), matched, example));
        }
        return new Result(outcomes);
    }

    private Map<String, List<String>> publish(int eventsPerTopic, Consumer<String> progress) throws InterruptedException {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), serializer())) {
            for (TopicDefinition topic : catalog.topics()) {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                List<String> topicIds = new ArrayList<>();
                for (int i = 0; i < eventsPerTopic; i++) {
                    SpecificRecord event = SampleEvents.sampleFor(topic.name(), i);
                    EventHeaders headers = EventHeaders.builder()
                        .source(topic.owner(), "enlace-demo")
                        .typeForTopic(topic.name())
                        .legalBasis(topic.legalBasis())
                        .classification(topic.classification())
                        .channel(Channel.SDK)
                        .build();
                    ProducerRecord<String, Object> record = new ProducerRecord<>(topic.name(), headers.id(), event);
                    headers.writeTo(record.headers());
                    acks.add(producer.send(record));
                    topicIds.add(headers.id());
                }
                for (Future<RecordMetadata> ack : acks) {
                    await(ack, topic.name());
                }
                ids.put(topic.name(), topicIds);
                progress.accept("Published " + eventsPerTopic + " event(s) to " + topic.name() + " (acknowledged by Kafka)");
            }
        }
        return ids;
    }

    private Map<String, List<ConsumerRecord<String, Object>>> readBack(Map<String, List<String>> publishedIds) {
        Map<String, List<ConsumerRecord<String, Object>>> received = new HashMap<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : publishedIds.keySet()) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && !caughtUp(consumer, ends)) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    received.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
                }
            }
        }
        return received;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static void await(Future<RecordMetadata> ack, String topic) throws InterruptedException {
        try {
            ack.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused an event for " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge an event for " + topic + " within 60 s", e);
        }
    }

    /** The first few fields of a record, for a one-line preview. */
    static String summarize(SpecificRecord record) {
        StringBuilder text = new StringBuilder();
        var fields = record.getSchema().getFields();
        int shown = 0;
        for (int i = 0; i < fields.size() && shown < 3; i++) {
            Object value = record.get(i);
            if (value == null) {
                continue;
            }
            text.append(shown++ > 0 ? ", " : "").append(fields.get(i).name()).append('=')
                .append(value instanceof SpecificRecord ? "{...}" : value);
        }
        return text.length() > 70 ? text.substring(0, 67) + "..." : text.toString();
    }

    private Properties producerConfig() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-demo-publisher");
        return props;
    }

    private Properties consumerConfig() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-demo-subscriber");
        return props;
    }

    private KafkaAvroSerializer serializer() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        // The catalog registered each topic's contract at start; publish with it rather than
        // registering the generated class's copy (which carries Java-only string hints).
        serializer.configure(Map.of(
            KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
            KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false,
            KafkaAvroSerDeConfig.USE_LATEST_VERSION, true), false);
        return serializer;
    }

    private KafkaAvroDeserializer deserializer() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of(
            KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
            KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true), false);
        return deserializer;
    }
}
