package gt.enlace.survey.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The topology's per-event shortcuts give the answers of the slow, obvious code they replace: {@code ce_time} read
 * without a formatter, and the store format written without streams.
 */
class MetricsFastPathsTest {

    /** What the processor answered before the shortcut: {@link OffsetDateTime#parse}, or no latency. */
    private static Long slow(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long fast(String text) {
        return MetricsProcessor.epochMillis(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ceTimeInTheFormTheBusWritesIsReadWithoutAFormatter() {
        for (String text : List.of("2026-11-23T16:00:00Z", "2026-11-23T16:00:00.1Z", "2026-11-23T16:00:00.123Z",
                "2026-11-23T16:00:00.123456789Z", "2026-11-23T10:00:00.5-06:00", "2026-11-23T23:59:59.999+05:30",
                "1969-12-31T23:59:59.999Z", "2024-02-29T00:00:00Z", "0001-01-01T00:00:00Z")) {
            assertThat(fast(text)).as(text).isNotEqualTo(Long.MIN_VALUE).isEqualTo(slow(text));
        }
    }

    @Test
    void ceTimeOutsideThatFormIsLeftToTheFullParser() {
        for (String text : List.of("", "2026-11-23", "2026-11-23T16:00Z", "2026-11-23T16:00:00", "2026-11-23t16:00:00Z",
                "2026-11-23T16:00:00z", "2026-11-23T16:00:00.Z", "2026-11-23T16:00:00.1234567890Z",
                "2026-02-30T16:00:00Z", "2026-13-01T16:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T23:60:00Z",
                "2026-11-23T23:59:60Z", "2026-11-23T16:00:00-00:00", "2026-11-23T16:00:00+18:00",
                "2026-11-23T16:00:00+05:60", "2026-11-23T16:00:00+0530", "2026-11-23T16:00:00+05:30:00",
                "+2026-11-23T16:00:00Z", "2026-11-23T16:00:00Zjunk", "२०२६-11-23T16:00:00Z")) {
            assertThat(fast(text)).as(text).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void ceTimeFromRandomInstantsAndOffsetsReadsAsTheFullParserReadsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L),
                    random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(60 * random.nextInt(-17 * 60, 17 * 60));
            String text = OffsetDateTime.ofInstant(instant, offset).toString();
            long fast = fast(text);
            assertThat(fast == Long.MIN_VALUE ? null : fast).as(text).isEqualTo(slow(text));
        }
    }

    @Test
    void theStoreFormatIsTheBytesDataOutputStreamWrites() {
        PeriodMetrics ascii = new PeriodMetrics("renap", "2026-11-23", LocalDate.of(2026, 11, 23), 1, 2, 3, 4, 5, 6, 7,
                8, new TreeMap<>(Map.of("paper", 3L, "email", 1L)), new TreeMap<>(Map.of("mineduc", 4L)),
                new TreeMap<>(Map.of(0, 1L, 17, 2L, 130, 9L, -1, 1L)));
        PeriodMetrics empty = PeriodMetrics.empty("sat", "2026-W48", LocalDate.of(2026, 11, 23));
        PeriodMetrics accented = new PeriodMetrics("renap", "2026-11", LocalDate.of(2026, 11, 1), 0, 0, 0, 0, 0, 0, 1,
                40, new TreeMap<>(Map.of("paper", 40L)), new TreeMap<>(Map.of("Educación", 40L)), new TreeMap<>());
        for (PeriodMetrics m : List.of(ascii, empty, accented)) {
            byte[] written = PeriodMetricsSerde.write(m);
            assertThat(written).isEqualTo(PeriodMetricsSerde.writeWithStreams(m));
            assertThat(PeriodMetricsSerde.read(written)).isEqualTo(m);
        }
    }

    @Test
    void aLatencyAddedThroughTheViewGivesTheHistogramAMergeGives() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            TreeMap<Integer, Long> base = new TreeMap<>();
            for (int k = random.nextInt(6); k > 0; k--) {
                base.put(random.nextInt(40), 1L + random.nextInt(5));
            }
            int bucket = random.nextInt(40);
            TreeMap<Integer, Long> merged = new TreeMap<>(base);
            merged.merge(bucket, 1L, Long::sum);
            MetricsProcessor.PlusOne view = new MetricsProcessor.PlusOne(base, bucket);
            assertThat(new TreeMap<>(view)).isEqualTo(merged);
            assertThat(view.size()).isEqualTo(merged.size());
            assertThat(view.firstKey()).isEqualTo(merged.firstKey());
            assertThat(view.lastKey()).isEqualTo(merged.lastKey());
            assertThat(view.headMap(20)).isEqualTo(merged.headMap(20));
            assertThat(view.tailMap(20)).isEqualTo(merged.tailMap(20));
        }
    }
}
