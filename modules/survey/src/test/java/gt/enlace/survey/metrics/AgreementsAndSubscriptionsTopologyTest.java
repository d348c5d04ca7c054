package gt.enlace.survey.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementCodec;
import gt.enlace.bus.agreements.AgreementStatus;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.catalog.Classification;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreements in force with a legal basis and active subscriptions, per institution and period, through
 * {@link TopologyTestDriver}: the agreements topic and the subscription samples as the bus writes them.
 */
class AgreementsAndSubscriptionsTopologyTest {

    static final String BIRTHS = "gt.renap.birth-registered.v1";
    static final String DEATHS = "gt.renap.death-registered.v1";
    static final MetricsSettings SETTINGS = MetricsSettings.DEFAULT;
    static final ZoneId GUATEMALA = SETTINGS.zone();
    /** 2026-11-23 (a Monday) 10:00 in Guatemala. */
    static final Instant MONDAY = Instant.parse("2026-11-23T16:00:00Z");
    static final LocalDate NOV_23 = LocalDate.of(2026, 11, 23);

    @TempDir
    java.nio.file.Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> agreementsTopic;
    private TestInputTopic<byte[], byte[]> samplesTopic;
    private KeyValueStore<String, PeriodMetrics> metrics;
    private KeyValueStore<String, AgreementSpan> agreementStore;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "survey-agreements-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ObservedMetricsTopology.build(SETTINGS, (topic, bytes) -> null), props);
        agreementsTopic = driver.createInputTopic(AgreementCodec.TOPIC, new StringSerializer(), new StringSerializer());
        samplesTopic = driver.createInputTopic(SubscriptionSamples.TOPIC, new ByteArraySerializer(),
                new ByteArraySerializer());
        metrics = driver.getKeyValueStore(ObservedMetricsTopology.STORE);
        agreementStore = driver.getKeyValueStore(ObservedMetricsTopology.AGREEMENTS_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    // ---------------------------------------------------------------- agreements

    private static Agreement agreement(String id, String provider, String consumer, String legalBasis, Instant validFrom,
                                       Instant validUntil, AgreementStatus status, Instant updatedAt) {
        boolean approvedOnce = status != AgreementStatus.REQUESTED && status != AgreementStatus.REJECTED;
        return new Agreement(id, provider, consumer, List.of(BIRTHS), legalBasis, "Inscripción escolar", validFrom,
                validUntil, status, false, "mineduc-admin", approvedOnce ? "renap-admin" : null, null,
                status == AgreementStatus.REVOKED ? "renap-admin" : null, null, validFrom, updatedAt);
    }

    private void put(Agreement a) {
        agreementsTopic.pipeInput(a.id(), AgreementCodec.toJson(a), a.updatedAt() == null ? MONDAY : a.updatedAt());
    }

    private List<AgreementSpan> spans() {
        List<AgreementSpan> out = new ArrayList<>();
        try (KeyValueIterator<String, AgreementSpan> it = agreementStore.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    private AgreementsInForce inForce(String institution, LocalDate day) {
        return AgreementsInForce.of(spans(), institution, day, SETTINGS);
    }

    private static Instant gt(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(GUATEMALA).toInstant();
    }

    @Test
    void anApprovedAgreementInsideItsValidityCountsForBothPartiesWithItsLegalBasis() {
        put(agreement("agr-1", "renap", "mineduc", "Decreto 90-2005, art. 6", gt("2026-11-01T00:00"),
                gt("2027-11-01T00:00"), AgreementStatus.APPROVED, gt("2026-10-30T09:00")));

        AgreementsInForce renap = inForce("renap", NOV_23);
        assertThat(renap.inForce()).containsExactly("agr-1");
        assertThat(renap.withLegalBasis()).containsExactly("agr-1");
        assertThat(renap.periodKey()).isEqualTo("2026-11-23");
        assertThat(inForce("mineduc", NOV_23).inForceCount()).isEqualTo(1);
        assertThat(inForce("sat", NOV_23).inForceCount()).isZero();
        assertThat(inForce("renap", LocalDate.of(2026, 10, 31)).inForceCount()).as("before validFrom").isZero();
    }

    @Test
    void anAgreementNotYetValidCountsFromTheDayItsValidityStarts() {
        put(agreement("agr-2", "renap", "mineduc", "Convenio 12-2026", gt("2026-11-24T08:00"), gt("2027-01-01T00:00"),
                AgreementStatus.APPROVED, gt("2026-11-20T09:00")));
        assertThat(inForce("renap", NOV_23).inForceCount()).isZero();
        assertThat(inForce("renap", NOV_23.plusDays(1)).inForceCount()).isEqualTo(1);
    }

    @Test
    void anExpiredAgreementCountsForThePeriodsBeforeItsValidityEnded() {
        put(agreement("agr-3", "renap", "igss", "Acuerdo 5-2025", gt("2026-01-01T00:00"), gt("2026-11-20T12:00"),
                AgreementStatus.EXPIRED, gt("2026-11-21T00:01")));
        assertThat(inForce("igss", LocalDate.of(2026, 11, 20)).inForceCount()).as("expired at noon").isEqualTo(1);
        assertThat(inForce("igss", LocalDate.of(2026, 11, 21)).inForceCount()).isZero();
        assertThat(inForce("igss", NOV_23).inForceCount()).isZero();
    }

    @Test
    void anAgreementRevokedMidPeriodCountsForThatPeriodAndNotAfter() {
        Agreement approved = agreement("agr-4", "renap", "mineduc", "Decreto 90-2005", gt("2026-11-01T00:00"),
                gt("2027-11-01T00:00"), AgreementStatus.APPROVED, gt("2026-11-02T09:00"));
        put(approved);
        put(agreement("agr-4", "renap", "mineduc", "Decreto 90-2005", gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.REVOKED, gt("2026-11-23T12:00")));
        assertThat(inForce("renap", NOV_23).inForce()).containsExactly("agr-4");
        assertThat(inForce("mineduc", NOV_23).withLegalBasis()).containsExactly("agr-4");
        assertThat(inForce("renap", NOV_23.plusDays(1)).inForceCount()).isZero();
        assertThat(agreementStore.get("agr-4").approvedAt()).isEqualTo(gt("2026-11-02T09:00"));
    }

    @Test
    void anApprovedAgreementCountsFromItsApprovalNotFromAnEarlierValidFrom() {
        put(agreement("agr-5", "renap", "mineduc", "Decreto 90-2005", gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.REQUESTED, gt("2026-11-01T08:00")));
        assertThat(inForce("renap", NOV_23).inForceCount()).as("only requested").isZero();
        put(agreement("agr-5", "renap", "mineduc", "Decreto 90-2005", gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.APPROVED, gt("2026-11-22T15:00")));
        assertThat(inForce("renap", LocalDate.of(2026, 11, 21)).inForceCount()).isZero();
        assertThat(inForce("renap", LocalDate.of(2026, 11, 22)).inForceCount()).isEqualTo(1);
    }

    @Test
    void rejectedAgreementsAndOnesRevokedBeforeApprovalNeverCount() {
        put(agreement("agr-6", "renap", "mineduc", "Decreto 90-2005", gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.REJECTED, gt("2026-11-05T08:00")));
        Agreement withdrawn = new Agreement("agr-7", "renap", "mineduc", List.of(BIRTHS), "Decreto 90-2005", "x",
                gt("2026-11-01T00:00"), gt("2027-11-01T00:00"), AgreementStatus.REVOKED, false, "mineduc-admin", null,
                null, "mineduc-admin", "ya no", gt("2026-11-01T00:00"), gt("2026-11-30T08:00"));
        put(withdrawn);
        assertThat(inForce("renap", NOV_23).inForceCount()).isZero();
    }

    @Test
    void anAgreementWithoutLegalBasisIsInForceButNotCountedAsHavingOne() {
        put(agreement("agr-8", "renap", "mineduc", "   ", gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.APPROVED, gt("2026-11-01T00:00")));
        put(agreement("agr-9", "renap", "sat", null, gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.APPROVED, gt("2026-11-01T00:00")));
        put(agreement("agr-10", "igss", "renap", "Ley Orgánica del IGSS", gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.APPROVED, gt("2026-11-01T00:00")));
        AgreementsInForce renap = inForce("renap", NOV_23);
        assertThat(renap.inForce()).containsExactlyInAnyOrder("agr-8", "agr-9", "agr-10");
        assertThat(renap.withLegalBasis()).containsExactly("agr-10");
    }

    @Test
    void aTombstoneDeletesTheAgreement() {
        put(agreement("agr-11", "renap", "mineduc", "Decreto 90-2005", gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.APPROVED, gt("2026-11-01T00:00")));
        assertThat(inForce("renap", NOV_23).inForceCount()).isEqualTo(1);
        agreementsTopic.pipeInput("agr-11", (String) null, MONDAY);
        assertThat(agreementStore.get("agr-11")).isNull();
        assertThat(inForce("renap", NOV_23).inForceCount()).isZero();
    }

    @Test
    void aValueThatIsNotAnAgreementIsSkipped() {
        agreementsTopic.pipeInput("agr-12", "{not json", MONDAY);
        agreementsTopic.pipeInput("agr-13", "{\"id\":\"agr-13\"}", MONDAY);
        assertThat(spans()).isEmpty();
    }

    @Test
    void overSeveralPeriodsEachAgreementCountsOnce() {
        put(agreement("agr-14", "renap", "mineduc", "Decreto 90-2005", gt("2026-11-01T00:00"), gt("2027-11-01T00:00"),
                AgreementStatus.APPROVED, gt("2026-11-01T00:00")));
        put(agreement("agr-15", "renap", "igss", null, gt("2026-11-01T00:00"), gt("2026-11-23T00:00"),
                AgreementStatus.EXPIRED, gt("2026-11-23T00:00")));
        AgreementsInForce sum = inForce("renap", NOV_23.minusDays(1)).plus(inForce("renap", NOV_23));
        assertThat(sum.inForce()).containsExactlyInAnyOrder("agr-14", "agr-15");
        assertThat(sum.withLegalBasis()).containsExactly("agr-14");
        assertThat(sum.periodKey()).isEqualTo("*");
        assertThat(sum.periodStart()).isEqualTo(NOV_23.minusDays(1));

        Map<String, AgreementsInForce> totals = ObservedMetricsService.agreementTotalsByInstitution(spans(),
                List.of(NOV_23.minusDays(1), NOV_23), SETTINGS, null, null);
        assertThat(totals.get("renap").inForceCount()).isEqualTo(2);
        assertThat(totals.get("renap").withLegalBasisCount()).isEqualTo(1);
        assertThat(totals.get("igss").inForceCount()).isEqualTo(1);
        assertThat(ObservedMetricsService.agreementTotalsByInstitution(spans(), List.of(NOV_23.minusDays(1), NOV_23),
                SETTINGS, NOV_23, null).get("igss")).as("expired before the window").isNull();
    }

    @Test
    void weeksCountAnAgreementInForceOnAnyDayOfTheWeek() {
        put(agreement("agr-16", "renap", "mineduc", "Decreto 90-2005", gt("2026-11-25T00:00"), gt("2026-11-26T00:00"),
                AgreementStatus.EXPIRED, gt("2026-11-26T00:00")));
        MetricsSettings weeks = new MetricsSettings(Period.WEEK, GUATEMALA);
        AgreementsInForce week = AgreementsInForce.of(spans(), "renap", NOV_23, weeks);
        assertThat(week.periodKey()).isEqualTo("2026-W48");
        assertThat(week.inForceCount()).isEqualTo(1);
        assertThat(AgreementsInForce.of(spans(), "renap", NOV_23.plusWeeks(1), weeks).inForceCount()).isZero();
    }

    // ---------------------------------------------------------------- subscriptions

    private void sample(String group, String topic, Instant at) {
        samplesTopic.pipeInput(new TestRecord<>(SubscriptionSamples.key(group, topic).getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), at));
    }

    @Test
    void aGroupThatAdvancedOnATopicIsOneActiveSubscriptionOfTheTopicsInstitution() {
        sample("mineduc.enrolment", BIRTHS, MONDAY);
        sample("mineduc.enrolment", BIRTHS, MONDAY.plusSeconds(60)); // sampled again the same day
        PeriodMetrics renap = metrics.get("renap|2026-11-23");
        assertThat(renap.activeSubscriptions()).isEqualTo(1);
        assertThat(renap.subscriptions()).containsExactly("mineduc.enrolment@" + BIRTHS);
        assertThat(renap.accepted()).as("a sample is not an event").isZero();
        assertThat(metrics.get("mineduc|2026-11-23")).as("counted for the provider").isNull();
    }

    @Test
    void twoGroupsAndTwoTopicsAreDistinctSubscriptions() {
        sample("mineduc.enrolment", BIRTHS, MONDAY);
        sample("igss.affiliates", BIRTHS, MONDAY);
        sample("igss.affiliates", DEATHS, MONDAY);
        assertThat(metrics.get("renap|2026-11-23").activeSubscriptions()).isEqualTo(3);
    }

    @Test
    void aPeriodWithoutSamplesHasNoActiveSubscriptionsAndSumsUniteThePairs() {
        sample("mineduc.enrolment", BIRTHS, MONDAY);
        sample("igss.affiliates", BIRTHS, MONDAY);
        sample("mineduc.enrolment", BIRTHS, MONDAY.plusSeconds(86_400));
        // Nothing advanced on Wednesday: an event that day, no sample.
        RecordHeaders headers = new RecordHeaders();
        EventHeaders.builder().source("renap", "t").typeForTopic(BIRTHS).legalBasis("x")
                .classification(Classification.PUBLICA).channel(Channel.SDK).time(MONDAY).build().writeTo(headers);
        driver.createInputTopic(BIRTHS, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(null, new byte[] {1}, headers, MONDAY.plusSeconds(2 * 86_400)));

        PeriodMetrics monday = metrics.get("renap|2026-11-23");
        PeriodMetrics tuesday = metrics.get("renap|2026-11-24");
        PeriodMetrics wednesday = metrics.get("renap|2026-11-25");
        assertThat(monday.activeSubscriptions()).isEqualTo(2);
        assertThat(tuesday.activeSubscriptions()).isEqualTo(1);
        assertThat(wednesday.activeSubscriptions()).isZero();
        assertThat(wednesday.sdk()).isEqualTo(1);
        PeriodMetrics total = ObservedMetricsService.totalsByInstitution(List.of(monday, tuesday, wednesday), null, null)
                .get("renap");
        assertThat(total.activeSubscriptions()).as("mineduc's pair once, igss's once").isEqualTo(2);
        assertThat(ObservedMetricsService.totalsByInstitution(List.of(monday, tuesday, wednesday),
                NOV_23.plusDays(1), null).get("renap").activeSubscriptions()).isEqualTo(1);
    }

    @Test
    void aSampleWhoseKeyNamesNoDataTopicIsSkipped() {
        samplesTopic.pipeInput(new TestRecord<>("no-topic-here".getBytes(StandardCharsets.UTF_8), new byte[0],
                new RecordHeaders(), MONDAY));
        samplesTopic.pipeInput(new TestRecord<>(null, new byte[0], new RecordHeaders(), MONDAY));
        try (var it = metrics.all()) {
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void theEventCountingStaysInSubTopologyZeroWithItsStore() {
        TopologyDescription description = ObservedMetricsTopology.build(SETTINGS, (t, b) -> null).describe();
        TopologyDescription.Subtopology zero = description.subtopologies().stream().filter(s -> s.id() == 0)
                .findFirst().orElseThrow();
        assertThat(zero.nodes()).extracting(TopologyDescription.Node::name)
                .contains("bus-topics", "subscription-samples", "count");
        TopologyDescription.Subtopology one = description.subtopologies().stream().filter(s -> s.id() == 1)
                .findFirst().orElseThrow();
        assertThat(one.nodes()).extracting(TopologyDescription.Node::name).contains("survey-agreements", "agreements");
    }
}
