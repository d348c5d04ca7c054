package gt.enlace.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import gt.enlace.broker.EmbeddedBroker;

/**
 * What rows of one run share: the {@link RunSettings}, a progress stream, a scratch directory and one
 * embedded Kafka broker started on first use, so that every Kafka row and its baseline run against the
 * same broker, plus {@linkplain #shared shared fixtures} built on it. Closing the context closes the fixtures, stops
 * the broker and deletes the scratch directory.
 */
public final class BenchmarkContext implements AutoCloseable {

    private final RunSettings settings;
    private final PrintStream progress;
    private final Path scratch;
    private EmbeddedBroker broker;
    private final java.util.Map<String, AutoCloseable> fixtures = new java.util.LinkedHashMap<>();

    /**
     * @param settings how long rows measure
     * @param progress where rows report progress (one line per step)
     */
    public BenchmarkContext(RunSettings settings, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "'settings' cannot be null");
        this.progress = Objects.requireNonNull(progress, "'progress' cannot be null");
        try {
            this.scratch = Files.createTempDirectory("enlace-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch directory for the benchmarks: " + e.getMessage(), e);
        }
    }

    /** The run's settings. */
    public RunSettings settings() {
        return settings;
    }

    /** Prints one progress line, prefixed with the time since the JVM started. */
    public void progress(String format, Object... args) {
        long seconds = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        progress.printf("[%3d:%02d] %s%n", seconds / 60, seconds % 60, String.format(java.util.Locale.ROOT, format, args));
        progress.flush();
    }

    /** A scratch directory, deleted when the context closes. */
    public Path scratch() {
        return scratch;
    }

    /** The shared single-node broker (data in the scratch directory), started on the first call. */
    public synchronized EmbeddedBroker broker() {
        if (broker == null) {
            progress("starting the embedded Kafka broker");
            broker = EmbeddedBroker.builder().dataDir(scratch.resolve("kafka")).build().start();
            progress("broker ready on %s", broker.bootstrapServers());
        }
        return broker;
    }

    /**
     * A fixture several rows share (e.g. the schema registry and the benchmark catalog), created by {@code factory}
     * on the first call with this {@code key} and closed, in reverse order of creation, before the broker stops.
     *
     * @param key     names the fixture; the same key always gives the same instance
     * @param type    the fixture's class
     * @param factory creates it from this context
     * @param <T>     the fixture's type
     * @return the fixture
     */
    public synchronized <T extends AutoCloseable> T shared(String key, Class<T> type,
                                                          java.util.function.Function<BenchmarkContext, T> factory) {
        AutoCloseable existing = fixtures.get(key);
        if (existing == null) {
            existing = Objects.requireNonNull(factory.apply(this), "the factory of '" + key + "' returned null");
            fixtures.put(key, existing);
        }
        return type.cast(existing);
    }

    @Override
    public synchronized void close() {
        java.util.List<String> keys = new java.util.ArrayList<>(fixtures.keySet());
        java.util.Collections.reverse(keys);
        for (String key : keys) {
            try {
                fixtures.remove(key).close();
            } catch (Exception e) {
                progress("could not close %s: %s", key, e);
            }
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        try (Stream<Path> paths = Files.walk(scratch)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            progress("could not delete %s: %s", scratch, e.getMessage());
        }
    }
}
