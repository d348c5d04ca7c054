package gt.enlace.survey.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscription sampler on a real broker: a real consumer group consumes and commits on a data topic, the sampler
 * sees its committed offset advance and writes a sample, and the topology counts it as an active subscription of the
 * topic's institution; a group that does not advance, the platform's own groups and a second pass without progress
 * write nothing.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SubscriptionSamplerIT {

    private static final String SCOPE = "subscription-sampler-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @AfterEach
    void forgetRegistry() {
        MockSchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void aGroupThatCommitsOnADataTopicBecomesAnActiveSubscriptionOfItsInstitution(EmbeddedBroker broker)
            throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String institution = "sm" + suffix;
        String topic = "gt." + institution + ".thing-happened.v1";
        String reader = "mineduc.sampler-it-" + suffix;
        String idle = "sat.sampler-it-" + suffix;
        String platform = "_enlace.sampler-it-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        produce(broker, topic, 10);
        // Both groups have read something before the sampler starts: where they stand is its baseline.
        consume(broker, idle, topic, 4);
        consume(broker, reader, topic, 4);

        String appId = "_enlace.survey-metrics-sampler-it-" + suffix;
        try (SubscriptionSampler sampler = SubscriptionSampler.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                MetricsSettings.DEFAULT.zone(), appId)) {
            sampler.sample(); // the baseline: nothing was seen to advance yet
            assertThat(samplesFor(broker, topic)).isEmpty();

            consume(broker, reader, topic, 10); // the reader consumes the rest and commits
            consume(broker, platform, topic, 10); // the platform's own readers are not subscriptions
            sampler.sample();
            List<ConsumerRecord<String, String>> samples = samplesFor(broker, topic);
            assertThat(samples).extracting(ConsumerRecord::key).containsExactly(reader + "@" + topic);
            JsonNode value = JSON.readTree(samples.get(0).value());
            assertThat(value.path("group").asText()).isEqualTo(reader);
            assertThat(value.path("provider").asText()).isEqualTo(institution);
            assertThat(value.path("committed").asLong()).isEqualTo(10);
            assertThat(value.path("previous").asLong()).isEqualTo(4);

            sampler.sample(); // no progress since: no sample
            assertThat(samplesFor(broker, topic)).hasSize(1);
        }

        Properties config = ObservedMetricsService.streamsConfig(appId, broker.bootstrapServers(), stateDir);
        config.put("consumer.metadata.max.age.ms", 1_000);
        try (ObservedMetricsService service = ObservedMetricsService.start(config, "mock://" + SCOPE,
                MetricsSettings.DEFAULT)) {
            PeriodMetrics today = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> period(service, institution), m -> m.isPresent() && m.get().activeSubscriptions() == 1)
                    .orElseThrow();
            assertThat(today.subscriptions()).containsExactly(reader + "@" + topic);
            assertThat(today.periodStart()).isEqualTo(LocalDate.now(MetricsSettings.DEFAULT.zone()));
        }
    }

    @Test
    void startedWithAnIntervalItSamplesOnItsOwn(EmbeddedBroker broker) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String topic = "gt.sp" + suffix + ".thing-happened.v1";
        String reader = "igss.sampler-it-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        produce(broker, topic, 3);
        try (SubscriptionSampler sampler = SubscriptionSampler.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                MetricsSettings.DEFAULT.zone(), "unused").start(Duration.ofMillis(300))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sampler.passes() >= 1); // the baseline is taken
            consume(broker, reader, topic, 3);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> samplesFor(broker, topic).size() == 1);
            assertThat(samplesFor(broker, topic).get(0).key()).isEqualTo(reader + "@" + topic);
        }
    }

    private static Optional<PeriodMetrics> period(ObservedMetricsService service, String institution) {
        try {
            return service.all().stream().filter(m -> m.institution().equals(institution)).findFirst();
        } catch (MetricsUnavailableException e) {
            return Optional.empty();
        }
    }

    private static void produce(EmbeddedBroker broker, String topic, int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, "event " + i));
            }
            producer.flush();
        }
    }

    /** A real consumer in {@code group} reads until it has consumed {@code upTo} records in all, then commits. */
    private static void consume(EmbeddedBroker broker, String group, String topic, int upTo) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long consumed = committed(consumer, topic);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumed < upTo && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    consumed++;
                    consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                            new org.apache.kafka.clients.consumer.OffsetAndMetadata(r.offset() + 1)));
                    if (consumed >= upTo) {
                        break;
                    }
                }
            }
            assertThat(consumed).as("records consumed by " + group).isEqualTo(upTo);
        }
    }

    private static long committed(KafkaConsumer<String, String> consumer, String topic) {
        var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
                .collect(java.util.stream.Collectors.toSet());
        return consumer.committed(partitions).values().stream().filter(java.util.Objects::nonNull)
                .mapToLong(org.apache.kafka.clients.consumer.OffsetAndMetadata::offset).sum();
    }

    /** The samples written so far about {@code topic}. */
    private static List<ConsumerRecord<String, String>> samplesFor(EmbeddedBroker broker, String topic) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(SubscriptionSamples.TOPIC).stream()
                    .map(p -> new TopicPartition(SubscriptionSamples.TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().endsWith("@" + topic)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
