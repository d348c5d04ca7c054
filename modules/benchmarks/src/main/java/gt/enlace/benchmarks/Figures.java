package gt.enlace.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The statistics of one side of a row: median of the repetitions and their spread,
 * {@code (max − min) / median}.
 *
 * @param samples the figures, one per repetition, in measurement order
 * @param median  their median
 * @param min     the smallest
 * @param max     the largest
 */
public record Figures(List<Double> samples, double median, double min, double max) {

    /** @return the statistics of {@code samples}; {@code null} for an empty list */
    public static Figures of(List<Double> samples) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Figures(List.copyOf(samples), median, sorted.get(0), sorted.get(n - 1));
    }

    /** {@code (max − min) / median}, as a fraction (0.05 = 5%). */
    public double spread() {
        return median == 0 ? Double.POSITIVE_INFINITY : (max - min) / median;
    }

    /** E.g. {@code 1,234,567 ops/s (spread 3.1%)}, or {@code 5.83 s (1 repetition)} for a single figure. */
    public String describe(String unit) {
        return format(median) + " " + unit + (samples.size() == 1 ? " (1 repetition)" : " (spread " + percent(spread()) + ")");
    }

    /** Thousands-separated, with decimals only for small figures. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%,.2f", value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    /** {@code 0.031} → {@code 3.1%}. */
    public static String percent(double fraction) {
        return Double.isInfinite(fraction) ? "∞%" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
