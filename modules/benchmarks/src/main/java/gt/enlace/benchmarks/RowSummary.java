package gt.enlace.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A measured (or failed) row with its verdict, as the table, the JSON and the Markdown show it.
 *
 * <p>The verdict is {@code yes} or {@code no} only when the figures it rests on are steady: if their spread is
 * above {@link #MAX_SPREAD} the verdict is {@code spread too high (x%)} instead, because a median of wildly
 * different repetitions proves nothing. A ratio goal rests on both sides; an absolute goal (requests per
 * second, milliseconds) rests on Enlace's figures alone, and its baseline is printed for context only.
 *
 * @param id       the row's id
 * @param title    the row's title
 * @param unit     the row's unit
 * @param goal     the row's goal
 * @param baselineName what the baseline is
 * @param enlace   Enlace's figures, {@code null} when the row failed
 * @param baseline the baseline's figures, {@code null} when the row failed or has no baseline
 * @param details  the row's details
 * @param error    why the row failed, {@code null} when it was measured
 * @param elapsed  how long the row took
 */
public record RowSummary(String id, String title, String unit, Goal goal, String baselineName, Figures enlace,
                         Figures baseline, Map<String, Object> details, String error, Duration elapsed) {

    /** Largest spread, (max − min) / median, for which a row may claim a verdict. */
    public static final double MAX_SPREAD = 0.20;

    /** Summarises a measured row. */
    public static RowSummary measured(BenchmarkRow row, RowResult result, Duration elapsed) {
        return new RowSummary(row.id(), row.title(), row.unit(), row.goal(), row.baseline(), Figures.of(result.enlace()),
            Figures.of(result.baseline()), result.details(), null, elapsed);
    }

    /** Summarises a row that could not be measured. */
    public static RowSummary failed(BenchmarkRow row, Throwable error, Duration elapsed) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName()
            : error.getClass().getSimpleName() + ": " + error.getMessage();
        return new RowSummary(row.id(), row.title(), row.unit(), row.goal(), row.baseline(), null, null, Map.of(),
            message, elapsed);
    }

    /** Enlace's median / baseline's median; {@code NaN} without both. */
    public double ratio() {
        if (enlace == null || baseline == null || baseline.median() == 0) {
            return Double.NaN;
        }
        return enlace.median() / baseline.median();
    }

    /** The larger spread of the sides the verdict rests on ({@code 0} for a failed row). */
    public double worstSpread() {
        double worst = 0;
        if (enlace != null) {
            worst = Math.max(worst, enlace.spread());
        }
        if (baseline != null && goal.comparesWithBaseline()) {
            worst = Math.max(worst, baseline.spread());
        }
        return worst;
    }

    /** Whether the spread of a side the verdict rests on is above {@link #MAX_SPREAD}. */
    public boolean spreadTooHigh() {
        return worstSpread() > MAX_SPREAD;
    }

    /** {@code true}/{@code false} when the row claims a result; {@code null} when it failed or was too noisy. */
    public Boolean goalHolds() {
        if (error != null || enlace == null || spreadTooHigh()) {
            return null;
        }
        if (goal.comparesWithBaseline() && baseline == null) {
            return null;
        }
        return goal.holds(enlace.median(), ratio());
    }

    /** {@code yes}, {@code no}, {@code spread too high (x%)} or {@code failed: …}. */
    public String verdict() {
        if (error != null) {
            return "failed: " + error;
        }
        if (spreadTooHigh()) {
            return "spread too high (" + Figures.percent(worstSpread()) + ")";
        }
        Boolean holds = goalHolds();
        return holds == null ? "no baseline" : holds ? "yes" : "no";
    }

    /** Enlace's figure for the table. */
    public String enlaceText() {
        return enlace == null ? "—" : enlace.describe(unit);
    }

    /** The baseline's figure for the table, with what it is. */
    public String baselineText() {
        return baseline == null ? "—" : baseline.describe(unit) + " — " + baselineName;
    }

    /** The ratio for the table, e.g. {@code 0.97×}. */
    public String ratioText() {
        double ratio = ratio();
        return Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
