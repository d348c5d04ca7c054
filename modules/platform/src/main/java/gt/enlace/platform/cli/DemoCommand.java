package gt.enlace.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import gt.enlace.platform.demo.DemoRun;
import gt.enlace.platform.demo.PilotSeeder;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enlace demo}: the whole path on a fresh embedded platform. Starts Enlace, publishes sample
 * events for every catalog topic through the Avro serde with their CloudEvents headers, reads them
 * back as typed records, prints what arrived, seeds the synthetic pilot ({@link PilotSeeder}) and, unless
 * {@code --exit}, stays up serving the dashboard until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Runs the whole path: publishes sample events to every topic, reads them back, seeds a",
        "synthetic pilot and serves the dashboard until Ctrl-C (--exit to stop at once).",
        "",
        "Starts Enlace on a fresh embedded Kafka broker (a temporary data directory), publishes sample",
        "events for every catalog topic with their schemas and headers, reads them back as typed Avro",
        "records and prints a summary. Then it seeds a SYNTHETIC pilot (15 institutions, a baseline and",
        "a follow-up survey round, SDK, gateway and CSV-bridge traffic, declared manual exchanges) and",
        "prints where to see it. Exit code 0 when every event came back and the pilot was seeded."})
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", description = "Sample events per topic (default: ${DEFAULT-VALUE}, 1..1000).")
    int eventsPerTopic = 3;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the demo's data here instead of a temporary directory that is removed at the end.")
    Path dataDir;

    @Option(names = "--exit", description = "Stop once the demo is done instead of serving the dashboard until Ctrl-C (for scripts and tests).")
    boolean exit;

    /** Accepted for scripts written before staying up became the default. */
    @Option(names = "--keep-running", hidden = true)
    boolean keepRunning;

    @Option(names = "--no-pilot", description = "Skip seeding the synthetic pilot.")
    boolean noPilot;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port of the dashboard and API (default: "
        + PlatformSettings.DEFAULT_HTTP_PORT + " when staying up, or a free port when it is taken; a free port with --exit).")
    Integer httpPort;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (eventsPerTopic < 1 || eventsPerTopic > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events must be between 1 and 1000, got " + eventsPerTopic);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("enlace-demo-") : dataDir;
        TopicCatalog catalog = TopicCatalog.loadDefault();
        out.println("Enlace demo: " + catalog.topics().size() + " topics, " + eventsPerTopic + " events each. Data in " + dir);
        boolean stayUp = !exit || keepRunning;
        int port = httpPort != null ? httpPort : stayUp && portFree(PlatformSettings.DEFAULT_HTTP_PORT)
            ? PlatformSettings.DEFAULT_HTTP_PORT : 0;
        Platform platform = Platform.start(new PlatformSettings(dir, Optional.empty(), 0, 0, port, 0,
            PlatformSettings.DEFAULT_BIND_ADDRESS), catalog, line -> out.println("  " + line));
        try {
            DemoRun.Result result = new DemoRun(platform.bootstrapServers(), platform.registryUrl(), catalog)
                .run(eventsPerTopic, line -> out.println("  " + line));
            out.println();
            result.printTable(out);
            out.println();
            out.println(result.allReadBack()
                ? "Every published event was read back with its schema and headers."
                : "Some events did not come back: see the table above.");
            if (!noPilot) {
                out.println();
                out.flush();
                PilotSeeder seeder = new PilotSeeder(platform.bootstrapServers(), platform.registryUrl(), platform.httpUrl(),
                    catalog, dir.resolve("pilot"));
                PilotSeeder.Result pilot = seeder.seed(line -> out.println("  " + line));
                boolean observed = seeder.awaitObserved(pilot, Duration.ofSeconds(60));
                out.println();
                pilot.print(out, platform.httpUrl());
                if (!observed) {
                    out.println("  The observed metrics have not counted every event yet; the dashboard catches up shortly.");
                }
                if (!stayUp) {
                    out.println("  (--exit: the platform stops now; run `enlace demo` without --exit to browse the dashboard.)");
                }
            }
            if (stayUp) {
                out.println();
                out.println("Still running: dashboard " + platform.httpUrl() + "/dashboard, registry " + platform.registryUrl()
                    + ", Kafka " + platform.bootstrapServers() + ", health " + platform.httpUrl() + "/health.");
                out.println("Press Ctrl-C to stop" + (temporary ? " (the demo's data is then removed)." : "."));
                out.flush();
                awaitShutdownSignal(platform, temporary ? dir : null);
            }
            return result.allReadBack() ? 0 : 1;
        } finally {
            platform.close();
            if (temporary) {
                TemporaryDirectories.deleteRecursively(dir);
            }
            out.flush();
        }
    }

    /**
     * Blocks until Ctrl-C or SIGTERM; the hook itself stops the platform (and removes a temporary data directory)
     * because the JVM does not wait for this thread.
     */
    private static void awaitShutdownSignal(Platform platform, Path temporaryDir) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            if (temporaryDir != null) {
                try {
                    TemporaryDirectories.deleteRecursively(temporaryDir);
                } catch (IOException e) {
                    System.err.println("Could not remove the demo's data in " + temporaryDir + ": " + e.getMessage());
                }
            }
            stopped.countDown();
        }, "enlace-demo-stop"));
        stopped.await();
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(PlatformSettings.DEFAULT_BIND_ADDRESS, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
