package gt.enlace.survey.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementCodec;
import gt.enlace.bus.agreements.AgreementStatus;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a bus without the agreements topic (one that never ran with security), the survey creates it before its topology
 * starts, so that several instances know it from the start; the observed metrics answer with no agreements instead of
 * being unavailable, and count the agreements written later. Runs its own broker, since the shared test broker may
 * already hold the topic.
 */
class ObservedAgreementsTopicLaterIT {

    private static final String SCOPE = "observed-agreements-topic-later-it";

    @TempDir
    Path brokerDir;

    @TempDir
    Path stateDir;

    @AfterEach
    void forgetRegistry() {
        MockSchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void theSurveyCreatesAMissingAgreementsTopicAnswersNoAgreementsAndCountsThoseWrittenLater() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDir(brokerDir).build().start()) {
            String topic = "gt.later.thing-happened.v1";
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            Properties config = ObservedMetricsService.streamsConfig("_enlace.survey-metrics-later-it",
                    broker.bootstrapServers(), stateDir);
            config.put("consumer.metadata.max.age.ms", 1_000);
            LocalDate today = LocalDate.now(MetricsSettings.DEFAULT.zone());
            try (ObservedMetricsService service = ObservedMetricsService.start(config, "mock://" + SCOPE,
                    MetricsSettings.DEFAULT);
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new ByteArraySerializer(),
                         new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, new byte[] {0})).get();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> service.all().stream().anyMatch(m -> m.institution().equals("later")));
                assertThat(service.agreements()).isEmpty();
                assertThat(service.agreementsInForce("later", today).inForceCount()).isZero();

                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers()))) {
                    assertThat(admin.listTopics().names().get()).as("created by the survey at start")
                            .contains(AgreementCodec.TOPIC);
                }
                Instant from = Instant.now().minus(Duration.ofDays(2));
                Agreement a = new Agreement("agr-later", "later", "mineduc", List.of(topic), "Decreto de prueba",
                        "prueba", from, from.plus(Duration.ofDays(30)), AgreementStatus.APPROVED, false, "mineduc",
                        "later", null, null, null, from, from);
                producer.send(new ProducerRecord<>(AgreementCodec.TOPIC, a.id().getBytes(StandardCharsets.UTF_8),
                        AgreementCodec.toJson(a).getBytes(StandardCharsets.UTF_8))).get();
                AgreementsInForce inForce = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> count(service, today), c -> c.isPresent() && c.get().inForceCount() == 1)
                        .orElseThrow();
                assertThat(inForce.withLegalBasis()).containsExactly("agr-later");
                assertThat(service.all()).as("the event counts are still there")
                        .anyMatch(m -> m.institution().equals("later") && m.unknownChannel() == 1);
            }
        }
    }

    private static Optional<AgreementsInForce> count(ObservedMetricsService service, LocalDate day) {
        try {
            return Optional.of(service.agreementsInForce("later", day));
        } catch (MetricsUnavailableException e) {
            return Optional.empty();
        }
    }
}
