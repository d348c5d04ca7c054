package gt.enlace.benchmarks.bus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} ({@code kafka-producer-perf-test.sh}), run once in a
 * child JVM against the benchmark's broker, for context beside the SDK publish rows: what Kafka's reference tool gets
 * from this broker and machine with the same producer settings. It is not a row's baseline (it sends random bytes
 * without keys or headers, from another JVM), and a failure to run it is reported in the details, not as the row's.
 */
final class KafkaProducerPerformance {

    /**
     * The tool's summary line: {@code N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, ...}.
     */
    private static final Pattern SUMMARY = Pattern.compile(
        "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency");
    /** Producer keys the tool sets itself, or that make no sense for a child JVM. */
    private static final List<String> NOT_PASSED = List.of("key.serializer", "value.serializer", "client.id");

    private KafkaProducerPerformance() {
    }

    /**
     * Runs the tool and returns what it measured (or why it could not).
     *
     * @param topic         an existing topic to write to
     * @param records       records to send
     * @param recordSize    bytes per record
     * @param producerProps the producer settings, {@code bootstrap.servers} included
     * @param scratch       a folder for the tool's output
     * @return {@code recordsPerSecond}, {@code megabytesPerSecond}, {@code avgLatencyMs}, {@code maxLatencyMs},
     *         {@code records}, {@code recordSize}, or {@code error}
     */
    static Map<String, Object> run(String topic, long records, int recordSize, Properties producerProps, Path scratch) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tool", "org.apache.kafka.tools.ProducerPerformance");
        result.put("records", records);
        result.put("recordSize", recordSize);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
            "--topic", topic, "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
            "--throughput", "-1", "--producer-props"));
        producerProps.stringPropertyNames().stream().sorted().filter(key -> !NOT_PASSED.contains(key))
            .forEach(key -> command.add(key + "=" + producerProps.getProperty(key)));
        try {
            Files.createDirectories(scratch);
            Path output = Files.createTempFile(scratch, "producer-performance", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            long timeoutSeconds = 120 + records / 10_000;
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                result.put("error", "did not finish within " + Duration.ofSeconds(timeoutSeconds));
                return result;
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Matcher summary = SUMMARY.matcher(text);
            String[] last = null;
            while (summary.find()) {
                last = new String[] {summary.group(1), summary.group(2), summary.group(3), summary.group(4), summary.group(5)};
            }
            if (process.exitValue() != 0 || last == null || Long.parseLong(last[0]) != records) {
                String tail = text.length() > 500 ? text.substring(text.length() - 500) : text;
                result.put("error", "exit " + process.exitValue() + ", no summary of all " + records + " records: "
                    + tail.strip());
                return result;
            }
            result.put("recordsPerSecond", Double.parseDouble(last[1]));
            result.put("megabytesPerSecond", Double.parseDouble(last[2]));
            result.put("avgLatencyMs", Double.parseDouble(last[3]));
            result.put("maxLatencyMs", Double.parseDouble(last[4]));
        } catch (IOException e) {
            result.put("error", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.put("error", "interrupted");
        }
        return result;
    }
}
