package gt.enlace.platform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import gt.enlace.platform.demo.DemoRun;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enlace demo}: the whole path on a fresh embedded platform. Starts Enlace, publishes sample
 * events for every catalog topic through the Avro serde with their CloudEvents headers, reads them
 * back as typed records, and prints what arrived.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Runs the whole path once: publishes sample events to every topic and reads them back.",
        "",
        "Starts Enlace on a fresh embedded Kafka broker (free ports, a temporary data directory),",
        "publishes sample events for every catalog topic with their schemas and headers, reads them",
        "back as typed Avro records and prints a summary. Exit code 0 when every event came back."})
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", description = "Sample events per topic (default: ${DEFAULT-VALUE}, 1..1000).")
    int eventsPerTopic = 3;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the demo's data here instead of a temporary directory that is removed at the end.")
    Path dataDir;

    @Option(names = "--keep-running", description = "Stay up after the demo, with the registry and /health, until Ctrl-C.")
    boolean keepRunning;

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
        Platform platform = Platform.start(PlatformSettings.ephemeral(dir), catalog, line -> out.println("  " + line));
        try {
            DemoRun.Result result = new DemoRun(platform.bootstrapServers(), platform.registryUrl(), catalog)
                .run(eventsPerTopic, line -> out.println("  " + line));
            out.println();
            result.printTable(out);
            out.println();
            out.println(result.allReadBack()
                ? "Every published event was read back with its schema and headers."
                : "Some events did not come back: see the table above.");
            if (keepRunning) {
                out.println("Still running: registry " + platform.registryUrl() + ", Kafka " + platform.bootstrapServers()
                    + ", health " + platform.httpUrl() + "/health. Press Ctrl-C to stop.");
                out.flush();
                awaitShutdownSignal(platform);
            }
            return result.allReadBack() ? 0 : 1;
        } finally {
            platform.close();
            if (temporary) {
                deleteRecursively(dir);
            }
            out.flush();
        }
    }

    /** Blocks until Ctrl-C or SIGTERM; the hook itself stops the platform because the JVM does not wait for this thread. */
    private static void awaitShutdownSignal(Platform platform) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "enlace-demo-stop"));
        stopped.await();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
