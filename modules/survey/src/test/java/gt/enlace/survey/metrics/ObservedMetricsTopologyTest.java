package gt.enlace.survey.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import gt.enlace.survey.ExchangeDirection;
import gt.enlace.survey.ExchangeMedium;
import gt.enlace.survey.ManualExchangeDeclared;
import gt.enlace.survey.SurveyTopics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every observed metric, through {@link TopologyTestDriver}: no broker. */
class ObservedMetricsTopologyTest {

    static final String BIRTHS = "gt.renap.birth-registered.v1";
    static final String TAXPAYERS = "gt.sat.taxpayer-registered.v1";
    static final String SCOPE = "observed-metrics-topology-test";
    /** 2026-11-23 10:00 in Guatemala. */
    static final Instant MONDAY = Instant.parse("2026-11-23T16:00:00Z");

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    private TopologyTestDriver driver;
    private KeyValueStore<String, PeriodMetrics> store;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();

    @BeforeEach
    void start() {
        start(MetricsSettings.DEFAULT);
    }

    void start(MetricsSettings settings) {
        if (driver != null) {
            driver.close();
        }
        KafkaAvroDeserializer avro = new KafkaAvroDeserializer();
        avro.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
                KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true), false);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Deserializer<Object> manual = (Deserializer) avro;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "survey-metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ObservedMetricsTopology.build(settings, manual), props);
        store = driver.getKeyValueStore(ObservedMetricsTopology.STORE);
        inputs.clear();
    }

    @AfterEach
    void stop() {
        driver.close();
        MockSchemaRegistryClient.dropScope(SCOPE);
    }

    private TestInputTopic<byte[], byte[]> topic(String name) {
        return inputs.computeIfAbsent(name, n -> driver.createInputTopic(n, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    private static RecordHeaders headers(String institution, Channel channel, Instant time, String topic) {
        EventHeaders h = EventHeaders.builder().source(institution, "test-system").typeForTopic(topic)
                .legalBasis("Decreto de prueba").classification(Classification.PUBLICA).channel(channel).time(time).build();
        RecordHeaders headers = new RecordHeaders();
        h.writeTo(headers);
        return headers;
    }

    private void publish(String topic, String institution, Channel channel, Instant eventTime, Instant timestamp) {
        RecordHeaders headers = headers(institution, channel, eventTime, topic.replace(".dlt", ""));
        topic(topic).pipeInput(new TestRecord<>(null, "opaque avro".getBytes(StandardCharsets.UTF_8), headers, timestamp));
    }

    private void publish(String topic, String institution, Channel channel) {
        publish(topic, institution, channel, MONDAY.minusMillis(100), MONDAY);
    }

    private void declare(String institution, String counterpart, int records, ExchangeMedium medium, LocalDate date) {
        ManualExchangeDeclared value = ManualExchangeDeclared.newBuilder().setInstitution(institution)
                .setCounterpart(counterpart).setDirection(ExchangeDirection.SENT).setRecords(records).setMedium(medium)
                .setDate(date).setDescription(null).build();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE), false);
            RecordHeaders headers = headers(institution, Channel.DECLARED_MANUAL, MONDAY, SurveyTopics.MANUAL_EXCHANGES);
            topic(SurveyTopics.MANUAL_EXCHANGES).pipeInput(new TestRecord<>(institution.getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(SurveyTopics.MANUAL_EXCHANGES, headers, value), headers, MONDAY));
        }
    }

    private PeriodMetrics metrics(String institution, String period) {
        return store.get(institution + "|" + period);
    }

    @Test
    void countsEventsByChannelPerInstitutionAndDay() {
        publish(BIRTHS, "renap", Channel.SDK);
        publish(BIRTHS, "renap", Channel.SDK);
        publish(BIRTHS, "renap", Channel.GATEWAY);
        publish(BIRTHS, "renap", Channel.CSV_BRIDGE);
        publish(TAXPAYERS, "sat", Channel.CSV_BRIDGE);
        publish(BIRTHS, "renap", Channel.SDK, MONDAY, MONDAY.plusSeconds(86_400));

        PeriodMetrics renap = metrics("renap", "2026-11-23");
        assertThat(renap.sdk()).isEqualTo(2);
        assertThat(renap.gateway()).isEqualTo(1);
        assertThat(renap.csvBridge()).isEqualTo(1);
        assertThat(renap.accepted()).isEqualTo(4);
        assertThat(renap.periodStart()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(metrics("renap", "2026-11-24").sdk()).isEqualTo(1);
        assertThat(metrics("sat", "2026-11-23").csvBridge()).isEqualTo(1);
    }

    @Test
    void daysFollowGuatemalasCalendarNotUtc() {
        // 2026-11-24 03:00 UTC is 2026-11-23 21:00 in Guatemala.
        publish(BIRTHS, "renap", Channel.SDK, Instant.parse("2026-11-24T03:00:00Z"), Instant.parse("2026-11-24T03:00:00Z"));
        assertThat(metrics("renap", "2026-11-23").sdk()).isEqualTo(1);
        assertThat(metrics("renap", "2026-11-24")).isNull();
    }

    @Test
    void theInstitutionComesFromCeSourceAndFallsBackToTheTopic() {
        publish(BIRTHS, "mineduc", Channel.SDK); // a ministry publishing on RENAP's topic is counted as the ministry
        TestRecord<byte[], byte[]> bare = new TestRecord<>(null, new byte[] {0}, new RecordHeaders(), MONDAY);
        topic(BIRTHS).pipeInput(bare);
        assertThat(metrics("mineduc", "2026-11-23").sdk()).isEqualTo(1);
        PeriodMetrics renap = metrics("renap", "2026-11-23");
        assertThat(renap.unknownChannel()).isEqualTo(1);
        assertThat(renap.accepted()).isEqualTo(1);
        assertThat(renap.digitalShare()).isEmpty();
    }

    @Test
    void institutionsDaysAndChannelsChangingEventByEventAreEachCountedWhereTheyBelong() {
        Instant tuesday = MONDAY.plusSeconds(86_400);
        RecordHeaders malformedSource = new RecordHeaders();
        malformedSource.add("ce_source", "/gt/Not-A-Code/x".getBytes(StandardCharsets.UTF_8));
        malformedSource.add("ce_channel", "carrier-pigeon".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            publish(BIRTHS, "renap", Channel.SDK);
            publish(BIRTHS, "mineduc", Channel.GATEWAY, tuesday.minusMillis(5), tuesday);
            topic(BIRTHS).pipeInput(new TestRecord<>(null, new byte[] {0}, malformedSource, MONDAY));
            publish(TAXPAYERS, "mineduc", Channel.CSV_BRIDGE);
        }
        PeriodMetrics renap = metrics("renap", "2026-11-23");
        assertThat(renap.sdk()).isEqualTo(3);
        assertThat(renap.unknownChannel()).isEqualTo(3);
        assertThat(renap.latencySamples()).isEqualTo(3);
        PeriodMetrics mineducTuesday = metrics("mineduc", "2026-11-24");
        assertThat(mineducTuesday.gateway()).isEqualTo(3);
        assertThat(mineducTuesday.accepted()).isEqualTo(3);
        assertThat(mineducTuesday.medianLatencyMillis()).contains(5L);
        assertThat(metrics("mineduc", "2026-11-23").csvBridge()).isEqualTo(3);
        assertThat(metrics("mineduc", "2026-11-23").accepted()).isEqualTo(3);
    }

    @Test
    void deadLettersCountAsNonConformant() {
        for (int i = 0; i < 9; i++) {
            publish(BIRTHS, "renap", Channel.SDK);
        }
        publish(BIRTHS + ".dlt", "renap", Channel.SDK);
        // A dead letter without headers is blamed on the topic's institution.
        topic(TAXPAYERS + ".dlt").pipeInput(new TestRecord<>(null, new byte[] {1}, new RecordHeaders(), MONDAY));
        PeriodMetrics renap = metrics("renap", "2026-11-23");
        assertThat(renap.deadLettered()).isEqualTo(1);
        assertThat(renap.sdk()).isEqualTo(9);
        assertThat(renap.conformance()).contains(0.9);
        assertThat(metrics("sat", "2026-11-23").deadLettered()).isEqualTo(1);
        assertThat(metrics("sat", "2026-11-23").conformance()).contains(0.0);
    }

    @Test
    void manualExchangesCountTheirRecordsOnTheExchangeDate() {
        declare("renap", "mineduc", 40, ExchangeMedium.PAPER, LocalDate.of(2026, 11, 20));
        declare("renap", "igss", 10, ExchangeMedium.USB, LocalDate.of(2026, 11, 20));
        declare("renap", "mineduc", 5, ExchangeMedium.PAPER, LocalDate.of(2026, 11, 23));
        PeriodMetrics friday = metrics("renap", "2026-11-20");
        assertThat(friday.manualDeclarations()).isEqualTo(2);
        assertThat(friday.manualRecords()).isEqualTo(50);
        assertThat(friday.manualByMedium()).containsExactly(Map.entry("paper", 40L), Map.entry("usb", 10L));
        assertThat(friday.manualByCounterpart()).containsExactly(Map.entry("igss", 10L), Map.entry("mineduc", 40L));
        assertThat(friday.accepted()).isZero();
        assertThat(metrics("renap", "2026-11-23").manualRecords()).isEqualTo(5);
        // The declarations themselves are not exchange events of the coordination office.
        assertThat(store.get("ocp|2026-11-23")).isNull();
    }

    @Test
    void theDigitalShareCountsSdkAndGatewayOverEveryExchange() {
        publish(BIRTHS, "renap", Channel.SDK);
        publish(BIRTHS, "renap", Channel.SDK);
        publish(BIRTHS, "renap", Channel.GATEWAY);
        publish(BIRTHS, "renap", Channel.CSV_BRIDGE);
        declare("renap", "mineduc", 4, ExchangeMedium.EMAIL, LocalDate.of(2026, 11, 23));
        PeriodMetrics renap = metrics("renap", "2026-11-23");
        assertThat(renap.exchanges()).isEqualTo(8);
        assertThat(renap.digitalShare()).contains(3.0 / 8);
        // 100 × (3 + 0.5) / 8 = 43.75 -> 44
        assertThat(renap.exchangeScore()).contains(44);
    }

    @Test
    void theMedianLatencyIsFromCeTimeToTheRecordTimestamp() {
        for (long latency : List.of(100L, 200L, 300L, 1_000L, 5L)) {
            publish(BIRTHS, "renap", Channel.SDK, MONDAY.minusMillis(latency), MONDAY);
        }
        PeriodMetrics renap = metrics("renap", "2026-11-23");
        assertThat(renap.latencySamples()).isEqualTo(5);
        assertThat(renap.medianLatencyMillis()).contains(200L);
        publish(BIRTHS, "renap", Channel.SDK, MONDAY.plusSeconds(5), MONDAY); // producer clock ahead: counts as 0
        assertThat(metrics("renap", "2026-11-23").medianLatencyMillis()).contains(100L);
        assertThat(LatencyHistogram.lowerBound(LatencyHistogram.bucket(1_234_567))).isBetween(1_234_567L * 15 / 16, 1_234_567L);
    }

    @Test
    void surveyResponsesAreNotExchangeTraffic() {
        publish(SurveyTopics.RESPONSES, "renap", Channel.GATEWAY);
        try (var it = store.all()) {
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void periodsCanBeWeeksOrMonths() {
        start(new MetricsSettings(Period.WEEK, ZoneId.of("America/Guatemala")));
        publish(BIRTHS, "renap", Channel.SDK, MONDAY, MONDAY);
        publish(BIRTHS, "renap", Channel.SDK, MONDAY, MONDAY.plusSeconds(6 * 86_400)); // Sunday, same ISO week
        assertThat(metrics("renap", "2026-W48").sdk()).isEqualTo(2);
        assertThat(metrics("renap", "2026-W48").periodStart()).isEqualTo(LocalDate.of(2026, 11, 23));
        start(new MetricsSettings(Period.MONTH, ZoneId.of("America/Guatemala")));
        publish(BIRTHS, "renap", Channel.SDK, MONDAY, MONDAY);
        assertThat(metrics("renap", "2026-11").periodStart()).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void totalsSumPeriodsWithinTheWindow() {
        publish(BIRTHS, "renap", Channel.SDK, MONDAY, MONDAY);
        publish(BIRTHS, "renap", Channel.GATEWAY, MONDAY, MONDAY.plusSeconds(86_400));
        List<PeriodMetrics> all = List.of(metrics("renap", "2026-11-23"), metrics("renap", "2026-11-24"));
        PeriodMetrics total = ObservedMetricsService.totalsByInstitution(all, null, null).get("renap");
        assertThat(total.digital()).isEqualTo(2);
        assertThat(total.periodKey()).isEqualTo("*");
        assertThat(ObservedMetricsService.totalsByInstitution(all, LocalDate.of(2026, 11, 24), null).get("renap").sdk())
                .isZero();
    }

    @Test
    void theStoreFormatRoundTrips() {
        publish(BIRTHS, "renap", Channel.SDK);
        declare("renap", "mineduc", 4, ExchangeMedium.EMAIL, LocalDate.of(2026, 11, 23));
        PeriodMetrics m = metrics("renap", "2026-11-23");
        assertThat(PeriodMetricsSerde.read(PeriodMetricsSerde.write(m))).isEqualTo(m);
    }
}
