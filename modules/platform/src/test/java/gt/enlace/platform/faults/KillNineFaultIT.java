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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import gt.enlace.publisher.PublishOptions;
import gt.enlace.publisher.PublishReceipt;
import gt.enlace.publisher.csv.CsvEventIds;
import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.publisher.csv.KafkaCsvProgressStore;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enlace up} killed with SIGKILL while the SDK, the HTTP gateway and the CSV bridge all publish to it at once,
 * then restarted on the same data directory: every event that got an acknowledgement on any of the three is in Kafka
 * exactly once, retries with the same {@code Idempotency-Key} get the first answer, and the CSV bridge's re-run
 * publishes only the rows that were missing. The SDK talks to the broker directly; the broker runs inside
 * {@code enlace up}, so the kill takes it down too.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KillNineFaultIT {

    /** Rows of the CSV file; small chunks keep the test short, the guarantee is the same at the default of 10,000. */
    private static final int CSV_ROWS = 20_000;
    /** Rows between the CSV bridge's progress markers. */
    private static final int CHUNK_ROWS = 2_000;
    /** SDK sends acknowledged before the kill, at least. */
    private static final int SDK_ACKNOWLEDGED = 1_000;
    /** SDK sends in flight at most: a steady stream, not a flood. */
    private static final int SDK_WINDOW = 100;
    /** SDK sends after the kill, which must fail with a retriable error. */
    private static final int SDK_SENDS_AFTER_KILL = 50;
    /** HTTP clients posting to the gateway. */
    private static final int GATEWAY_CLIENTS = 4;
    /** Gateway keys answered 200 before the kill, at least. */
    private static final int GATEWAY_ANSWERED = 100;

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

    /** What a test started, stopped last-started first whatever the outcome. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @AfterEach
    void stopWhatTheTestStarted() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }

    @Test
    void everyEventAcknowledgedToTheSdkTheGatewayAndTheCsvBridgeBeforeKillMinusNineIsInKafkaExactlyOnceAfterRestart()
        throws Exception {
        Path csv = work.resolve("births.csv");
        String sha256 = writeBirthsCsv(csv, CSV_ROWS);

        Set<String> sdkSent = ConcurrentHashMap.newKeySet();
        Set<String> sdkAcknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> sdkFailures = new CopyOnWriteArrayList<>();
        List<CompletableFuture<PublishReceipt>> sdkSends = new CopyOnWriteArrayList<>();
        AtomicInteger sdkEnded = new AtomicInteger();
        Map<String, List<String>> answered = new ConcurrentHashMap<>(); // Idempotency-Key -> ce_ids of its 200
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger requestsInFlight = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();

        long t0 = System.nanoTime();
        PlatformProcess first = start(PlatformProcess.up(dataDir));
        first.awaitHealthy(HEALTHY);
        long healthy = System.nanoTime();
        long sdkAcknowledgedAtKill = 0;
        long sdkInFlightAtKill = 0;
        long answeredAtKill = 0;
        long requestsInFlightAtKill = 0;
        long csvMarkersAtKill = 0;
        long csvSentAtKill = 0;
        long killedAt;
        boolean bridgeRunningAtKill;
        Path firstRun = work.resolve("first-run.out");
        PlatformProcess second;
        // A short max.block.ms: sends after the kill fail fast instead of each waiting 10 s for metadata.
        try (EventPublisher publisher = FaultKit.renapPublisher(first.bootstrapServers(), first.registryUrl(),
                 Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000))) {
            ExecutorService pool = Executors.newFixedThreadPool(GATEWAY_CLIENTS + 1);
            started.push(pool::shutdownNow);
            List<Future<?>> channels = new ArrayList<>();
            channels.add(pool.submit(() -> {
                // The SDK: a bounded window of sends in flight until the kill, then a few more that must fail.
                int afterKill = 0;
                for (int i = 0; afterKill < SDK_SENDS_AFTER_KILL; i++) {
                    while (!killed.get() && sdkSent.size() - sdkEnded.get() >= SDK_WINDOW) {
                        Thread.sleep(1);
                    }
                    boolean afterTheKill = killed.get();
                    String id = UUID.nameUUIDFromBytes(("kill-9 sdk " + i).getBytes(StandardCharsets.UTF_8)).toString();
                    sdkSent.add(id);
                    try {
                        CompletableFuture<PublishReceipt> ack = publisher.publish(BIRTHS,
                            SampleEvents.sampleFor(BIRTHS, i % SampleEvents.MAX_INDEX), PublishOptions.defaults().withEventId(id));
                        ack.whenComplete((receipt, error) -> {
                            if (receipt != null) {
                                sdkAcknowledged.add(receipt.eventId());
                            } else {
                                sdkFailures.add(error);
                            }
                            sdkEnded.incrementAndGet();
                        });
                        sdkSends.add(ack);
                    } catch (PublishException e) {
                        sdkFailures.add(e);
                        sdkEnded.incrementAndGet();
                    }
                    if (afterTheKill) {
                        afterKill++;
                    }
                    Thread.sleep(2); // a steady stream, not a flood that starves the other two channels of CPU
                }
                return null;
            }));
            for (int c = 0; c < GATEWAY_CLIENTS; c++) {
                int client = c;
                channels.add(pool.submit(() -> {
                    // The gateway: each client posts batches back to back, each with its own Idempotency-Key.
                    for (int n = 0; ; n++) {
                        String key = "client-" + client + "-" + n;
                        requests.incrementAndGet();
                        requestsInFlight.incrementAndGet();
                        try {
                            HttpResponse<String> response = postBatch(first.httpUrl(), key);
                            if (response.statusCode() == 200) {
                                answered.put(key, ids(response.body()));
                                continue;
                            }
                            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                        } catch (IOException connectionLost) {
                            // the platform died with this request in flight
                        } finally {
                            requestsInFlight.decrementAndGet();
                        }
                        unanswered.add(key);
                        if (killed.get()) {
                            return null;
                        }
                    }
                }));
            }

            // The bridge's JVM takes longest to get going: it starts with the other two and is the last to be busy.
            Process bridge = publishCsv(first, csv, firstRun);
            started.push(bridge::destroyForcibly);
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                while (bridge.isAlive() && System.nanoTime() < deadline) {
                    // What is checked is what is reported: in flight can drop to 0 between a check and the kill.
                    sdkAcknowledgedAtKill = sdkAcknowledged.size();
                    sdkInFlightAtKill = sdkSent.size() - sdkEnded.get();
                    answeredAtKill = answered.size();
                    requestsInFlightAtKill = requestsInFlight.get();
                    boolean sdkBusy = sdkAcknowledgedAtKill >= SDK_ACKNOWLEDGED && sdkInFlightAtKill > 0;
                    boolean gatewayBusy = answeredAtKill >= GATEWAY_ANSWERED && requestsInFlightAtKill > 0;
                    // Rows handed to Kafka so far, from the progress line the bridge prints about twice a second.
                    String progress = new String(Files.readAllBytes(firstRun), StandardCharsets.UTF_8);
                    csvSentAtKill = number(progress, "published ([\\d,]+)");
                    if (sdkBusy && gatewayBusy && csvSentAtKill >= CHUNK_ROWS + CHUNK_ROWS / 4) {
                        // The "started" marker and the first chunk's: it is acknowledged, and the bridge is well into the second.
                        csvMarkersAtKill = endOffset(admin, KafkaCsvProgressStore.TOPIC);
                        if (csvMarkersAtKill >= 2) {
                            break;
                        }
                    }
                    first.process().waitFor(20, TimeUnit.MILLISECONDS);
                }
                bridgeRunningAtKill = bridge.isAlive();
                first.kill9();
                killed.set(true);
                killedAt = System.nanoTime();
            } finally {
                admin.close(Duration.ofSeconds(5));
            }
            // Restarting right away, while the clients find out about the kill, keeps the test short.
            second = start(PlatformProcess.up(dataDir));
            // The machine went down: the bridge dies with it.
            bridge.destroyForcibly().waitFor();
            for (Future<?> channel : channels) {
                channel.get(60, TimeUnit.SECONDS);
            }
            // Every send either was acknowledged or fails within delivery.timeout.ms (20 s): none hangs.
            CompletableFuture.allOf(sdkSends.toArray(CompletableFuture[]::new)).handle((ok, error) -> null)
                .get(60, TimeUnit.SECONDS);
        }
        System.out.printf("kill -9 under all three channels at once: SDK %d acknowledged and %d in flight, gateway %d keys "
                + "answered and %d requests in flight, CSV bridge %d rows sent, %d progress markers, still running: %s%n",
            sdkAcknowledgedAtKill, sdkInFlightAtKill, answeredAtKill, requestsInFlightAtKill, csvSentAtKill, csvMarkersAtKill,
            bridgeRunningAtKill);
        assertThat(sdkAcknowledgedAtKill).as("SDK sends acknowledged at the kill").isGreaterThanOrEqualTo(SDK_ACKNOWLEDGED);
        assertThat(sdkInFlightAtKill).as("SDK sends in flight at the kill").isPositive();
        assertThat(answeredAtKill).as("gateway keys answered 200 at the kill").isGreaterThanOrEqualTo(GATEWAY_ANSWERED);
        assertThat(requestsInFlightAtKill).as("gateway requests in flight at the kill").isPositive();
        assertThat(csvMarkersAtKill).as("CSV progress markers at the kill: the run's start and its first chunk")
            .isGreaterThanOrEqualTo(2);
        assertThat(csvSentAtKill).as("CSV rows sent at the kill").isGreaterThanOrEqualTo(CHUNK_ROWS + CHUNK_ROWS / 4);
        assertThat(bridgeRunningAtKill).as("the bridge is still publishing when the platform dies; its output:%n%s",
            new String(Files.readAllBytes(firstRun), StandardCharsets.UTF_8)).isTrue();

        assertThat(sdkAcknowledged.size() + sdkFailures.size()).as("SDK sends that ended, acknowledged or failed")
            .isEqualTo(sdkSent.size());
        assertThat(sdkSent).containsAll(sdkAcknowledged);
        assertThat(sdkFailures).as("SDK sends in flight at the kill and after it fail").isNotEmpty();
        assertThat(sdkFailures).allSatisfy(error -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            assertThat(cause).isInstanceOf(PublishException.class);
            assertThat(((PublishException) cause).error().retriable()).as(cause.getMessage()).isTrue();
        });
        Map<String, List<String>> beforeKill = Map.copyOf(answered);

        second.awaitHealthy(HEALTHY);
        long healthyAgain = System.nanoTime();
        Path rerunOutput = work.resolve("re-run.out");
        Process rerun = publishCsv(second, csv, rerunOutput);
        started.push(rerun::destroyForcibly);
        // While the bridge re-runs: the gateway's clients retry what got no answer, with the same key and body.
        Map<String, List<String>> retried = new HashMap<>();
        for (String key : unanswered) {
            HttpResponse<String> response = postBatch(second.httpUrl(), key);
            assertThat(response.statusCode()).as(key + ": " + response.body()).isEqualTo(200);
            retried.put(key, ids(response.body()));
        }
        // A second retry, and a retry of every key answered before the kill, replay the first answer and publish nothing.
        Map<String, List<String>> everyAnswer = new HashMap<>(beforeKill);
        everyAnswer.putAll(retried);
        for (Map.Entry<String, List<String>> first200 : everyAnswer.entrySet()) {
            HttpResponse<String> replay = postBatch(second.httpUrl(), first200.getKey());
            assertThat(replay.statusCode()).as(first200.getKey() + ": " + replay.body()).isEqualTo(200);
            assertThat(replay.headers().firstValue("Idempotency-Replayed")).as(first200.getKey()).contains("true");
            assertThat(ids(replay.body())).as(first200.getKey()).isEqualTo(first200.getValue());
        }
        assertThat(rerun.waitFor(180, TimeUnit.SECONDS)).as("the re-run finishes").isTrue();
        String output = Files.readString(rerunOutput);
        assertThat(rerun.exitValue()).as(output).isZero();
        long skipped = number(output, "Skipped\\s+([\\d,]+)");
        long republished = number(output, "Published\\s+([\\d,]+)");
        long found = number(output, "Resumed.*; ([\\d,]+) rows it had sent were already in Kafka");

        List<String> ids = FaultKit.ceIds(second.bootstrapServers(), BIRTHS);
        Map<String, Long> inKafka = FaultKit.counts(ids);
        Set<String> gatewayIds = new HashSet<>();
        everyAnswer.values().forEach(gatewayIds::addAll);
        Map<Long, String> csvIds = new HashMap<>();
        for (long row = 2; row <= CSV_ROWS + 1; row++) { // row 1 is the header
            csvIds.put(row, CsvEventIds.eventId(BIRTHS, sha256, row));
        }
        long sdkRecords = records(inKafka, sdkSent);
        long gatewayRecords = records(inKafka, gatewayIds);
        Set<String> csvIdSet = Set.copyOf(csvIds.values());
        long csvRecords = records(inKafka, csvIdSet);
        System.out.printf("kill -9, SDK: %d sent, %d acknowledged, %d failed (retriable), %d records in Kafka%n",
            sdkSent.size(), sdkAcknowledged.size(), sdkFailures.size(), sdkRecords);
        System.out.printf("kill -9, gateway: %d requests, %d keys answered 200 before the kill, %d retried after the restart, "
            + "%d records in Kafka, %d ce_ids twice (retries of unanswered requests, same ce_id)%n", requests.get(),
            beforeKill.size(), retried.size(), gatewayRecords,
            gatewayIds.stream().filter(id -> inKafka.getOrDefault(id, 0L) > 1).count());
        System.out.printf("kill -9, CSV bridge: %d rows, re-run skipped %d (%d of them sent after the last marker and found "
                + "in Kafka) and published %d; %d records in Kafka, %d distinct%n",
            CSV_ROWS, skipped, found, republished, csvRecords, csvIds.values().stream().filter(inKafka::containsKey).count());

        System.out.printf("kill -9, timeline: healthy after %.1f s, killed %.1f s later, healthy again %.1f s after the kill, "
            + "checked %.1f s later%n", (healthy - t0) / 1e9, (killedAt - healthy) / 1e9, (healthyAgain - killedAt) / 1e9,
            (System.nanoTime() - healthyAgain) / 1e9);
        assertThat(inKafka.keySet()).as("every record in the topic was sent by one of the three channels")
            .allMatch(id -> sdkSent.contains(id) || gatewayIds.contains(id) || csvIdSet.contains(id));
        assertThat(sdkRecords + gatewayRecords + csvRecords).isEqualTo(ids.size());

        // SDK: acknowledged means in Kafka, once; the idempotent producer never writes an event twice.
        assertThat(sdkAcknowledged).allSatisfy(id -> assertThat(inKafka.get(id)).as("copies of SDK event " + id).isEqualTo(1L));
        assertThat(sdkSent).allSatisfy(id ->
            assertThat(inKafka.getOrDefault(id, 0L)).as("copies of SDK event " + id).isLessThanOrEqualTo(1L));
        assertThat(sdkRecords).as("SDK records: the acknowledged ones and perhaps some in flight at the kill")
            .isBetween((long) sdkAcknowledged.size(), (long) sdkSent.size());

        // Gateway: a 200 before the kill means in Kafka once, even after its replay; a retry of a request the kill left
        // unanswered may add one copy of events that were already written, under the same ce_id.
        beforeKill.forEach((key, keyIds) -> assertThat(keyIds).allSatisfy(id ->
            assertThat(inKafka.get(id)).as("copies of " + id + " (" + key + ")").isEqualTo(1L)));
        retried.forEach((key, keyIds) -> assertThat(keyIds).allSatisfy(id ->
            assertThat(inKafka.get(id)).as("copies of " + id + " (" + key + ")").isBetween(1L, 2L)));

        // CSV bridge: the re-run skips the marked chunks and the rows of the interrupted chunk that Kafka already has, and
        // publishes exactly the rest: every row is in Kafka exactly once.
        assertThat(output).as("the re-run resumes the interrupted run, with no warning of duplicates").contains("Resumed")
            .doesNotContain("Warning");
        assertThat(skipped).as("rows covered by a progress marker or found in Kafka").isGreaterThanOrEqualTo(CHUNK_ROWS);
        assertThat(republished).as("rows the kill left unsent").isPositive();
        assertThat(skipped + republished).as("the re-run publishes exactly the missing rows").isEqualTo(CSV_ROWS);
        csvIds.forEach((row, id) -> assertThat(inKafka.get(id)).as("copies of row " + row).isEqualTo(1L));
        assertThat(csvRecords).as("CSV records in Kafka: one per row").isEqualTo(CSV_ROWS);
    }

    private <T extends AutoCloseable> T start(T resource) {
        started.push(resource);
        return resource;
    }

    /** How many records in the topic carry one of {@code ids}. */
    private static long records(Map<String, Long> inKafka, Set<String> ids) {
        return inKafka.entrySet().stream().filter(e -> ids.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
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

    /** {@code enlace publish-csv} in its own JVM against the platform process, its output in {@code output}. */
    private static Process publishCsv(PlatformProcess platform, Path csv, Path output) throws IOException {
        String jar = System.getProperty(JAR);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-Xmx256m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace",
            "-jar", jar, "publish-csv", "--institution", "renap", "--topic", BIRTHS,
            "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl(),
            "--chunk-rows", String.valueOf(CHUNK_ROWS), csv.toString())
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
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

    /** The last number {@code regex} captures in {@code output}, 0 if none. */
    private static long number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        return last;
    }
}
