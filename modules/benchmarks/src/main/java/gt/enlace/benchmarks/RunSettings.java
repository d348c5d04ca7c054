package gt.enlace.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long and how often every row measures. Three presets: {@link #full()} (the figures to publish;
 * about 10 minutes on 2 cores), {@link #quick()} (a sanity check; about 2 minutes on 2 cores) and {@link #smoke()}
 * (seconds; proves the harness works, figures mean nothing).
 *
 * <p>Why the windows are short: on a 2-core machine that also runs the broker, repetitions swing by 20-90% whatever
 * their length (the full run with 15 s windows, in docs/benchmarks.md, had spreads of 8-95%), so short repetitions
 * lose little (the SDK publishing ratio measured 0.34x over 3 s and 0.37x over 15 s windows on the same machine); rows whose work is a fixed amount (consume, CSV, survey topology) keep a floor that makes a repetition
 * long enough for its start-up costs not to dominate.
 *
 * @param mode                     name of the preset, recorded in the results
 * @param repetitions              independent repetitions of each side of every row (at least 3 for a verdict)
 * @param contextBaselineOnce      whether a baseline that is context only (a row whose goal is absolute, so its verdict
 *                                 rests on Enlace's figures alone) is measured once instead of every repetition
 * @param jmhForks                 JVMs forked per JMH measurement: 1 for the figures to publish, 0 to measure in
 *                                 this JVM (quick and smoke: no JVM start per measurement, but no JVM flags from
 *                                 {@code @Fork} apply and both methods share one JIT profile)
 * @param jmhWarmupIterations      JMH warm-up iterations per repetition
 * @param jmhWarmupTime            length of one JMH warm-up iteration
 * @param jmhMeasurementIterations JMH measured iterations per repetition (their mean is the repetition's figure)
 * @param jmhMeasurementTime       length of one JMH measured iteration
 * @param loadWarmup               load harnesses: warm-up before the first repetition, per side
 * @param loadMeasurement          load harnesses: length of one measured repetition, per side
 * @param startupIdle              {@code enlace up} rows: idle time after healthy before resident memory is read
 * @param clients                  load harnesses: concurrent clients
 * @param httpClient               load harnesses: {@code raw} (minimal keep-alive socket client) or {@code jdk}
 *                                 ({@code java.net.http.HttpClient}, HTTP/1.1)
 * @param registryProperties       extra properties for the registry under test (e.g. Tomcat tuning experiments)
 */
public record RunSettings(String mode, int repetitions, boolean contextBaselineOnce, int jmhForks, int jmhWarmupIterations, Duration jmhWarmupTime,
                          int jmhMeasurementIterations, Duration jmhMeasurementTime, Duration loadWarmup,
                          Duration loadMeasurement, Duration startupIdle, int clients, String httpClient, Map<String, String> registryProperties) {

    /** Raw-socket keep-alive HTTP client (the default: cheapest client, so the server is what is measured). */
    public static final String HTTP_CLIENT_RAW = "raw";
    /** {@code java.net.http.HttpClient} over HTTP/1.1. */
    public static final String HTTP_CLIENT_JDK = "jdk";

    public RunSettings {
        Objects.requireNonNull(mode, "'mode' cannot be null");
        if (repetitions < 1) {
            throw new IllegalArgumentException("'repetitions' must be at least 1, was " + repetitions);
        }
        if (jmhForks < 0) {
            throw new IllegalArgumentException("'jmhForks' cannot be negative, was " + jmhForks);
        }
        Objects.requireNonNull(startupIdle, "'startupIdle' cannot be null");
        if (clients < 1) {
            throw new IllegalArgumentException("'clients' must be at least 1, was " + clients);
        }
        if (!HTTP_CLIENT_RAW.equals(httpClient) && !HTTP_CLIENT_JDK.equals(httpClient)) {
            throw new IllegalArgumentException("'httpClient' must be raw or jdk, was " + httpClient);
        }
        registryProperties = Map.copyOf(registryProperties);
    }

    /**
     * The figures to publish (about 10 minutes for every row on 2 cores): 5 repetitions, JMH one fork per repetition
     * of 3×0.5 s warm-up + 4×0.5 s measured (five forks per side, so JIT decisions that vary between forks show in
     * the spread), load 5 s warm-up and 3 s per repetition and side, memory read after 3 s idle.
     */
    public static RunSettings full() {
        return new RunSettings("full", 5, false, 1, 3, Duration.ofMillis(500), 4, Duration.ofMillis(500), Duration.ofSeconds(5),
            Duration.ofSeconds(3), Duration.ofSeconds(3), 16, HTTP_CLIENT_RAW, Map.of());
    }

    /**
     * A sanity check (about 2 minutes for every row on 2 cores): 3 repetitions, JMH in this JVM with 1×0.2 s warm-up +
     * 2×0.2 s measured (a forked JVM per measurement would cost more than the measurement), load 0.5 s warm-up and
     * 0.75 s per repetition and side (rows of a fixed amount of work keep their floors), memory read after 1 s idle;
     * a baseline that is context only is measured once (ratio goals keep every repetition of both sides).
     */
    public static RunSettings quick() {
        return new RunSettings("quick", 3, true, 0, 1, Duration.ofMillis(200), 2, Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofMillis(750), Duration.ofSeconds(1), 16, HTTP_CLIENT_RAW, Map.of());
    }

    /** A few seconds, JMH in this JVM: for the smoke test only. */
    public static RunSettings smoke() {
        return new RunSettings("smoke", 3, true, 0, 1, Duration.ofMillis(50), 1, Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(250), Duration.ofMillis(500), 16, HTTP_CLIENT_RAW, Map.of());
    }

    /** Whether this is the smoke preset, whose figures only prove that the harness runs. */
    public boolean isSmoke() {
        return "smoke".equals(mode);
    }

    /**
     * Repetitions of a row's baseline: all of them, or one when the baseline is only context and this run measures
     * such baselines once ({@link #contextBaselineOnce()}).
     *
     * @param baselineIsContext whether the row's goal is absolute, so its verdict does not rest on the baseline
     */
    public int baselineRepetitions(boolean baselineIsContext) {
        return baselineIsContext && contextBaselineOnce ? 1 : repetitions;
    }

    /** A copy with another number of repetitions. */
    public RunSettings withRepetitions(int repetitions) {
        return new RunSettings(mode, repetitions, contextBaselineOnce, jmhForks, jmhWarmupIterations, jmhWarmupTime, jmhMeasurementIterations,
            jmhMeasurementTime, loadWarmup, loadMeasurement, startupIdle, clients, httpClient, registryProperties);
    }

    /** A copy whose load harnesses measure each repetition for {@code loadMeasurement}. */
    public RunSettings withLoadMeasurement(Duration loadMeasurement) {
        return new RunSettings(mode, repetitions, contextBaselineOnce, jmhForks, jmhWarmupIterations, jmhWarmupTime, jmhMeasurementIterations,
            jmhMeasurementTime, loadWarmup, loadMeasurement, startupIdle, clients, httpClient, registryProperties);
    }

    /** A copy with another HTTP client for the load harnesses. */
    public RunSettings withHttpClient(String httpClient) {
        return new RunSettings(mode, repetitions, contextBaselineOnce, jmhForks, jmhWarmupIterations, jmhWarmupTime, jmhMeasurementIterations,
            jmhMeasurementTime, loadWarmup, loadMeasurement, startupIdle, clients, httpClient, registryProperties);
    }

    /** A copy with more registry properties. */
    public RunSettings withRegistryProperties(Map<String, String> properties) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(registryProperties);
        merged.putAll(properties);
        return new RunSettings(mode, repetitions, contextBaselineOnce, jmhForks, jmhWarmupIterations, jmhWarmupTime, jmhMeasurementIterations,
            jmhMeasurementTime, loadWarmup, loadMeasurement, startupIdle, clients, httpClient, merged);
    }
}
