package gt.enlace.platform.faults;

import static gt.enlace.platform.faults.FaultKit.BIRTHS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import gt.enlace.platform.PlatformProcess;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublishException;
import gt.enlace.publisher.PublishReceipt;
import gt.enlace.publisher.csv.CsvEventIds;
import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enlace up} killed with SIGKILL while each publishing path is busy, then restarted on the same data
 * directory: every event that got an acknowledgement is in Kafka exactly once, and the CSV bridge's re-run
 * publishes only the rows that were missing.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KillNineFaultIT {

    /** Rows between the CSV bridge's progress markers in the kill -9 test. */
    private static final int CHUNK_ROWS = 2_000;

    private static final Duration HEALTHY = Duration.ofSeconds(240);
    private static final String JAR = "enlace.platform.jar";

    private static String builtJar;
    private static Path privateJar;

    /**
     * The processes run a private copy of the platform jar: another build of the same work tree may rewrite
     * {@code target/enlace-platform.jar} while they run, and a JVM whose jar changes underneath fails to load classes.
     */
    @BeforeAll
    static void copyTheJar() throws Exception {
        builtJar = System.getProperty(JAR);
        privateJar = Files.createTempFile("enlace-platform-", ".jar");
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
            Files.copy(Path.of(builtJar), privateJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(privateJar.toFile())) {
                return jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
            }
        });
        System.setProperty(JAR, privateJar.toString());
    }

    @AfterAll
    static void deleteTheCopy() throws Exception {
        if (builtJar != null) {
            System.setProperty(JAR, builtJar);
        }
        if (privateJar != null) {
            Files.deleteIfExists(privateJar);
        }
    }

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void everySdkEventAcknowledgedBeforeKillMinusNineIsInKafkaExactlyOnceAfterRestart() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<CompletableFuture<PublishReceipt>> inFlight = new ArrayList<>();
        try (PlatformProcess first = PlatformProcess.up(dataDir)) {
            first.awaitHealthy(HEALTHY);
            // A short max.block.ms: sends after the kill fail fast instead of each waiting 10 s for metadata.
            try (EventPublisher publisher = FaultKit.renapPublisher(first.bootstrapServers(), first.registryUrl(),
                     Map.of(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000))) {
                int afterKill = 0;
                for (int i = 0; afterKill < 50; i++) {
                    try {
                        CompletableFuture<PublishReceipt> ack = publisher.publish(BIRTHS, SampleEvents.sampleFor(BIRTHS, i));
                        ack.whenComplete((receipt, error) -> {
                            if (receipt != null) {
                                acknowledged.add(receipt.eventId());
                            } else {
                                failures.add(error);
                            }
                        });
                        inFlight.add(ack);
                    } catch (PublishException e) {
                        failures.add(e);
                    }
                    if (first.isAlive() && acknowledged.size() >= 1500) {
                        first.kill9(); // sends are in flight: some acknowledged, some not
                    }
                    if (!first.isAlive()) {
                        afterKill++;
                    }
                }
                // Every send either was acknowledged or fails within delivery.timeout.ms (20 s): none hangs.
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .handle((ok, error) -> null).get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(1500);
        assertThat(failures).as("sends after the kill fail").isNotEmpty();
        assertThat(failures).allSatisfy(error -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            assertThat(cause).isInstanceOf(PublishException.class);
            assertThat(((PublishException) cause).error().retriable()).as(cause.getMessage()).isTrue();
        });

        try (PlatformProcess second = PlatformProcess.up(dataDir)) {
            second.awaitHealthy(HEALTHY);
            Map<String, Long> inKafka = FaultKit.counts(FaultKit.ceIds(second.bootstrapServers(), BIRTHS));
            System.out.printf("kill -9 under the SDK: %d acknowledged, %d failed (retriable), %d records in Kafka%n",
                acknowledged.size(), failures.size(), inKafka.values().stream().mapToLong(Long::longValue).sum());
            assertThat(acknowledged).allSatisfy(id -> assertThat(inKafka.get(id)).as("copies of " + id).isEqualTo(1L));
        }
    }

    @Test
    void everyGatewayAnswer200BeforeKillMinusNineIsInKafkaExactlyOnceAndRetriesWithTheSameKeyComplete() throws Exception {
        int clients = 4;
        Map<String, List<String>> answered = new ConcurrentHashMap<>(); // Idempotency-Key -> ce_ids of its 200
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        AtomicInteger requests = new AtomicInteger();
        try (PlatformProcess first = PlatformProcess.up(dataDir)) {
            first.awaitHealthy(HEALTHY);
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    for (int n = 0; ; n++) {
                        String key = "client-" + client + "-" + n;
                        requests.incrementAndGet();
                        try {
                            HttpResponse<String> response = postBatch(first.httpUrl(), key);
                            if (response.statusCode() == 200) {
                                answered.put(key, ids(response.body()));
                                continue;
                            }
                            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                        } catch (IOException connectionLost) {
                            // the platform died with this request in flight
                        }
                        unanswered.add(key);
                        if (killed.get()) {
                            return null;
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (answered.size() < 150 && System.nanoTime() < deadline) {
                first.process().waitFor(50, TimeUnit.MILLISECONDS);
            }
            first.kill9();
            killed.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(answered).hasSizeGreaterThanOrEqualTo(150);
        Map<String, List<String>> beforeKill = Map.copyOf(answered);

        try (PlatformProcess second = PlatformProcess.up(dataDir)) {
            second.awaitHealthy(HEALTHY);
            Map<String, List<String>> retried = new ConcurrentHashMap<>();
            for (String key : unanswered) {
                HttpResponse<String> response = postBatch(second.httpUrl(), key);
                assertThat(response.statusCode()).as(key + ": " + response.body()).isEqualTo(200);
                retried.put(key, ids(response.body()));
            }
            Map<String, Long> inKafka = FaultKit.counts(FaultKit.ceIds(second.bootstrapServers(), BIRTHS));
            long duplicates = inKafka.values().stream().filter(n -> n > 1).count();
            System.out.printf("kill -9 under the gateway: %d requests, %d answered 200 before the kill, %d retried after "
                    + "restart, %d records in Kafka, %d ce_ids twice (retries of unanswered requests, same ce_id)%n",
                requests.get(), beforeKill.size(), retried.size(), inKafka.values().stream().mapToLong(Long::longValue).sum(),
                duplicates);
            beforeKill.forEach((key, ids) -> assertThat(ids).allSatisfy(id ->
                assertThat(inKafka.get(id)).as("copies of " + id + " (" + key + ")").isEqualTo(1L)));
            retried.forEach((key, ids) -> assertThat(ids).allSatisfy(id ->
                assertThat(inKafka.get(id)).as("copies of " + id + " (" + key + ")").isBetween(1L, 2L)));
            // The answer a key got is the one its retry gets: same events, same ids.
            for (String key : beforeKill.keySet().stream().limit(5).toList()) {
                HttpResponse<String> replay = postBatch(second.httpUrl(), key);
                assertThat(replay.headers().firstValue("Idempotency-Replayed")).contains("true");
                assertThat(ids(replay.body())).isEqualTo(beforeKill.get(key));
            }
        }
    }

    @Test
    void theCsvBridgeRerunAfterKillMinusNinePublishesOnlyTheMissingRows() throws Exception {
        // Small chunks keep the test short; the guarantee is the same at the default of 10,000.
        int rows = 20_000;
        Path csv = work.resolve("births.csv");
        String sha256 = writeBirthsCsv(csv, rows);
        long killedAtOffset;
        try (PlatformProcess first = PlatformProcess.up(dataDir)) {
            first.awaitHealthy(HEALTHY);
            Process bridge = publishCsv(first, csv);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                long published = 0;
                // Past the first progress marker and well inside the second chunk.
                while (published < CHUNK_ROWS + 600 && bridge.isAlive() && System.nanoTime() < deadline) {
                    published = endOffset(admin, BIRTHS);
                    bridge.waitFor(100, TimeUnit.MILLISECONDS);
                }
                killedAtOffset = published;
            }
            assertThat(bridge.isAlive()).as("the bridge is still publishing when the platform dies").isTrue();
            first.kill9();
            // The machine went down: the bridge dies with it.
            bridge.destroyForcibly().waitFor();
        }

        try (PlatformProcess second = PlatformProcess.up(dataDir)) {
            second.awaitHealthy(HEALTHY);
            Process rerun = publishCsv(second, csv);
            assertThat(rerun.waitFor(180, TimeUnit.SECONDS)).as("the re-run finishes").isTrue();
            String output = Files.readString(Path.of(csv + ".out"));
            assertThat(rerun.exitValue()).as(output).isZero();
            long skipped = number(output, "Skipped\\s+([\\d,]+)");
            long republished = number(output, "Published\\s+([\\d,]+)");
            List<String> ids = FaultKit.ceIds(second.bootstrapServers(), BIRTHS);
            Map<String, Long> inKafka = FaultKit.counts(ids);
            System.out.printf("kill -9 under the CSV bridge: %d rows, killed at %d records in Kafka; re-run skipped %d, "
                + "published %d; %d records in Kafka, %d distinct ce_ids%n", rows, killedAtOffset, skipped, republished,
                ids.size(), inKafka.size());
            assertThat(skipped).as("rows covered by a progress marker").isGreaterThanOrEqualTo(CHUNK_ROWS);
            assertThat(skipped + republished).as("the re-run publishes exactly the missing rows").isEqualTo(rows);
            assertThat(inKafka).hasSize(rows);
            for (long row = 2; row <= rows + 1; row++) {
                String id = CsvEventIds.eventId(BIRTHS, sha256, row);
                // Rows before the marker went once; rows of the interrupted chunk at most twice, same ce_id.
                assertThat(inKafka.get(id)).as("copies of row " + row).isBetween(1L, row <= skipped + 1 ? 1L : 2L);
            }
            assertThat(ids.size() - rows).as("duplicates are bounded by the interrupted chunk").isLessThanOrEqualTo(CHUNK_ROWS);
        }
    }

    private static HttpResponse<String> postBatch(String httpUrl, String key) throws Exception {
        // The body is a function of the key, as a real client's retry is.
        ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        int seed = Math.floorMod(key.hashCode(), SampleEvents.MAX_INDEX - 2);
        batch.add(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, seed)));
        batch.add(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, seed + 1)));
        return FaultKit.post(httpUrl + "/api/v1/topics/" + BIRTHS + "/events", "application/json",
            JsonText.mapper().writeValueAsBytes(batch), Map.of("Idempotency-Key", key));
    }

    private static List<String> ids(String body) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode event : JsonText.mapper().readTree(body).path("events")) {
            ids.add(event.path("id").asText());
        }
        assertThat(ids).as(body).isNotEmpty();
        return ids;
    }

    /** A CSV of sample birth registrations in the bridge's own template format; returns its SHA-256. */
    private static String writeBirthsCsv(Path file, int rows) throws Exception {
        Schema schema = FaultKit.CATALOG.topic(BIRTHS).orElseThrow().schema();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(csvLine(CsvTemplate.header(schema)));
            for (int i = 0; i < rows; i++) {
                SpecificRecord sample = SampleEvents.sampleFor(BIRTHS, i);
                out.write(csvLine(CsvTemplate.row(schema, sample)));
            }
        }
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (String cell : cells) {
            if (line.length() > 0) {
                line.append(',');
            }
            line.append(cell.matches(".*[,\"\r\n].*") ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        return line.append("\r\n").toString();
    }

    /** {@code enlace publish-csv} in its own JVM against the platform process; output in {@code <csv>.out}. */
    private static Process publishCsv(PlatformProcess platform, Path csv) throws IOException {
        String jar = System.getProperty(JAR);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-Xmx256m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace",
            "-jar", jar, "publish-csv", "--institution", "renap", "--topic", BIRTHS,
            "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl(), "--chunk-rows", String.valueOf(CHUNK_ROWS), csv.toString())
            .redirectErrorStream(true).redirectOutput(Path.of(csv + ".out").toFile()).start();
    }

    private static long endOffset(Admin admin, String topic) {
        try {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static long number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }
}
