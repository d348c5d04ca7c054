package gt.enlace.examples.births;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.registry.RegistryServer;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example against a real broker and a real Enlace schema registry, set up as the platform sets
 * them up: the catalog topic and its dead-letter topic, the topic's schema registered, producers that
 * only use registered schemas.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class BirthsByMunicipalityIT {

    private static final String TOPIC = "gt.renap.birth-registered.v1";

    @Test
    void countsEveryPublishedBirthByMunicipalityAndDeadLettersAPoisonPill(EmbeddedBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()),
                new NewTopic(TOPIC + ".dlt", Optional.of(3), Optional.empty()))).all().get();
        }
        try (RegistryServer registry = RegistryServer.start(Map.of("enlace.registry.bootstrap-servers", broker.bootstrapServers(),
                 "enlace.registry.topic-replication-factor", 1, "server.port", 0));
             CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(
                 Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()))) {
            client.register(TOPIC + "-value", BirthRegistered.getClassSchema());

            // Command-line arguments, so that they win over application.yml like an operator's would.
            ConfigurableApplicationContext app = new SpringApplicationBuilder(BirthsByMunicipalityApplication.class)
                .run("--enlace.subscriber.bootstrap-servers=" + broker.bootstrapServers(),
                    "--enlace.subscriber.registry-url=" + registry.url(),
                    "--server.port=0",
                    "--spring.main.banner-mode=off");
            try {
                Map<String, Long> expected = new TreeMap<>();
                KafkaAvroSerializer serializer = new KafkaAvroSerializer();
                serializer.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url(),
                    KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false, KafkaAvroSerDeConfig.USE_LATEST_VERSION, true), false);
                try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), serializer);
                     KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (int i = 0; i < 12; i++) {
                        BirthRegistered birth = (BirthRegistered) SampleEvents.sampleFor(TOPIC, i);
                        expected.merge(birth.getPlaceOfBirth().getDepartmentCode() + birth.getPlaceOfBirth().getMunicipalityCode(), 1L, Long::sum);
                        EventHeaders headers = EventHeaders.builder().source("renap", "sirenap").typeForTopic(TOPIC)
                            .legalBasis("Decreto 90-2005, Ley del RENAP").classification(Classification.CONFIDENCIAL)
                            .channel(Channel.SDK).build();
                        ProducerRecord<String, Object> record = new ProducerRecord<>(TOPIC, birth.getRegistrationNumber(), birth);
                        headers.writeTo(record.headers());
                        producer.send(record).get();
                        if (i == 5) {
                            ProducerRecord<byte[], byte[]> poison = new ProducerRecord<>(TOPIC, 0, null, "not avro".getBytes());
                            headers.toBuilder().id(java.util.UUID.randomUUID().toString()).build().writeTo(poison.headers());
                            raw.send(poison).get();
                        }
                    }
                }

                BirthCounter counter = app.getBean(BirthCounter.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> counter.total() == 12);
                assertThat(counter.counts()).isEqualTo(expected);

                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/births/by-municipality")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                String firstCode = expected.keySet().iterator().next();
                assertThat(response.body()).contains("\"" + firstCode + "\":" + expected.get(firstCode));

                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                    TopicPartition dlt0 = new TopicPartition(TOPIC + ".dlt", 0);
                    await().atMost(Duration.ofSeconds(30)).until(() ->
                        admin.listOffsets(Map.of(dlt0, OffsetSpec.latest())).all().get().get(dlt0).offset() == 1);
                }
            } finally {
                app.close();
            }
        }
    }
}
