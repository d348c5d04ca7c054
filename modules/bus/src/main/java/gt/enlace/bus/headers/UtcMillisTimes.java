package gt.enlace.bus.headers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes the default {@code ce_time}, now in UTC to the millisecond, exactly as the RFC 3339 writer of
 * {@link EventHeaders} does ({@code 2026-11-26T17:35:00.12Z}: fraction without trailing zeros, none for a whole
 * second), but formats the date and time of day once per second instead of once per event.
 */
final class UtcMillisTimes {

    private final DateTimeFormatter writer;
    private volatile Second last;

    /** @param writer the RFC 3339 writer; only whole UTC seconds are formatted with it */
    UtcMillisTimes(DateTimeFormatter writer) {
        this.writer = writer;
    }

    private record Second(long epochSecond, String prefix) {
    }

    /** The text of {@code epochMilli}: what the writer gives for that instant at offset {@code Z}. */
    String format(long epochMilli) {
        long epochSecond = Math.floorDiv(epochMilli, 1000L);
        int millis = (int) Math.floorMod(epochMilli, 1000L);
        Second second = last;
        if (second == null || second.epochSecond != epochSecond) {
            String whole = writer.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
            if (!whole.endsWith("Z")) {
                throw new IllegalStateException("the RFC 3339 writer wrote UTC without Z: " + whole);
            }
            second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
            last = second;
        }
        if (millis == 0) {
            return second.prefix + 'Z';
        }
        StringBuilder text = new StringBuilder(second.prefix.length() + 5).append(second.prefix).append('.');
        int digits = 3;
        int value = millis;
        while (value % 10 == 0) {
            value /= 10;
            digits--;
        }
        if (digits >= 1) {
            text.append((char) ('0' + millis / 100));
        }
        if (digits >= 2) {
            text.append((char) ('0' + millis / 10 % 10));
        }
        if (digits == 3) {
            text.append((char) ('0' + millis % 10));
        }
        return text.append('Z').toString();
    }
}
