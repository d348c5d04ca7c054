package gt.enlace.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link BenchmarkRow} measured: one figure per repetition for each side, in the row's unit, plus
 * free-form details that go into {@code bench-results.json} (record size, HTTP client used, error counts…).
 *
 * @param enlace   one figure per repetition for Enlace
 * @param baseline one figure per repetition for the baseline (may be empty for a row without one)
 * @param details  extra facts about the measurement, in insertion order
 */
public record RowResult(List<Double> enlace, List<Double> baseline, Map<String, Object> details) {

    public RowResult {
        Objects.requireNonNull(enlace, "'enlace' cannot be null");
        Objects.requireNonNull(baseline, "'baseline' cannot be null");
        if (enlace.isEmpty()) {
            throw new IllegalArgumentException("a row must measure Enlace at least once");
        }
        enlace = List.copyOf(enlace);
        baseline = List.copyOf(baseline);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
