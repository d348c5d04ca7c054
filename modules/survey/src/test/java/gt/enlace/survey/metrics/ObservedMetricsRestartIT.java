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
import java.util.UUID;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementCodec;
import gt.enlace.bus.agreements.AgreementStatus;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import gt.enlace.survey.ExchangeDirection;
import gt.enlace.survey.ExchangeMedium;
import gt.enlace.survey.ManualExchangeDeclared;
import gt.enlace.survey.SurveyTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real broker: it counts, stops, loses its local state, starts again, and has the same numbers
 * (events, manual exchanges, active subscriptions, agreements in force), then counts on from there without counting
 * anything twice.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ObservedMetricsRestartIT {

    private static final String SCOPE = "observed-metrics-restart-it";

    @TempDir
    Path firstStateDir;

    @TempDir
    Path secondStateDir;

    @AfterEach
    void forgetRegistry() {
        MockSchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void aRestartWithoutLocalStateResumesWithTheSameNumbers(EmbeddedBroker broker) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String institution = "it" + suffix;
        String topic = "gt." + institution + ".thing-happened.v1";
        createTopics(broker, topic, topic + ".dlt", SurveyTopics.MANUAL_EXCHANGES, SubscriptionSamples.TOPIC,
                AgreementCodec.TOPIC);
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(MetricsSettings.DEFAULT.zone());
        String withBasis = "agr-" + suffix + "-1";
        String withoutBasis = "agr-" + suffix + "-2";
        String revokedLastYear = "agr-" + suffix + "-3";
        try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
            for (int i = 0; i < 30; i++) {
                send(producer, topic, institution, i % 3 == 0 ? Channel.GATEWAY : Channel.SDK, now);
            }
            for (int i = 0; i < 10; i++) {
                send(producer, topic, institution, Channel.CSV_BRIDGE, now);
            }
            send(producer, topic + ".dlt", institution, Channel.SDK, now);
            declare(producer, institution, 25, now);
            declare(producer, institution, 15, now);
            sample(producer, "mineduc.it" + suffix + "@" + topic, now);
            sample(producer, "igss.it" + suffix + "@" + topic, now);
            sample(producer, "mineduc.it" + suffix + "@" + topic, now); // the same pair again: one subscription
            agreement(producer, withBasis, institution, "Decreto de prueba", AgreementStatus.APPROVED,
                    now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(30)), now.minus(Duration.ofDays(30)));
            agreement(producer, withoutBasis, institution, " ", AgreementStatus.APPROVED,
                    now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(30)), now.minus(Duration.ofDays(30)));
            agreement(producer, revokedLastYear, institution, "Decreto de prueba", AgreementStatus.REVOKED,
                    now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(30)), now.minus(Duration.ofDays(365)));
            producer.flush();
        }
        Properties config = ObservedMetricsService.streamsConfig("_enlace.survey-metrics-it-" + suffix,
                broker.bootstrapServers(), firstStateDir);
        config.put("consumer.metadata.max.age.ms", 1_000);
        PeriodMetrics before;
        AgreementsInForce agreementsBefore;
        try (ObservedMetricsService service = ObservedMetricsService.start(config, "mock://" + SCOPE,
                MetricsSettings.DEFAULT)) {
            before = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> total(service, institution),
                            m -> m.isPresent() && m.get().accepted() == 40 && m.get().deadLettered() == 1
                                    && m.get().manualRecords() == 40 && m.get().activeSubscriptions() == 2).orElseThrow();
            agreementsBefore = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> agreements(service, institution, today),
                            a -> a.isPresent() && a.get().inForceCount() == 2).orElseThrow();
        }
        assertThat(before.subscriptions()).containsExactlyInAnyOrder("mineduc.it" + suffix + "@" + topic,
                "igss.it" + suffix + "@" + topic);
        assertThat(agreementsBefore.inForce()).containsExactlyInAnyOrder(withBasis, withoutBasis);
        assertThat(agreementsBefore.withLegalBasis()).containsExactly(withBasis);
        assertThat(before.sdk()).isEqualTo(20);
        assertThat(before.gateway()).isEqualTo(10);
        assertThat(before.csvBridge()).isEqualTo(10);
        assertThat(before.manualDeclarations()).isEqualTo(2);
        assertThat(before.digitalShare()).contains(30.0 / 80);
        assertThat(before.conformance()).contains(40.0 / 41);

        // Same application id, an empty state directory: the store is rebuilt from its changelog topic.
        config.put("state.dir", secondStateDir.toString());
        try (ObservedMetricsService service = ObservedMetricsService.start(config, "mock://" + SCOPE,
                MetricsSettings.DEFAULT)) {
            // RUNNING comes once the changelog is restored; records after the last commit of the first run are
            // then processed again, so the numbers are awaited rather than read at the first RUNNING.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> service.state() == KafkaStreams.State.RUNNING
                            && total(service, institution).equals(Optional.of(before))
                            && agreements(service, institution, today).equals(Optional.of(agreementsBefore)));

            try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
                send(producer, topic, institution, Channel.SDK, now);
                producer.flush();
            }
            PeriodMetrics after = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> total(service, institution), m -> m.isPresent() && m.get().sdk() == 21).orElseThrow();
            assertThat(after.gateway()).isEqualTo(before.gateway());
            assertThat(after.csvBridge()).isEqualTo(before.csvBridge());
            assertThat(after.deadLettered()).isEqualTo(1);
            assertThat(after.manualRecords()).isEqualTo(40);
            assertThat(after.subscriptions()).isEqualTo(before.subscriptions());
        }
    }

    private static Optional<AgreementsInForce> agreements(ObservedMetricsService service, String institution,
                                                          LocalDate day) {
        try {
            return Optional.of(service.agreementsInForce(institution, day));
        } catch (MetricsUnavailableException e) {
            return Optional.empty();
        }
    }

    private static void sample(KafkaProducer<byte[], byte[]> producer, String key, Instant time) {
        producer.send(new ProducerRecord<>(SubscriptionSamples.TOPIC, null, time.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)));
    }

    private static void agreement(KafkaProducer<byte[], byte[]> producer, String id, String provider, String legalBasis,
                                  AgreementStatus status, Instant validFrom, Instant validUntil, Instant updatedAt) {
        Agreement a = new Agreement(id, provider, "mineduc", List.of(), legalBasis, "prueba", validFrom, validUntil,
                status, false, "mineduc-admin", "provider-admin", null, status == AgreementStatus.REVOKED ? "x" : null,
                null, validFrom, updatedAt);
        producer.send(new ProducerRecord<>(AgreementCodec.TOPIC, id.getBytes(StandardCharsets.UTF_8),
                AgreementCodec.toJson(a).getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<PeriodMetrics> total(ObservedMetricsService service, String institution) {
        try {
            return Optional.ofNullable(ObservedMetricsService.totalsByInstitution(service.all(), null, null).get(institution));
        } catch (MetricsUnavailableException e) {
            return Optional.empty();
        }
    }

    private static void createTopics(EmbeddedBroker broker, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static RecordHeaders headers(String institution, String topic, Channel channel, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        EventHeaders.builder().source(institution, "restart-it").typeForTopic(topic).legalBasis("Prueba")
                .classification(Classification.PUBLICA).channel(channel).time(time.minusMillis(50)).build()
                .writeTo(headers);
        return headers;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String institution, Channel channel,
                             Instant time) {
        producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), null,
                "opaque".getBytes(StandardCharsets.UTF_8), headers(institution, topic.replace(".dlt", ""), channel, time)));
    }

    private static void declare(KafkaProducer<byte[], byte[]> producer, String institution, int records, Instant time) {
        ManualExchangeDeclared value = ManualExchangeDeclared.newBuilder().setInstitution(institution)
                .setCounterpart("mineduc").setDirection(ExchangeDirection.SENT).setRecords(records)
                .setMedium(ExchangeMedium.PAPER).setDate(LocalDate.now(MetricsSettings.DEFAULT.zone()))
                .setDescription(null).build();
        RecordHeaders headers = headers(institution, SurveyTopics.MANUAL_EXCHANGES, Channel.DECLARED_MANUAL, time);
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE), false);
            producer.send(new ProducerRecord<>(SurveyTopics.MANUAL_EXCHANGES, null, time.toEpochMilli(),
                    institution.getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(SurveyTopics.MANUAL_EXCHANGES, headers, value), headers));
        }
    }
}
