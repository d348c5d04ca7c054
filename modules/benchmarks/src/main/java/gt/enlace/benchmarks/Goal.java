package gt.enlace.benchmarks;

import java.util.Locale;
import java.util.Objects;

/**
 * A speed goal from the issues: either relative to the baseline measured in the same run
 * ({@code ≥ 0.9× raw Avro}) or an absolute figure for Enlace ({@code ≥ 20,000 req/s}).
 *
 * @param kind      how {@code threshold} is compared
 * @param threshold the ratio (Enlace / baseline) or the absolute figure, in the row's unit
 * @param unit      the row's unit, for {@link #describe()}
 */
public record Goal(Kind kind, double threshold, String unit) {

    /** How a goal compares. Ratios are always Enlace divided by baseline. */
    public enum Kind {
        /** Enlace / baseline must be at least the threshold (throughput-like rows). */
        RATIO_AT_LEAST,
        /** Enlace / baseline must be at most the threshold (latency or overhead rows). */
        RATIO_AT_MOST,
        /** Enlace's figure must be at least the threshold. */
        AT_LEAST,
        /** Enlace's figure must be at most the threshold. */
        AT_MOST
    }

    public Goal {
        Objects.requireNonNull(kind, "'kind' cannot be null");
        Objects.requireNonNull(unit, "'unit' cannot be null");
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("'threshold' must be a positive number, was " + threshold);
        }
    }

    /** Enlace / baseline at least {@code ratio}. */
    public static Goal ratioAtLeast(double ratio, String unit) {
        return new Goal(Kind.RATIO_AT_LEAST, ratio, unit);
    }

    /** Enlace / baseline at most {@code ratio}. */
    public static Goal ratioAtMost(double ratio, String unit) {
        return new Goal(Kind.RATIO_AT_MOST, ratio, unit);
    }

    /** Enlace's figure at least {@code value}. */
    public static Goal atLeast(double value, String unit) {
        return new Goal(Kind.AT_LEAST, value, unit);
    }

    /** Enlace's figure at most {@code value}. */
    public static Goal atMost(double value, String unit) {
        return new Goal(Kind.AT_MOST, value, unit);
    }

    /** Whether the goal is a ratio to the baseline, so that the baseline's figures decide it too. */
    public boolean comparesWithBaseline() {
        return kind == Kind.RATIO_AT_LEAST || kind == Kind.RATIO_AT_MOST;
    }

    /**
     * @param enlace Enlace's median
     * @param ratio  Enlace's median / baseline's median ({@code NaN} when there is no baseline)
     * @return whether the goal holds for these figures
     */
    public boolean holds(double enlace, double ratio) {
        return switch (kind) {
            case RATIO_AT_LEAST -> ratio >= threshold;
            case RATIO_AT_MOST -> ratio <= threshold;
            case AT_LEAST -> enlace >= threshold;
            case AT_MOST -> enlace <= threshold;
        };
    }

    /** The goal as the table shows it, e.g. {@code ≥ 0.90× baseline} or {@code ≥ 20,000 req/s}. */
    public String describe() {
        return switch (kind) {
            case RATIO_AT_LEAST -> String.format(Locale.ROOT, "≥ %.2f× baseline", threshold);
            case RATIO_AT_MOST -> String.format(Locale.ROOT, "≤ %.2f× baseline", threshold);
            case AT_LEAST -> "≥ " + Figures.format(threshold) + " " + unit;
            case AT_MOST -> "≤ " + Figures.format(threshold) + " " + unit;
        };
    }
}
