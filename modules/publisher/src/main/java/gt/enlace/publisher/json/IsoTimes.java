package gt.enlace.publisher.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Allocation-light parsing of the ISO-8601 forms that nearly every event carries ({@code 2026-11-20},
 * {@code 14:35:00}, {@code 2026-11-20T14:35:00.123-06:00}), which {@code DateTimeFormatter} makes the largest single
 * cost of mapping a row or a JSON event. Each method returns {@code null} for anything else (other forms, lower-case
 * {@code t}, out-of-range values), and the caller then parses with {@code java.time}'s own parsers, which decide and
 * word the error: the fast path accepts nothing those parsers reject.
 */
final class IsoTimes {

    private IsoTimes() {
    }

    /** {@code yyyy-MM-dd}, or null. */
    static LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code HH:mm} or {@code HH:mm:ss}, or null. */
    static LocalTime time(String s) {
        if (s.length() != 5 && s.length() != 8 || s.charAt(2) != ':' || s.length() == 8 && s.charAt(5) != ':') {
            return null;
        }
        int hour = digits(s, 0, 2);
        int minute = digits(s, 3, 5);
        int second = s.length() == 8 ? digits(s, 6, 8) : 0;
        if (hour < 0 || minute < 0 || second < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalTime.of(hour, minute, second);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]} then {@code Z} or {@code ±HH:mm}, as an instant, or null. */
    static Instant offsetDateTime(String s) {
        if (s.length() < 20 || s.charAt(10) != 'T') {
            return null;
        }
        LocalDate date = date(s.substring(0, 10));
        LocalTime time = time(s.substring(11, 19));
        if (date == null || time == null) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(s, start, i);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        int rest = s.length() - i;
        if (rest == 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (rest == 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, i + 3);
            int minutes = digits(s, i + 4, i + 6);
            if (hours < 0 || minutes < 0 || minutes > 59) {
                return null;
            }
            try {
                offset = s.charAt(i) == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes) : ZoneOffset.ofHoursMinutes(hours, minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        return OffsetDateTime.of(date, time.withNano(nanos), offset).toInstant();
    }

    /** The non-negative number in {@code s[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
