package gt.enlace.benchmarks.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.bus.Repetitions;

/**
 * {@code enlace up} as a user runs it: the launcher script with its JVM options and class-data archive, the
 * default (secure) platform with every role, on a fresh data directory each time. Two rows share one
 * measurement: seconds from starting the command until {@code /health} answers 200, and the resident memory
 * of the process once it has been idle for a few seconds. The baseline is {@code enlace up --roles broker}
 * (the embedded Kafka broker alone, same launcher, same JVM options, same readiness check), for context.
 *
 * <p>The launcher is found through the system property {@value #LAUNCHER_PROPERTY} (the {@code enlace bench}
 * script sets it), else {@code ./enlace} in the working directory or one of its parents. It runs with
 * {@code ENLACE_NO_BUILD=1}: a benchmark never builds the platform half-way through a run, and says how to
 * build it when its jar is missing.
 */
public final class StartupRow implements BenchmarkRow {

    /** System property naming the launcher script. */
    public static final String LAUNCHER_PROPERTY = "enlace.launcher";

    /** The goals: healthy within 10 s, under 1 GiB resident when idle. */
    static final double GOAL_SECONDS = 10;
    static final double GOAL_MIB = 1024;

    private static final String KEY = "startup";

    private final boolean memory;

    private StartupRow(boolean memory) {
        this.memory = memory;
    }

    /** Seconds from {@code enlace up} to {@code /health} 200. */
    public static StartupRow timeToHealthy() {
        return new StartupRow(false);
    }

    /** Resident memory of the idle platform. */
    public static StartupRow residentMemory() {
        return new StartupRow(true);
    }

    @Override
    public String id() {
        return memory ? "up.memory" : "up.time";
    }

    @Override
    public String title() {
        return memory ? "enlace up, resident memory when idle (broker and every role)"
            : "enlace up to /health 200, fresh data directory, security on";
    }

    @Override
    public String unit() {
        return memory ? "MiB" : "s";
    }

    @Override
    public String baseline() {
        return "enlace up --roles broker: the embedded Kafka broker alone (context)";
    }

    @Override
    public Goal goal() {
        return memory ? Goal.atMost(GOAL_MIB, unit()) : Goal.atMost(GOAL_SECONDS, unit());
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        Measurement m = context.shared(KEY, Measurement.class, Measurement::measure);
        return new RowResult(memory ? m.enlaceMib : m.enlaceSeconds, memory ? m.baselineMib : m.baselineSeconds, m.details);
    }

    /** Both figures of every repetition of both sides, measured once per run. */
    static final class Measurement implements AutoCloseable {
        final List<Double> enlaceSeconds = new ArrayList<>();
        final List<Double> enlaceMib = new ArrayList<>();
        final List<Double> baselineSeconds = new ArrayList<>();
        final List<Double> baselineMib = new ArrayList<>();
        final Map<String, Object> details = new LinkedHashMap<>();

        @Override
        public void close() {
            // figures only
        }

        static Measurement measure(BenchmarkContext context) {
            try {
                return new Measurement().run(context);
            } catch (Exception e) {
                throw new IllegalStateException("the startup measurement failed: " + e.getMessage(), e);
            }
        }

        private Measurement run(BenchmarkContext context) throws Exception {
            Path launcher = launcher();
            boolean smoke = context.settings().isSmoke();
            // Idle long enough for the start's garbage to be collected and the caches to settle.
            Duration idle = context.settings().startupIdle();
            details.put("launcher", launcher.toString());
            details.put("idleBeforeMemoryReading", idle.toString());
            details.put("classDataArchive", !smoke);
            Repetitions.Side enlace = rep -> record(context, launcher, List.of(), idle, smoke, rep, enlaceSeconds, enlaceMib);
            Repetitions.Side broker = rep -> record(context, launcher, List.of("--roles", "broker"), idle, smoke, rep,
                baselineSeconds, baselineMib);
            if (!smoke && !fastStartReady(launcher)) {
                // The launcher prepares its class-data archive on the first start after a build (under a minute), and
                // both sides use it (the broker-only start is the same jar and JVM): one unmeasured start does it and
                // brings the jar into the page cache. Once the archive exists, an earlier start has done both.
                context.progress("up: warming up (one unmeasured start: the launcher prepares its class-data archive)");
                enlace.measure(0);
            }
            // Both goals are absolute (seconds, MiB): the broker-only start is context.
            Repetitions.alternate(context, "up", "s", enlace, broker, details, false, true);
            return this;
        }

        private double record(BenchmarkContext context, Path launcher, List<String> extra, Duration idle, boolean smoke,
                              int rep, List<Double> seconds, List<Double> mib) throws Exception {
            Start start = start(context, launcher, extra, idle, smoke);
            if (rep > 0) {
                seconds.add(start.seconds());
                mib.add(start.residentMib());
                context.progress("up%s: healthy in %.2f s, %.0f MiB resident after %s idle",
                    extra.isEmpty() ? "" : " " + String.join(" ", extra), start.seconds(), start.residentMib(), idle);
            }
            return start.seconds();
        }
    }

    /** One start: seconds to healthy and resident MiB after the idle wait. */
    record Start(double seconds, double residentMib) {
    }

    static Start start(BenchmarkContext context, Path launcher, List<String> extra, Duration idle, boolean smoke)
        throws Exception {
        Path dataDir = Files.createTempDirectory(context.scratch(), "up-");
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "up",
            "--data-dir", dataDir.toString(),
            "--kafka-port", String.valueOf(freePort()),
            "--controller-port", String.valueOf(freePort()),
            "--http-port", String.valueOf(httpPort),
            "--registry-port", String.valueOf(freePort())));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(launcher.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("up.log").toFile());
        builder.environment().put("ENLACE_NO_BUILD", "1");
        if (smoke) {
            builder.environment().put("ENLACE_NO_CDS", "1");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
            .timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("enlace up exited with status " + process.exitValue() + "; its output:\n"
                        + tail(dataDir.resolve("up.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("enlace up was not healthy within 180 s; its output:\n"
                        + tail(dataDir.resolve("up.log")));
                }
                if (healthy(http, health)) {
                    break;
                }
                Thread.sleep(25);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(idle.toMillis());
            double mib = residentMib(process.pid()).orElseThrow(() -> new IllegalStateException(
                "cannot read the resident memory of process " + process.pid() + " (needs /proc)"));
            return new Start(seconds, mib);
        } finally {
            stop(process);
        }
    }

    private static boolean healthy(HttpClient http, HttpRequest health) throws InterruptedException {
        try {
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code VmRSS} of the process in MiB, from {@code /proc/<pid>/status}. */
    static Optional<Double> residentMib(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.isReadable(status)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Optional.of(Long.parseLong(parts[0]) / 1024.0);
            }
        }
        return Optional.empty();
    }

    /**
     * Kills the platform at once: its data directory is thrown away, and a graceful stop (seconds of controlled
     * broker shutdown per start) would only lengthen the run. The launcher {@code exec}s the JVM, so this is it.
     */
    private static void stop(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("enlace up (process " + process.pid() + ") did not exit within 30 s of SIGKILL");
        }
    }

    /**
     * Whether the launcher's class-data archive is ready for the current build: what its fast-start preparation
     * leaves in {@code modules/platform/target/fast-start} (the extracted jar, no newer than the built jar, and the
     * archive). When this cannot tell, a warm-up start runs, which costs time but never a wrong figure.
     */
    static boolean fastStartReady(Path launcher) {
        Path target = launcher.toAbsolutePath().getParent().resolve("modules/platform/target");
        Path jar = target.resolve("enlace-platform.jar");
        Path extracted = target.resolve("fast-start/enlace-platform.jar");
        Path archive = target.resolve("fast-start/enlace.jsa");
        try {
            return Files.isRegularFile(archive) && Files.isRegularFile(extracted) && Files.isRegularFile(jar)
                && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(extracted)) <= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The launcher named by {@value #LAUNCHER_PROPERTY}, else {@code enlace} in the working directory or a parent. */
    static Path launcher() {
        String configured = System.getProperty(LAUNCHER_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath();
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(LAUNCHER_PROPERTY + "=" + configured + " is not an executable file");
            }
            return path;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("enlace");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the enlace launcher: run from the repository or pass -D"
            + LAUNCHER_PROPERTY + "=/path/to/enlace");
    }
}
