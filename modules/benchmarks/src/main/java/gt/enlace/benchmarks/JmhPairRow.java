package gt.enlace.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A row made of two JMH benchmark methods of one class, Enlace's and the baseline's, measured in
 * throughput mode (operations per second). Each repetition runs both methods, each in a fresh forked JVM
 * (with the class's {@code @Fork(jvmArgsAppend = …)}), alternating which goes first; the repetition's
 * figure is JMH's score, the mean of its measured iterations. Without forks (quick and smoke runs) both methods
 * run once, unmeasured, in this JVM first.
 */
public class JmhPairRow implements BenchmarkRow {

    private final String id;
    private final String title;
    private final String baselineName;
    private final Goal goal;
    private final Class<?> benchmarkClass;
    private final String enlaceMethod;
    private final String baselineMethod;

    /**
     * @param id             the row's id
     * @param title          the row's title
     * @param baselineName   what the baseline method measures
     * @param goal           the goal (unit {@code ops/s})
     * @param benchmarkClass the JMH class holding both methods
     * @param enlaceMethod   name of the {@code @Benchmark} method measuring Enlace
     * @param baselineMethod name of the {@code @Benchmark} method measuring the baseline
     */
    public JmhPairRow(String id, String title, String baselineName, Goal goal, Class<?> benchmarkClass,
                      String enlaceMethod, String baselineMethod) {
        this.id = Objects.requireNonNull(id, "'id' cannot be null");
        this.title = Objects.requireNonNull(title, "'title' cannot be null");
        this.baselineName = Objects.requireNonNull(baselineName, "'baselineName' cannot be null");
        this.goal = Objects.requireNonNull(goal, "'goal' cannot be null");
        this.benchmarkClass = Objects.requireNonNull(benchmarkClass, "'benchmarkClass' cannot be null");
        this.enlaceMethod = Objects.requireNonNull(enlaceMethod, "'enlaceMethod' cannot be null");
        this.baselineMethod = Objects.requireNonNull(baselineMethod, "'baselineMethod' cannot be null");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String unit() {
        return "ops/s";
    }

    @Override
    public String baseline() {
        return baselineName;
    }

    @Override
    public Goal goal() {
        return goal;
    }

    @Override
    public RowResult run(BenchmarkContext context) throws RunnerException {
        RunSettings settings = context.settings();
        List<Double> enlace = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        if (settings.jmhForks() == 0) {
            // In this JVM nothing is compiled yet: without this the first repetition measures the JIT at work.
            context.progress("%s: warming up both methods in this JVM", id);
            measure(baselineMethod, settings);
            measure(enlaceMethod, settings);
        }
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            boolean baselineFirst = rep % 2 == 1;
            String first = baselineFirst ? baselineMethod : enlaceMethod;
            String second = baselineFirst ? enlaceMethod : baselineMethod;
            double firstScore = measure(first, settings);
            context.progress("%s: repetition %d/%d, %s %s ops/s", id, rep, settings.repetitions(), first,
                Figures.format(firstScore));
            double secondScore = measure(second, settings);
            context.progress("%s: repetition %d/%d, %s %s ops/s", id, rep, settings.repetitions(), second,
                Figures.format(secondScore));
            (baselineFirst ? baseline : enlace).add(firstScore);
            (baselineFirst ? enlace : baseline).add(secondScore);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("benchmark", benchmarkClass.getName());
        details.put("enlaceMethod", enlaceMethod);
        details.put("baselineMethod", baselineMethod);
        details.put("jmh", String.format(java.util.Locale.ROOT, "forks=%d per repetition, warmup %d×%dms, measurement %d×%dms",
            settings.jmhForks(), settings.jmhWarmupIterations(), settings.jmhWarmupTime().toMillis(),
            settings.jmhMeasurementIterations(), settings.jmhMeasurementTime().toMillis()));
        return new RowResult(enlace, baseline, details);
    }

    /**
     * Runs one {@code @Benchmark} method of the class with the settings' JMH options.
     *
     * @return JMH's score in operations per second
     */
    double measure(String method, RunSettings settings) throws RunnerException {
        Options options = new OptionsBuilder()
            .include("^" + java.util.regex.Pattern.quote(benchmarkClass.getName() + "." + method) + "$")
            .mode(Mode.Throughput)
            .timeUnit(TimeUnit.SECONDS)
            .forks(settings.jmhForks())
            .warmupIterations(settings.jmhWarmupIterations())
            .warmupTime(TimeValue.milliseconds(settings.jmhWarmupTime().toMillis()))
            .measurementIterations(settings.jmhMeasurementIterations())
            .measurementTime(TimeValue.milliseconds(settings.jmhMeasurementTime().toMillis()))
            .threads(1)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.size() != 1) {
            throw new IllegalStateException("JMH ran " + results.size() + " benchmarks for " + benchmarkClass.getName() + "."
                + method + "; expected exactly one (is META-INF/BenchmarkList on the class path?)");
        }
        return results.iterator().next().getPrimaryResult().getScore();
    }
}
