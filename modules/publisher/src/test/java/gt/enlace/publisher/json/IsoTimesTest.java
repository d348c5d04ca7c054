package gt.enlace.publisher.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast ISO parsers agree with java.time's on every input they accept, and leave the rest to java.time. */
class IsoTimesTest {

    @Test
    void datesTheFastPathAcceptsAreTheDatesJavaTimeParsesAndInvalidOnesFallThrough() {
        for (String s : List.of("2026-11-20", "2024-02-29", "0001-01-01", "9999-12-31")) {
            assertThat(IsoTimes.date(s)).as(s).isEqualTo(LocalDate.parse(s));
        }
        for (String s : List.of("2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "20/11/2026",
            "2026-11-2x", "+2026-11-20", "")) {
            assertThat(IsoTimes.date(s)).as(s).isNull();
        }
    }

    @Test
    void timesOfDayAgreeWithJavaTimeAndOutOfRangeOnesFallThrough() {
        for (String s : List.of("00:00", "14:35", "23:59:59", "07:05:09")) {
            assertThat(IsoTimes.time(s)).as(s).isEqualTo(LocalTime.parse(s));
        }
        for (String s : List.of("24:00", "12:60", "12:30:60", "1:30", "12:30:00.5", "12-30")) {
            assertThat(IsoTimes.time(s)).as(s).isNull();
        }
    }

    @Test
    void timestampsWithOffsetsAgreeWithJavaTimeAndOtherFormsFallThrough() {
        for (String s : List.of("2026-11-20T14:35:00-06:00", "2026-11-20T14:35:00Z", "2026-11-20T14:35:00.1+05:30",
            "2026-11-20T14:35:00.123456789-06:00", "2026-11-20T23:59:59.999Z", "2026-11-20T00:00:00+14:00")) {
            assertThat(IsoTimes.offsetDateTime(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
        for (String s : List.of("2026-11-20T14:35-06:00", "2026-11-20t14:35:00Z", "2026-11-20T14:35:00", "2026-11-20T14:35:00+19:00",
            "2026-11-20T14:35:00.Z", "2026-11-20T14:35:00.1234567891Z", "2026-11-20T25:35:00Z", "2026-11-20 14:35:00Z",
            "2026-11-20T14:35:00-06:60")) {
            assertThat(IsoTimes.offsetDateTime(s)).as(s).isNull();
        }
        // what falls through is still parsed (or refused) by java.time, e.g. minutes-only times
        assertThat(OffsetDateTime.parse("2026-11-20T14:35-06:00")).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OffsetDateTime.parse("2026-11-20T14:35:00+19:00"))
            .isInstanceOf(DateTimeParseException.class);
    }
}
