package gt.enlace.benchmarks.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.Figures;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;

/**
 * Runs a row's two sides for {@link gt.enlace.benchmarks.RunSettings#repetitions()} repetitions, back to back,
 * alternating which side goes first, after one warm-up of each side, and prints a progress line per measurement.
 */
public final class Repetitions {

    /** Measures one side once; returns the figure in the row's unit. */
    @FunctionalInterface
    public interface Side {
        double measure(int repetition) throws Exception;
    }

    private Repetitions() {
    }

    /**
     * @param context           the run
     * @param rowId             for progress lines
     * @param unit              for progress lines
     * @param enlace            Enlace's side
     * @param baseline          the baseline's side
     * @param details           extra details for the result (may be mutated by the sides before this returns)
     * @param warmUp            whether to run each side once, unmeasured, first
     * @param baselineIsContext whether the row's goal is absolute, so the baseline is context only: measured once, in
     *                          the first repetition, when the run says so ({@link RunSettings#baselineRepetitions})
     * @return the figures
     */
    public static RowResult alternate(BenchmarkContext context, String rowId, String unit, Side enlace, Side baseline,
                                      Map<String, Object> details, boolean warmUp, boolean baselineIsContext)
        throws Exception {
        if (warmUp) {
            context.progress("%s: warming up both sides", rowId);
            enlace.measure(0);
            baseline.measure(0);
        }
        List<Double> enlaceFigures = new ArrayList<>();
        List<Double> baselineFigures = new ArrayList<>();
        RunSettings settings = context.settings();
        int repetitions = settings.repetitions();
        int baselineRepetitions = settings.baselineRepetitions(baselineIsContext);
        for (int rep = 1; rep <= repetitions; rep++) {
            boolean baselineFirst = rep % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean isBaseline = (side == 0) == baselineFirst;
                if (isBaseline && rep > baselineRepetitions) {
                    continue;
                }
                double figure = (isBaseline ? baseline : enlace).measure(rep);
                (isBaseline ? baselineFigures : enlaceFigures).add(figure);
                context.progress("%s: repetition %d/%d, %s %s %s", rowId, rep, isBaseline ? baselineRepetitions : repetitions,
                    isBaseline ? "baseline" : "Enlace", Figures.format(figure), unit);
            }
        }
        return new RowResult(enlaceFigures, baselineFigures, details);
    }
}
