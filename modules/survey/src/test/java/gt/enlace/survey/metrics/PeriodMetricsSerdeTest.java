package gt.enlace.survey.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import gt.enlace.bus.agreements.AgreementStatus;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The stored forms of the topology's state: what changelog topics written by earlier versions hold still reads. */
class PeriodMetricsSerdeTest {

    /**
     * {@code PeriodMetrics} as format 1 (before subscriptions) wrote it, captured from that version: renap,
     * 2026-11-23, sdk 3, gateway 2, csv-bridge 1, unknown 1, dead-lettered 1, 2 declarations of 45 records (paper 40,
     * email 5; all to mineduc), latency buckets 5 → 1 and 100 → 2.
     */
    static final String FORMAT_1 = "AQAFcmVuYXAACjIwMjYtMTEtMjMAAAAAAABRLAAAAAAAAAADAAAAAAAAAAIAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAQAAAAAAAAACAAAAAAAAAC0AAAACAAVlbWFpbAAAAAAAAAAFAAVwYXBlcgAAAAAAAAAoAAAAAQAHbWluZWR1YwAAAAAAAAAtAAAAAgABNQAAAAAAAAABAAMxMDAAAAAAAAAAAg==";

    private static PeriodMetrics sample(Set<String> subscriptions) {
        return new PeriodMetrics("renap", "2026-11-23", LocalDate.of(2026, 11, 23), 3, 2, 1, 0, 1, 1, 2, 45,
                new TreeMap<>(Map.of("paper", 40L, "email", 5L)), new TreeMap<>(Map.of("mineduc", 45L)),
                new TreeMap<>(Map.of(5, 1L, 100, 2L)), subscriptions);
    }

    @Test
    void stateWrittenInTheFormatBeforeSubscriptionsReadsWithNone() {
        byte[] old = Base64.getDecoder().decode(FORMAT_1);
        assertThat(old[0]).isEqualTo(PeriodMetricsSerde.FORMAT_WITHOUT_SUBSCRIPTIONS);
        PeriodMetrics read = new PeriodMetricsSerde().deserializer().deserialize("changelog", old);
        assertThat(read).isEqualTo(sample(Set.of()));
        assertThat(read.activeSubscriptions()).isZero();
        assertThat(read.medianLatencyMillis()).as("bucket 100 starts at 640 ms").contains(640L);
        // Counting on from old state writes the new format.
        PeriodMetrics more = read.withSubscription("mineduc.enrolment@gt.renap.birth-registered.v1");
        byte[] written = PeriodMetricsSerde.write(more);
        assertThat(written[0]).isEqualTo(PeriodMetricsSerde.FORMAT).isEqualTo((byte) 2);
        assertThat(PeriodMetricsSerde.read(written)).isEqualTo(more);
    }

    @Test
    void subscriptionsRoundTripInOrderWhateverTheirCharacters() {
        PeriodMetrics ascii = sample(Set.of("b.group@gt.renap.birth-registered.v1", "a.group@gt.renap.birth-registered.v1"));
        byte[] written = PeriodMetricsSerde.write(ascii);
        assertThat(written).isEqualTo(PeriodMetricsSerde.writeWithStreams(ascii));
        assertThat(PeriodMetricsSerde.read(written)).isEqualTo(ascii);
        assertThat(PeriodMetricsSerde.read(written).sortedSubscriptions()).containsExactly(
                "a.group@gt.renap.birth-registered.v1", "b.group@gt.renap.birth-registered.v1");
        PeriodMetrics accented = sample(Set.of("educación@gt.renap.birth-registered.v1"));
        assertThat(PeriodMetricsSerde.read(PeriodMetricsSerde.write(accented))).isEqualTo(accented);
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheFormatsRead() {
        byte[] future = Base64.getDecoder().decode(FORMAT_1);
        future[0] = 9;
        assertThatThrownBy(() -> PeriodMetricsSerde.read(future)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("format 9").hasMessageContaining("1 and 2");
    }

    @Test
    void agreementSpansRoundTrip() {
        AgreementSpan span = new AgreementSpan("agr-1", "renap", "mineduc", true, AgreementStatus.REVOKED,
                Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-23T18:00:00.123456789Z"),
                Instant.parse("2026-11-01T06:00:00Z"));
        assertThat(AgreementSpanSerde.read(AgreementSpanSerde.write(span))).isEqualTo(span);
        AgreementSpan never = new AgreementSpan("agr-2", "renap", "sat", false, AgreementStatus.REQUESTED, null, null,
                null);
        assertThat(AgreementSpanSerde.read(AgreementSpanSerde.write(never))).isEqualTo(never);
    }
}
