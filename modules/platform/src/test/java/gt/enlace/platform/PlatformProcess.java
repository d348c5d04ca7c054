package gt.enlace.platform;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import gt.enlace.broker.EmbeddedBroker;

/**
 * {@code enlace up} run the way a user runs it: the repackaged platform jar in its own JVM, so
 * tests can stop it with SIGTERM or kill it with SIGKILL. Public for the fault suite
 * ({@code gt.enlace.platform.faults}).
 */
public final class PlatformProcess implements AutoCloseable {

    final Process process;
    final int kafkaPort;
    final int httpPort;
    final int registryPort;
    final Path log;
    final long startedNanos = System.nanoTime();

    private PlatformProcess(Process process, int kafkaPort, int httpPort, int registryPort, Path log) {
        this.process = process;
        this.kafkaPort = kafkaPort;
        this.httpPort = httpPort;
        this.registryPort = registryPort;
        this.log = log;
    }

    /** Starts {@code enlace up} on fresh free ports with the given data directory. */
    public static PlatformProcess up(Path dataDir) throws IOException {
        String jar = System.getProperty("enlace.platform.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("The platform jar is missing (" + jar + "): run the tests through ./mvnw verify");
        }
        int kafkaPort = EmbeddedBroker.freePort();
        int controllerPort = EmbeddedBroker.freePort();
        int httpPort = EmbeddedBroker.freePort();
        int registryPort = EmbeddedBroker.freePort();
        Path log = Files.createTempFile("enlace-up-", ".log");
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-Xmx768m",
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace",
            "-jar", jar, "up", "--insecure",
            "--data-dir", dataDir.toString(),
            "--kafka-port", String.valueOf(kafkaPort),
            "--controller-port", String.valueOf(controllerPort),
            "--http-port", String.valueOf(httpPort),
            "--registry-port", String.valueOf(registryPort)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PlatformProcess(process, kafkaPort, httpPort, registryPort, log);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Base URL of the process's schema registry. */
    public String registryUrl() {
        return "http://127.0.0.1:" + registryPort;
    }

    /** Base URL of the process's HTTP roles. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The platform's JVM. */
    public Process process() {
        return process;
    }

    /** Whether the JVM still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /health} answers 200 and returns how long the start took. */
    public Duration awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
            .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("enlace up exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException notYet) {
                // not listening yet
            }
            process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("enlace up was not healthy within " + timeout + ":\n" + output());
    }

    /** Resident memory of the process in KiB, from /proc (Linux). */
    long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        Files.deleteIfExists(log);
    }
}
