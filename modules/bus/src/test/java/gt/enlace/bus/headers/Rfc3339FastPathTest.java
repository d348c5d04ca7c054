package gt.enlace.bus.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path must give, for every value it answers, what the formatter gives, and must leave to the formatter
 * (answer null) every value the formatter rejects, so that {@link EventHeaders#parse} keeps its results and errors.
 */
class Rfc3339FastPathTest {

    private static final String[] OFFSETS = {"Z", "z", "+00:00", "-00:00", "-06:00", "+05:30", "+05:45", "-09:30",
        "+14:00", "-12:00", "+18:00", "-18:00", "+17:59", "+18:01", "-18:30", "+19:00", "+23:59", "+24:00", "+05:60",
        "+0600", "+06", "+6:00", "06:00", "UTC", "Z ", "ZZ", "+06:00Z", "Z\n", "+06:00:00"};

    private static final String[] DATES = {"2025-03-01", "2024-02-29", "2025-02-29", "2000-02-29", "1900-02-29",
        "2100-02-29", "2400-02-29", "0000-02-29", "0004-02-29", "0001-01-01", "9999-12-31", "2025-04-30", "2025-04-31",
        "2025-06-31", "2025-09-31", "2025-11-31", "2025-01-31", "2025-02-28", "2025-12-31", "2025-00-10",
        "2025-13-01", "2025-01-00", "2025-01-32", "2025-99-99", "+2025-03-01", "-2025-03-01", "+12025-03-01",
        "12025-03-01", "2025-3-01", "2025-03-1", "2025/03/01", "202a-03-01", "2025-03-01 "};

    private static final String[] TIMES = {"00:00:00", "12:34:56", "23:59:59", "24:00:00", "23:60:00", "23:59:60",
        "25:00:00", "99:99:99", "12:34", "12:34:5", "1:34:56", "12:34:56:00", "12-34-56", "12:3a:56"};

    private static final String[] FRACTIONS = {"", ".", ".1", ".12", ".123", ".1234", ".12345", ".123456", ".1234567",
        ".12345678", ".123456789", ".1234567891", ".000000000", ".000000001", ".999999999", ",5", ".5 ", ".-5",
        ".1a"};

    @Test
    void givesWhatTheFormatterGivesForEveryCombinationOfDateTimeFractionAndOffset() {
        Set<String> values = new LinkedHashSet<>();
        for (String date : DATES) {
            for (String time : TIMES) {
                for (String t : new String[] {"T", "t"}) {
                    values.add(date + t + time + ".5Z");
                }
            }
            for (String fraction : FRACTIONS) {
                for (String offset : OFFSETS) {
                    values.add(date + "T12:34:56" + fraction + offset);
                }
            }
        }
        for (String t : new String[] {"T", "t", " ", "_"}) {
            for (String fraction : FRACTIONS) {
                for (String offset : OFFSETS) {
                    values.add("2025-03-01" + t + "23:59:59" + fraction + offset);
                }
            }
        }
        assertSameAsTheFormatter(values);
    }

    @Test
    void givesWhatTheFormatterGivesForRandomDigitsInEveryField() {
        Random random = new Random(20261127L);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                    random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(26),
                    random.nextInt(62), random.nextInt(62)));
            int digits = random.nextInt(11);
            if (digits > 0) {
                value.append('.');
                for (int d = 0; d < digits; d++) {
                    value.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(3) == 0) {
                value.append('Z');
            } else {
                value.append(random.nextBoolean() ? '+' : '-')
                        .append(String.format("%02d:%02d", random.nextInt(20), random.nextInt(61)));
            }
            values.add(value.toString());
        }
        assertSameAsTheFormatter(values);
    }

    @Test
    void answersForEveryFractionLengthWithZAndOffsets() {
        for (int digits = 0; digits <= 9; digits++) {
            String fraction = digits == 0 ? "" : "." + "123456789".substring(0, digits);
            for (String offset : new String[] {"Z", "z", "+00:00", "-06:00", "+05:30", "-00:00", "+18:00"}) {
                for (String t : new String[] {"T", "t"}) {
                    String value = "2025-03-01" + t + "12:34:56" + fraction + offset;
                    OffsetDateTime fast = Rfc3339FastPath.parse(bytes(value));
                    assertThat(fast).as(value).isNotNull().isEqualTo(OffsetDateTime.parse(value, EventHeaders.TIME_PARSER));
                }
            }
        }
        assertThat(Rfc3339FastPath.parse(bytes("2025-03-01T12:34:56.789Z")))
                .isEqualTo(OffsetDateTime.of(2025, 3, 1, 12, 34, 56, 789_000_000, ZoneOffset.UTC));
        assertThat(Rfc3339FastPath.parse(bytes("2026-11-26T11:35:00.000000001-06:00")))
                .isEqualTo(OffsetDateTime.of(2026, 11, 26, 11, 35, 0, 1, ZoneOffset.ofHours(-6)));
    }

    @Test
    void answersForWhatThePublisherWrites() {
        UtcMillisTimes writer = new UtcMillisTimes(EventHeaders.TIME_WRITER);
        Random random = new Random(7L);
        for (int i = 0; i < 10_000; i++) {
            long epochMilli = random.nextLong() % 253_402_300_799_000L; // up to 9999-12-31
            String value = writer.format(Math.abs(epochMilli));
            assertThat(Rfc3339FastPath.parse(bytes(value))).as(value)
                    .isNotNull().isEqualTo(OffsetDateTime.parse(value, EventHeaders.TIME_PARSER));
        }
    }

    @Test
    void acceptsTheLeapDayOnlyInLeapYears() {
        assertThat(Rfc3339FastPath.parse(bytes("2024-02-29T00:00:00Z"))).isNotNull();
        assertThat(Rfc3339FastPath.parse(bytes("2000-02-29T00:00:00Z"))).isNotNull();
        assertThat(Rfc3339FastPath.parse(bytes("2025-02-29T00:00:00Z"))).isNull();
        assertThat(Rfc3339FastPath.parse(bytes("1900-02-29T00:00:00Z"))).isNull();
        assertRejectedAsBefore("2025-02-29T00:00:00Z");
        assertRejectedAsBefore("1900-02-29T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-13-01T12:00:00Z", "2025-00-01T12:00:00Z", "2025-04-31T12:00:00Z",
        "2025-01-32T12:00:00Z", "2025-01-00T12:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T12:60:00Z",
        "2025-01-01T12:00:60Z", "2025-01-01T12:00:00Zjunk", "2025-01-01T12:00:00+06:00 ", "2025-01-01T12:00:00.Z",
        "2025-01-01T12:00:00.1234567891Z", "2025-01-01T12:00:00+19:00", "2025-01-01T12:00:00+05:60",
        "2025-01-01T12:00:00+0600", "2025-01-01T12:00:00", "2025-01-01 12:00:00Z", "2025-01-01T12:00Z",
        "２０２５-01-01T12:00:00Z"})
    void leavesWhatTheFormatterRejectsToItAndParseRejectsItAsBefore(String value) {
        assertThat(Rfc3339FastPath.parse(bytes(value))).isNull();
        assertRejectedAsBefore(value);
    }

    private static void assertSameAsTheFormatter(Iterable<String> values) {
        int answered = 0;
        int rejected = 0;
        for (String value : values) {
            OffsetDateTime expected;
            try {
                expected = OffsetDateTime.parse(value, EventHeaders.TIME_PARSER);
            } catch (DateTimeParseException e) {
                expected = null;
            }
            OffsetDateTime fast = Rfc3339FastPath.parse(bytes(value));
            if (expected == null) {
                assertThat(fast).as("the formatter rejects %s", value).isNull();
                rejected++;
            } else {
                if (fast != null) {
                    assertThat(fast).as(value).isEqualTo(expected);
                    assertThat(fast.getOffset()).as(value).isEqualTo(expected.getOffset());
                    answered++;
                }
            }
        }
        // The generated values exercise both sides.
        assertThat(answered).isPositive();
        assertThat(rejected).isPositive();
    }

    private static void assertRejectedAsBefore(String value) {
        Headers headers = new RecordHeaders();
        EventHeaders.builder().source("/gt/sat/rtu").type("gt.sat.taxpayer-registered")
                .legalBasis("Decreto 6-91").classification(gt.enlace.schemas.catalog.Classification.PUBLICA)
                .channel(Channel.SDK).build().writeTo(headers);
        headers.remove(HeaderNames.TIME);
        headers.add(HeaderNames.TIME, bytes(value));
        assertThatThrownBy(() -> OffsetDateTime.parse(value, EventHeaders.TIME_PARSER))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventHeaders.parse(headers))
                .isInstanceOfSatisfying(InvalidHeadersException.class, e -> {
                    assertThat(e.error()).isEqualTo(HeaderError.MALFORMED_TIME);
                    assertThat(e.header()).isEqualTo(HeaderNames.TIME);
                    assertThat(e.reason()).isEqualTo(
                            "expected an RFC 3339 timestamp such as 2026-11-26T11:35:00-06:00 but got '" + value + "'");
                });
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
