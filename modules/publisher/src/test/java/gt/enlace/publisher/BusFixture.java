package gt.enlace.publisher;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The publisher's integration-test bus: the shared embedded broker with the catalog's topics, and an in-memory
 * schema registry (serde's {@code mock://} scope) holding each topic's contract, as the platform registers it.
 */
public final class BusFixture {

    public static final String REGISTRY_URL = "mock://enlace-publisher-it";
    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();

    private BusFixture() {
    }

    /** Creates the catalog's topics (once) and registers their schemas in the mock registry. */
    public static synchronized void prepare(EmbeddedBroker broker) throws Exception {
        MockSchemaRegistryClient registry = MockSchemaRegistryClient.forScope("enlace-publisher-it");
        try (Admin admin = admin(broker)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicDefinition topic : CATALOG.topics()) {
                registry.register(topic.subject(), topic.schema());
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), topic.partitions(), (short) 1));
                }
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicReadiness.await(admin, missing.stream().map(NewTopic::name).toList(), Duration.ofSeconds(60));
        }
    }

    public static Map<String, Object> publisherConfig(EmbeddedBroker broker, String institution) {
        Map<String, Object> config = new HashMap<>();
        config.put(PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, REGISTRY_URL);
        config.put(PublisherConfig.INSTITUTION_CONFIG, institution);
        config.put(PublisherConfig.SYSTEM_CONFIG, "enlace-it");
        return config;
    }

    public static Admin admin(EmbeddedBroker broker) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(props);
    }

    /** The sum of a topic's end offsets. */
    public static long endOffsets(EmbeddedBroker broker, String topic) throws Exception {
        try (Admin admin = admin(broker)) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(specs).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /** Reads a whole topic with a plain consumer and the Enlace deserializer (specific records), keyed by ce_id. */
    public static Map<String, ConsumerRecord<String, Object>> readAll(EmbeddedBroker broker, String topic) {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, REGISTRY_URL,
            KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true), false);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, ConsumerRecord<String, Object>> byId = new HashMap<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    byId.put(new String(record.headers().lastHeader("ce_id").value()), record);
                }
            }
        }
        return byId;
    }
}
