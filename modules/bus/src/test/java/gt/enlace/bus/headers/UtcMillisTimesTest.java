package gt.enlace.bus.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcMillisTimesTest {

    private final UtcMillisTimes times = new UtcMillisTimes(EventHeaders.TIME_WRITER);

    private static String written(long epochMilli) {
        return EventHeaders.TIME_WRITER.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMilli), ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 10L, 100L, 120L, 999L, 1_000L, 1_764_178_500_000L, 1_764_178_500_005L,
        1_764_178_500_050L, 1_764_178_500_500L, 1_764_178_500_123L, -1L, -999L, 253_402_300_799_999L})
    void writesWhatTheRfc3339WriterWritesIncludingTrailingZerosAndWholeSeconds(long epochMilli) {
        assertThat(times.format(epochMilli)).isEqualTo(written(epochMilli));
    }

    @Test
    void writesTheSameAsTheWriterForRandomInstantsAndConsecutiveMillisOfOneSecond() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long epochMilli = random.nextLong(0, 4_102_444_800_000L);
            assertThat(times.format(epochMilli)).isEqualTo(written(epochMilli));
        }
        for (long m = 1_764_178_499_990L; m < 1_764_178_501_010L; m++) {
            assertThat(times.format(m)).isEqualTo(written(m));
        }
    }

    @Test
    void aCachedSecondStillCarriesEachEventsOwnMilliseconds() {
        assertThat(times.format(1_764_178_500_001L)).isEqualTo("2025-11-26T17:35:00.001Z");
        assertThat(times.format(1_764_178_500_730L)).isEqualTo("2025-11-26T17:35:00.73Z");
        assertThat(times.format(1_764_178_501_000L)).isEqualTo("2025-11-26T17:35:01Z");
    }
}
