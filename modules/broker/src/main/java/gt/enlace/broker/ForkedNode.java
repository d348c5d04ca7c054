package gt.enlace.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of an {@link EmbeddedCluster} running in a child JVM, so that it can be killed abruptly
 * ({@code SIGKILL}: no controlled shutdown, no flush, sockets cut), which a node inside the test's own
 * JVM cannot be.
 *
 * <p>The parent writes the node's settings to {@code node-<id>.properties} under the cluster's base
 * directory and starts {@code java -cp <this JVM's class path> gt.enlace.broker.ForkedNode <file>}; the
 * child starts an {@link EmbeddedBroker} and prints {@value #READY} when it answers. Everything the
 * child prints goes to {@code node-<id>.log}. The child stops when its standard input reaches end of
 * file: when {@link #close()} closes it, and also when the parent JVM dies in any way, so no orphan
 * broker outlives a test run.
 */
final class ForkedNode implements EmbeddedCluster.Node {

    /** The line the child prints once its broker answers metadata requests. */
    static final String READY = "ENLACE-FORKED-NODE-READY";

    /**
     * Options of the child JVM: a small heap and the quick JIT tier suit a short-lived test broker on a
     * small machine; {@code exitOnOutOfMemoryError} makes a sick node die like a killed one.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:+ExitOnOutOfMemoryError");

    /** How long a child that was asked to stop may take before it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ForkedNode.class);
    private static final String NODE_PREFIX = "node.";
    private static final String BROKER_PREFIX = "broker.";

    private final int nodeId;
    private final Path dataDir;
    private final Path settingsFile;
    private final Path logFile;
    private final int port;
    private final Duration startTimeout;
    private final Properties settings = new Properties();

    private Process process;

    ForkedNode(int nodeId, Path baseDir, String clusterId, String quorumVoters, int port, int controllerPort,
               Duration startTimeout, Map<String, String> brokerConfigs) {
        this.nodeId = nodeId;
        this.dataDir = baseDir.resolve("node-" + nodeId).toAbsolutePath().normalize();
        this.settingsFile = baseDir.resolve("node-" + nodeId + ".properties").toAbsolutePath().normalize();
        this.logFile = baseDir.resolve("node-" + nodeId + ".log").toAbsolutePath().normalize();
        this.port = port;
        this.startTimeout = startTimeout;
        settings.setProperty(NODE_PREFIX + "id", String.valueOf(nodeId));
        settings.setProperty(NODE_PREFIX + "data-dir", dataDir.toString());
        settings.setProperty(NODE_PREFIX + "cluster-id", clusterId);
        settings.setProperty(NODE_PREFIX + "quorum-voters", quorumVoters);
        settings.setProperty(NODE_PREFIX + "port", String.valueOf(port));
        settings.setProperty(NODE_PREFIX + "controller-port", String.valueOf(controllerPort));
        settings.setProperty(NODE_PREFIX + "start-timeout-ms", String.valueOf(startTimeout.toMillis()));
        brokerConfigs.forEach((key, value) -> settings.setProperty(BROKER_PREFIX + key, value));
    }

    /**
     * Starts the child JVM and returns once its broker answers.
     *
     * @throws BrokerStartException if the child exits or stays silent, naming its log file
     */
    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Node " + nodeId + " already runs in process " + process.pid());
        }
        try {
            Files.createDirectories(dataDir);
            try (Writer out = Files.newBufferedWriter(settingsFile, StandardCharsets.UTF_8)) {
                settings.store(out, "Settings of forked Enlace cluster node " + nodeId);
            }
        } catch (IOException e) {
            throw new BrokerStartException("Cannot write the settings of node " + nodeId + " to " + settingsFile
                + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElseThrow(() -> new BrokerStartException("Cannot fork node " + nodeId + ": this JVM does not tell its java command", null)));
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkedNode.class.getName());
        command.add(settingsFile.toString());
        Process started;
        try {
            started = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BrokerStartException("Cannot start the JVM of node " + nodeId + ": " + e.getMessage(), e);
        }
        process = started;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpOutput(started, ready), "enlace-node-" + nodeId + "-output");
        pump.setDaemon(true);
        pump.start();
        // The child gives its broker the same start timeout; the margin is for the JVM to come up.
        Duration wait = startTimeout.plusSeconds(30);
        try {
            ready.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            started.destroyForcibly();
            throw new BrokerStartException("Node " + nodeId + " in a child JVM failed to start: " + e.getCause().getMessage()
                + "; see " + logFile, e.getCause());
        } catch (TimeoutException e) {
            started.destroyForcibly();
            throw new BrokerStartException("Node " + nodeId + " in a child JVM did not start within " + wait.toSeconds()
                + " s; see " + logFile, e);
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BrokerStartException("Interrupted while node " + nodeId + " was starting", e);
        }
        log.info("Forked Kafka node {} ready on {} (process {}, output in {})", nodeId, bootstrapServers(), started.pid(), logFile);
    }

    /**
     * Kills the child with {@code SIGKILL} ({@link Process#destroyForcibly()} on Linux) and waits for it.
     *
     * @return the child's exit value: 137 (128 + 9) when the signal killed it
     */
    synchronized int kill() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("Node " + nodeId + " is not running");
        }
        Process killed = process;
        killed.destroyForcibly();
        try {
            if (!killed.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Node " + nodeId + " (process " + killed.pid() + ") outlived SIGKILL for "
                    + STOP_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing node " + nodeId, e);
        }
        log.info("Forked Kafka node {} killed (process {}, exit value {})", nodeId, killed.pid(), killed.exitValue());
        return killed.exitValue();
    }

    /** Asks the child to stop cleanly (end of its standard input), then kills it if it takes too long. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        Process stopping = process;
        try {
            stopping.getOutputStream().close();
            if (!stopping.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("Forked Kafka node {} did not stop within {} s; killing it", nodeId, STOP_TIMEOUT.toSeconds());
                stopping.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            stopping.destroyForcibly();
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("Forked Kafka node {} stopped", nodeId);
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The file the child's output goes to. */
    Path logFile() {
        return logFile;
    }

    private void pumpOutput(Process child, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                 StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.equals(READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException("Lost the output of node " + nodeId, e));
        }
        try {
            int exit = child.waitFor();
            ready.completeExceptionally(new IllegalStateException("its JVM exited with value " + exit));
        } catch (InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    /**
     * Entry point of the child JVM: {@code ForkedNode <settings file>}. Starts the broker, prints
     * {@value #READY}, and stops when standard input ends.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: java " + ForkedNode.class.getName() + " <node settings file>");
            System.exit(2);
        }
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            settings.load(in);
        }
        // Watch the parent before anything else: if it dies while this node is still starting, stop at once.
        EmbeddedBroker[] broker = new EmbeddedBroker[1];
        Thread watcher = new Thread(() -> {
            awaitEndOfInput(System.in);
            EmbeddedBroker running;
            synchronized (broker) {
                running = broker[0];
            }
            if (running == null) {
                Runtime.getRuntime().halt(0);
            }
            // A node left without a quorum can hang in its controlled shutdown; do not outlive the parent for long.
            Thread halter = new Thread(() -> {
                sleep(STOP_TIMEOUT.minusSeconds(5));
                Runtime.getRuntime().halt(0);
            });
            halter.setDaemon(true);
            halter.start();
            running.close();
            System.exit(0);
        }, "enlace-node-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();

        EmbeddedBroker.Builder builder = EmbeddedBroker.builder()
            .nodeId(Integer.parseInt(settings.getProperty(NODE_PREFIX + "id")))
            .dataDir(Path.of(settings.getProperty(NODE_PREFIX + "data-dir")))
            .clusterId(settings.getProperty(NODE_PREFIX + "cluster-id"))
            .quorumVoters(settings.getProperty(NODE_PREFIX + "quorum-voters"))
            .port(Integer.parseInt(settings.getProperty(NODE_PREFIX + "port")))
            .controllerPort(Integer.parseInt(settings.getProperty(NODE_PREFIX + "controller-port")))
            .startTimeout(Duration.ofMillis(Long.parseLong(settings.getProperty(NODE_PREFIX + "start-timeout-ms"))));
        for (String key : settings.stringPropertyNames()) {
            if (key.startsWith(BROKER_PREFIX)) {
                builder.brokerConfig(key.substring(BROKER_PREFIX.length()), settings.getProperty(key));
            }
        }
        EmbeddedBroker started;
        try {
            started = builder.build().start();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.out.flush();
            Runtime.getRuntime().halt(1);
            return;
        }
        synchronized (broker) {
            broker[0] = started;
        }
        System.out.println(READY);
        System.out.flush();
        try {
            watcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, the same as end of input.
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
