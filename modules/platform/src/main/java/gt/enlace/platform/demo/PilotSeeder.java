package gt.enlace.platform.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.bus.headers.Channel;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublisherConfig;
import gt.enlace.publisher.csv.CsvBridge;
import gt.enlace.publisher.csv.CsvOptions;
import gt.enlace.publisher.csv.CsvResult;
import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.publisher.csv.KafkaCsvProgressStore;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.survey.exchanges.ManualExchange;
import gt.enlace.survey.exchanges.ManualExchangeValidator;
import gt.enlace.survey.instrument.InstrumentLoader;
import gt.enlace.survey.pilot.PilotPlan;
import gt.enlace.survey.pilot.SyntheticPilot;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Seeds the <b>synthetic</b> pilot ({@link SyntheticPilot}) into a running platform through the paths institutions
 * use: survey responses and manual-exchange declarations through the survey API ({@code /api/v1/survey/...}), events
 * through the SDK ({@link EventPublisher}), the HTTP gateway ({@code /api/v1/topics/{topic}/events}) and the CSV
 * bridge ({@link CsvBridge}), each with its own {@code ce_channel}. The platform must run the gateway and survey
 * roles.
 */
public final class PilotSeeder {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String bootstrapServers;
    private final String registryUrl;
    private final String httpUrl;
    private final TopicCatalog catalog;
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param bootstrapServers Kafka
     * @param registryUrl      the schema registry
     * @param httpUrl          the platform's HTTP base URL, e.g. {@code http://127.0.0.1:8080}
     * @param catalog          the catalog the platform runs with
     * @param workDir          where the CSV files for the bridge are written
     */
    public PilotSeeder(String bootstrapServers, String registryUrl, String httpUrl, TopicCatalog catalog, Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.httpUrl = httpUrl;
        this.catalog = catalog;
        this.workDir = workDir;
    }

    /**
     * What was seeded.
     *
     * @param plan            the plan
     * @param responses       responses the survey API accepted
     * @param declarations    manual exchanges the survey API accepted
     * @param eventsByChannel events Kafka acknowledged, by channel code
     */
    public record Result(PilotPlan plan, int responses, int declarations, Map<String, Integer> eventsByChannel) {

        /** Prints a short summary and where to look. */
        public void print(PrintWriter out, String httpUrl) {
            out.printf("Synthetic pilot (SINTÉTICO: demonstration data, not real figures): %d institutions, rounds %s%n",
                plan.institutions().size(), String.join(" and ", plan.rounds()));
            out.printf("  %d survey responses, %d manual exchanges declared (%,d records), moved to the bus: %s%n",
                responses, declarations, plan.manualRecords(), String.join(", ", plan.movedToBus()));
            StringBuilder channels = new StringBuilder();
            eventsByChannel.forEach((channel, n) -> channels.append(channels.isEmpty() ? "" : ", ").append(channel)
                .append(' ').append(n));
            out.println("  Bus events by channel: " + channels);
            out.println("  Dashboard: " + httpUrl + "/dashboard   (API: " + httpUrl + "/api/v1/survey/overview)");
        }
    }

    /** Seeds the plan for today (Guatemala's calendar). */
    public Result seed(Consumer<String> progress) throws IOException, InterruptedException {
        LocalDate today = LocalDate.now(ManualExchangeValidator.GUATEMALA);
        return seed(SyntheticPilot.plan(catalog, InstrumentLoader.loadDefault(), today), progress);
    }

    /**
     * Seeds {@code plan}.
     *
     * @throws IllegalStateException naming the step, topic or institution the platform refused
     */
    public Result seed(PilotPlan plan, Consumer<String> progress) throws IOException, InterruptedException {
        int responses = 0;
        for (PilotPlan.PlannedResponse r : plan.responses()) {
            ObjectNode body = JSON.objectNode();
            body.put("institution", r.institution());
            body.put("respondent", SyntheticPilot.RESPONDENT);
            body.put("origin", "other");
            ObjectNode answers = body.putObject("answers");
            r.answers().forEach(answers::put);
            post("/api/v1/survey/rounds/" + r.round() + "/responses", body.toString(), 202, r.institution() + "/" + r.round());
            responses++;
        }
        progress.accept("Synthetic pilot: " + responses + " survey responses submitted through the survey API ("
            + String.join(", ", plan.rounds()) + ")");
        int declarations = 0;
        for (ManualExchange e : plan.exchanges()) {
            ObjectNode body = JSON.objectNode();
            body.put("institution", e.institution());
            body.put("counterpart", e.counterpart());
            body.put("direction", e.direction().name().toLowerCase(Locale.ROOT));
            body.put("records", e.records());
            body.put("medium", e.medium().name().toLowerCase(Locale.ROOT));
            body.put("date", e.date().toString());
            body.put("description", e.description());
            post("/api/v1/survey/manual-exchanges", body.toString(), 202, e.institution() + " → " + e.counterpart());
            declarations++;
        }
        progress.accept("Synthetic pilot: " + declarations + " manual exchanges declared through the survey API");

        Map<String, Integer> byChannel = new TreeMap<>();
        for (PilotPlan.Publication p : plan.publications()) {
            int published = switch (p.channel()) {
                case SDK -> viaSdk(p);
                case GATEWAY -> viaGateway(p);
                case CSV_BRIDGE -> viaCsvBridge(p);
                case DECLARED_MANUAL -> throw new IllegalArgumentException("declared-manual is not a publication channel");
            };
            byChannel.merge(p.channel().code(), published, Integer::sum);
            progress.accept("Synthetic pilot: " + published + " event(s) to " + p.topic() + " via " + p.channel().code());
        }
        int subscriptions = subscribe(plan);
        progress.accept("Synthetic pilot: " + subscriptions + " synthetic subscriptions (consumer groups <institution>."
            + SyntheticPilot.SOURCE_SYSTEM + ") read the movers' topics; the survey role samples them within a minute");
        return new Result(plan, responses, declarations, byChannel);
    }

    /**
     * Who subscribes to which mover's topic in the synthetic pilot: consumer institution → topics. Each reads as the
     * consumer group {@code <institution>.demo-sintetico}, so that the dashboard's active subscriptions, subscribers
     * and digital edges show synthetic, labelled readers.
     */
    static final Map<String, List<String>> SUBSCRIPTIONS = subscriptions();

    private static Map<String, List<String>> subscriptions() {
        Map<String, List<String>> s = new java.util.LinkedHashMap<>();
        s.put("mineduc", List.of("gt.renap.birth-registered.v1"));
        s.put("mspas", List.of("gt.renap.birth-registered.v1"));
        s.put("ine", List.of("gt.renap.birth-registered.v1", "gt.renap.death-registered.v1",
            "gt.mspas.vaccination-applied.v1"));
        s.put("igss", List.of("gt.renap.death-registered.v1"));
        s.put("tse", List.of("gt.renap.death-registered.v1", "gt.renap.dpi-issued.v1"));
        s.put("sat", List.of("gt.rm.company-registered.v1"));
        return java.util.Collections.unmodifiableMap(s);
    }

    /**
     * Each synthetic subscriber reads its topics (those the plan published to) to their end and commits, as an
     * integrator's consumer group does; the survey role's subscription sampler then sees its offsets advance.
     *
     * @return the group and topic pairs that committed
     */
    private int subscribe(PilotPlan plan) {
        java.util.Set<String> published = new java.util.HashSet<>();
        plan.publications().forEach(p -> published.add(p.topic()));
        int pairs = 0;
        for (Map.Entry<String, List<String>> entry : SUBSCRIPTIONS.entrySet()) {
            List<String> topics = entry.getValue().stream().filter(published::contains).toList();
            if (topics.isEmpty()) {
                continue;
            }
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, entry.getKey() + "." + SyntheticPilot.SOURCE_SYSTEM);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-demo-pilot-subscriber-" + entry.getKey());
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    consumer.partitionsFor(topic, HTTP_TIMEOUT).forEach(info ->
                        partitions.add(new TopicPartition(topic, info.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, HTTP_TIMEOUT);
                long deadline = System.nanoTime() + HTTP_TIMEOUT.toNanos();
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                partitions.forEach(tp -> offsets.put(tp, new OffsetAndMetadata(consumer.position(tp))));
                consumer.commitSync(offsets, HTTP_TIMEOUT);
                pairs += topics.size();
            }
        }
        return pairs;
    }

    /**
     * Waits until the observed metrics (the survey role's Kafka Streams topology) count at least the seeded events
     * of every channel, so that the dashboard shows them.
     *
     * @return whether they did within {@code timeout}
     */
    public boolean awaitObserved(Result result, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(httpUrl + "/api/v1/survey/overview")).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                com.fasterxml.jackson.databind.JsonNode bus = response.statusCode() == 200
                    ? mapper.readTree(response.body()).path("bus") : null;
                if (bus != null && bus.isObject()
                    && bus.path("sdk").asLong() >= result.eventsByChannel().getOrDefault(Channel.SDK.code(), 0)
                    && bus.path("gateway").asLong() >= result.eventsByChannel().getOrDefault(Channel.GATEWAY.code(), 0)
                    && bus.path("csvBridge").asLong() >= result.eventsByChannel().getOrDefault(Channel.CSV_BRIDGE.code(), 0)) {
                    return true;
                }
            } catch (IOException e) {
                // The platform is still busy; ask again.
            }
            Thread.sleep(500);
        }
        return false;
    }

    private int viaSdk(PilotPlan.Publication p) {
        try (EventPublisher publisher = new EventPublisher(publisherConfig(p.institution(), Channel.SDK), catalog)) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < p.count(); i++) {
                acks.add(publisher.publish(p.topic(), SampleEvents.sampleFor(p.topic(), p.firstIndex() + i)));
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            } catch (RuntimeException e) {
                throw new IllegalStateException("the SDK could not publish the synthetic events of " + p.topic() + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
            }
            return p.count();
        }
    }

    private int viaGateway(PilotPlan.Publication p) throws IOException, InterruptedException {
        ArrayNode batch = JSON.arrayNode();
        for (int i = 0; i < p.count(); i++) {
            batch.add(PlainJson.toJson(SampleEvents.sampleFor(p.topic(), p.firstIndex() + i)));
        }
        post("/api/v1/topics/" + p.topic() + "/events", batch.toString(), 200, p.topic());
        return p.count();
    }

    private int viaCsvBridge(PilotPlan.Publication p) throws IOException {
        TopicDefinition topic = catalog.topic(p.topic()).orElseThrow();
        Files.createDirectories(workDir);
        Path file = workDir.resolve(p.topic() + ".csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            // The header and the first row as `enlace publish template` writes them; the other rows alike.
            SpecificRecord first = SampleEvents.sampleFor(p.topic(), p.firstIndex());
            CsvTemplate.write(topic.schema(), first, out);
            for (int i = 1; i < p.count(); i++) {
                out.write(line(CsvTemplate.row(topic.schema(), SampleEvents.sampleFor(p.topic(), p.firstIndex() + i))));
            }
        }
        try (EventPublisher publisher = new EventPublisher(publisherConfig(p.institution(), Channel.CSV_BRIDGE), catalog);
             KafkaCsvProgressStore progress = new KafkaCsvProgressStore(bootstrapServers)) {
            CsvResult result = new CsvBridge(publisher, progress).publish(file, CsvOptions.forTopic(p.topic())
                .withRejectsFile(workDir.resolve(p.topic() + ".rejects.csv")), x -> { });
            if (!result.allPublished()) {
                throw new IllegalStateException("the CSV bridge rejected rows of the synthetic " + file.getFileName()
                    + ": see " + workDir.resolve(p.topic() + ".rejects.csv"));
            }
            // A re-run on the same data directory publishes nothing new: the bridge remembers the file.
            return (int) result.published();
        }
    }

    private Map<String, Object> publisherConfig(String institution, Channel channel) {
        Map<String, Object> config = new HashMap<>();
        config.put(PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        config.put(PublisherConfig.INSTITUTION_CONFIG, institution);
        config.put(PublisherConfig.SYSTEM_CONFIG, SyntheticPilot.SOURCE_SYSTEM);
        config.put(PublisherConfig.CHANNEL_CONFIG, channel.code());
        config.put("client.id", "enlace-demo-pilot-" + institution + "-" + channel.code());
        return config;
    }

    private static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (i > 0) {
                line.append(',');
            }
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.append("\r\n").toString();
    }

    private void post(String path, String json, int expected, String what) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl + path)).timeout(HTTP_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            String body = response.body();
            throw new IllegalStateException("POST " + path + " (" + what + ") answered " + response.statusCode() + ": "
                + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
        }
    }
}
