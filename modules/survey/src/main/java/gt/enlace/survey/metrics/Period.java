package gt.enlace.survey.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How long one period of observed metrics is. Periods follow the calendar of the configured zone
 * (Guatemala's by default).
 */
public enum Period {

    /** A calendar day; key {@code 2026-11-23}. */
    DAY,
    /** An ISO week, Monday to Sunday; key {@code 2026-W48}. */
    WEEK,
    /** A calendar month; key {@code 2026-11}. */
    MONTH;

    /** The first day of the period that holds {@code date}. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The readable key of the period that holds {@code date}. */
    public String key(LocalDate date) {
        return switch (this) {
            case DAY -> date.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                    date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> date.toString().substring(0, 7);
        };
    }

    /** The period named {@code name}, case-insensitive ({@code day}, {@code week}, {@code month}). */
    public static Period parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a period; expected day, week or month", e);
        }
    }
}
