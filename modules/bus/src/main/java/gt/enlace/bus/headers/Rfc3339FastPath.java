package gt.enlace.bus.headers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads {@code ce_time} in the shapes Enlace and CloudEvents producers write, without a {@link
 * java.time.format.DateTimeFormatter}: {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, then
 * {@code Z} or {@code ±HH:MM} ({@code T} and {@code Z} in either case, as the formatter of {@link EventHeaders}
 * accepts them). On a consumer that formatter was about a third of the cost of reading an event's headers.
 *
 * <p>It answers only for values it is sure the formatter accepts, and then with what the formatter gives; for
 * anything else (another shape, a year beyond 9999, a day the month does not have, hour 24, second 60, an offset
 * beyond ±18:00) it answers null, and the caller asks the formatter, which gives the result or the error it always
 * gave. {@code Rfc3339FastPathTest} compares both on generated values.
 */
final class Rfc3339FastPath {

    private static final int DATE_TIME_LENGTH = 19; // yyyy-MM-ddTHH:mm:ss
    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
        10, 1};

    private Rfc3339FastPath() {
    }

    /**
     * @param text the header value's bytes, UTF-8
     * @return the time, or null when the value is not in the fast path's shape or not certainly valid
     */
    static OffsetDateTime parse(byte[] text) {
        int length = text.length;
        if (length < DATE_TIME_LENGTH + 1 || length > DATE_TIME_LENGTH + 10 + 6) {
            return null;
        }
        if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':'
                || text[16] != ':') {
            return null;
        }
        int year = digits4(text, 0);
        int month = digits2(text, 5);
        int day = digits2(text, 8);
        int hour = digits2(text, 11);
        int minute = digits2(text, 14);
        int second = digits2(text, 17);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        int position = DATE_TIME_LENGTH;
        int nanos = 0;
        if (text[position] == '.') {
            int start = ++position;
            while (position < length && position - start < 9) {
                int digit = text[position] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                nanos = nanos * 10 + digit;
                position++;
            }
            int count = position - start;
            if (count == 0) {
                return null;
            }
            nanos *= NANOS_PER_DIGIT[count];
        }
        ZoneOffset offset = offset(text, position);
        if (offset == null) {
            return null;
        }
        return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    }

    /** {@code Z} or {@code ±HH:MM} up to ±18:00 from {@code position} to the end, or null. */
    private static ZoneOffset offset(byte[] text, int position) {
        int rest = text.length - position;
        if (rest == 1) {
            byte z = text[position];
            return z == 'Z' || z == 'z' ? ZoneOffset.UTC : null;
        }
        if (rest != 6 || text[position + 3] != ':') {
            return null;
        }
        byte sign = text[position];
        if (sign != '+' && sign != '-') {
            return null;
        }
        int hours = digits2(text, position + 1);
        int minutes = digits2(text, position + 4);
        if (hours < 0 || minutes < 0 || minutes > 59) {
            return null;
        }
        int seconds = hours * 3600 + minutes * 60;
        if (seconds > 18 * 3600) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
    }

    private static int monthLength(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** The two ASCII digits at {@code at} as a number, or a negative number if either is not a digit. */
    private static int digits2(byte[] text, int at) {
        int tens = text[at] - '0';
        int units = text[at + 1] - '0';
        if (tens < 0 || tens > 9 || units < 0 || units > 9) {
            return -1;
        }
        return tens * 10 + units;
    }

    private static int digits4(byte[] text, int at) {
        int high = digits2(text, at);
        int low = digits2(text, at + 2);
        return high < 0 || low < 0 ? -1 : high * 100 + low;
    }
}
