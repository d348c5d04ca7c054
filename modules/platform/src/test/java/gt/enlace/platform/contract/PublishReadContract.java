package gt.enlace.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.platform.TypedRecords;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.sat.TaxpayerRegistered;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.subscriber.DeadLetterHeaders;
import gt.enlace.subscriber.EventSubscriber;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's publish, register and subscribe paths against whatever Kafka cluster a subclass provides: the
 * registry and gateway roles start with {@code --bootstrap-servers}, create the catalog's topics and
 * register its schemas; an event posted to the gateway is read back, typed, from where Kafka put it; the registry
 * (stored in that cluster's {@code _schemas}) accepts a compatible evolution and refuses an incompatible one with
 * Confluent's 409 (error code 40901); an {@code EventSubscriber} gets typed events and dead-letters a poison record
 * without stopping.
 * The catalog's topics and {@code _schemas} are replicated on up to three brokers.
 * {@link EmbeddedPublishReadIT} runs it on a three-node embedded cluster (always); {@link KafkaContainerPublishReadIT}
 * on a three-node cluster of {@code apache/kafka} containers (when Docker is present).
 */
abstract class PublishReadContract {

    /** The variant CI always runs. */
    static final String EMBEDDED_VARIANT = "EmbeddedPublishReadIT";

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final String BIRTHS = "gt.renap.birth-registered.v1";

    @TempDir
    Path dataDir;

    /** {@code bootstrap.servers} of the cluster under test. */
    protected abstract String bootstrapServers();

    /** Number of brokers in the cluster under test. */
    protected abstract int brokers();

    @Test
    void theCatalogTopicsAndTheSchemasTopicAreReplicatedOnUpToThreeBrokersWithTwoInSyncRequired() throws Exception {
        PlatformSettings settings = PlatformSettings.ephemeral(dataDir, EnumSet.of(PlatformRole.REGISTRY), bootstrapServers(), null);
        try (Platform platform = Platform.start(settings, CATALOG, line -> { });
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            int replicas = Math.min(3, brokers());
            List<String> topics = List.of(BIRTHS, BIRTHS + ".dlt", "_schemas");
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            for (String topic : topics) {
                assertThat(described.get(topic).partitions()).as(topic)
                    .allSatisfy(p -> assertThat(p.replicas()).as(topic + " partition " + p.partition()).hasSize(replicas));
            }
            if (replicas == 3) {
                ConfigResource births = new ConfigResource(ConfigResource.Type.TOPIC, BIRTHS);
                assertThat(admin.describeConfigs(List.of(births)).all().get(30, TimeUnit.SECONDS).get(births)
                    .get("min.insync.replicas").value()).as("min.insync.replicas of " + BIRTHS).isEqualTo("2");
            }
        }
    }

    @Test
    void registryAndGatewayRolesPublishAnEventThatIsReadBackTypedFromWhereKafkaPutIt() throws Exception {
        PlatformSettings settings = PlatformSettings.ephemeral(dataDir,
            EnumSet.of(PlatformRole.REGISTRY, PlatformRole.GATEWAY), bootstrapServers(), null);
        try (Platform platform = Platform.start(settings, CATALOG, line -> { })) {
            HttpClient http = HttpClient.newHttpClient();
            String subjects = http.send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            for (TopicDefinition topic : CATALOG.topics()) {
                assertThat(subjects).contains("\"" + topic.subject() + "\"");
            }

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(platform.httpUrl() + "/api/v1/topics/" + BIRTHS + "/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                    JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 7)))))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode event = JsonText.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
                .get("events").get(0);

            SpecificRecord expected = SampleEvents.sampleFor(BIRTHS, 7);
            SpecificRecord actual = (SpecificRecord) TypedRecords.readAt(platform, BIRTHS, event.get("partition").asInt(), event.get("offset").asLong()).value();
            for (int f = 0; f < expected.getSchema().getFields().size(); f++) {
                assertThat(actual.get(f)).as(expected.getSchema().getFields().get(f).name()).isEqualTo(expected.get(f));
            }
        }
    }

    @Test
    void theRegistryStoredInTheClusterAcceptsACompatibleEvolutionAndRefusesAnIncompatibleOneWith409() throws Exception {
        PlatformSettings settings = PlatformSettings.ephemeral(dataDir, EnumSet.of(PlatformRole.REGISTRY), bootstrapServers(), null);
        try (Platform platform = Platform.start(settings, CATALOG, line -> { })) {
            HttpClient http = HttpClient.newHttpClient();
            String subject = "contract." + UUID.randomUUID().toString().replace("-", "") + "-value";
            String v1 = "{\"type\":\"record\",\"name\":\"Contract\",\"namespace\":\"gt.enlace.test\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
            String v2 = "{\"type\":\"record\",\"name\":\"Contract\",\"namespace\":\"gt.enlace.test\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
            String broken = "{\"type\":\"record\",\"name\":\"Contract\",\"namespace\":\"gt.enlace.test\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
            HttpResponse<String> first = register(http, platform, subject, v1);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            HttpResponse<String> second = register(http, platform, subject, v2);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(JsonText.mapper().readTree(second.body()).get("id").asInt())
                .isGreaterThan(JsonText.mapper().readTree(first.body()).get("id").asInt());
            HttpResponse<String> refused = register(http, platform, subject, broken);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(JsonText.mapper().readTree(refused.body()).get("error_code").asInt()).isEqualTo(40901);
            String versions = http.send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/subjects/" + subject + "/versions"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(versions).isEqualTo("[1,2]");
        }
    }

    @Test
    void aSubscriberGetsTypedEventsAndDeadLettersAPoisonRecordWithoutStopping() throws Exception {
        String topic = "gt.sat.taxpayer-registered.v1";
        PlatformSettings settings = PlatformSettings.ephemeral(dataDir,
            EnumSet.of(PlatformRole.REGISTRY, PlatformRole.GATEWAY), bootstrapServers(), null);
        try (Platform platform = Platform.start(settings, CATALOG, line -> { })) {
            String good = postEvent(platform, topic, 11);
            byte[] poison = "not Confluent wire format".getBytes(StandardCharsets.UTF_8);
            String poisonId = UUID.randomUUID().toString();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, poison);
                EventHeaders.builder().id(poisonId).source("sat", "contract").typeForTopic(topic).legalBasis("Decreto 6-91")
                    .classification(Classification.CONFIDENCIAL).channel(Channel.SDK).build().writeTo(record.headers());
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
            String after = postEvent(platform, topic, 12);

            Map<String, SpecificRecord> handled = new ConcurrentHashMap<>();
            try (EventSubscriber<SpecificRecord> subscriber = EventSubscriber.builder(SpecificRecord.class)
                .bootstrapServers(bootstrapServers()).registryUrl(platform.registryUrl())
                .groupId("contract-" + UUID.randomUUID()).topics(topic)
                .handler((value, metadata) -> handled.put(metadata.id(), value))
                .build()) {
                subscriber.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> handled.containsKey(good) && handled.containsKey(after));
            }
            assertThat(handled.get(good).getSchema().getFullName()).isEqualTo("gt.enlace.sat.TaxpayerRegistered");
            assertThat(handled.get(after)).isInstanceOf(TaxpayerRegistered.class);
            assertThat(handled).doesNotContainKey(poisonId);
            assertThat(deadLetterStage(topic + ".dlt", poison)).isEqualTo("deserialize");
        }
    }

    private static HttpResponse<String> register(HttpClient http, Platform platform, String subject, String schema) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/subjects/" + subject + "/versions"))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(JsonText.mapper().writeValueAsString(Map.of("schema", schema))))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts sample {@code index} of the topic through the gateway; its event id. */
    private static String postEvent(Platform platform, String topic, int index) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(platform.httpUrl() + "/api/v1/topics/" + topic + "/events"))
            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JsonText.mapper().writeValueAsBytes(
                PlainJson.toJson(SampleEvents.sampleFor(topic, index)))))
            .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonText.mapper().readTree(response.body()).get("events").get(0).get("id").asText();
    }

    /** The stage header of the dead letter whose value is {@code value}, waiting for it to appear. */
    private String deadLetterStage(String deadLetterTopic, byte[] value) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header stage = record.headers().lastHeader(DeadLetterHeaders.STAGE);
                    if (Arrays.equals(record.value(), value) && stage != null) {
                        return new String(stage.value(), StandardCharsets.UTF_8);
                    }
                }
            }
            throw new AssertionError("no dead letter with the poison record's bytes on " + deadLetterTopic);
        }
    }
}
