package gt.enlace.platform.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.platform.TypedRecords;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP gateway on a running platform: every status code, batch semantics, idempotency across a restart. */
class GatewayIT {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final String TAXPAYERS = "gt.sat.taxpayer-registered.v1";
    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dataDir;

    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(dataDir), CATALOG, line -> { });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static HttpResponse<String> post(String topic, String contentType, byte[] body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/api/v1/topics/" + topic + "/events"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> postJson(String topic, JsonNode body) throws Exception {
        return post(topic, "application/json", JsonText.mapper().writeValueAsBytes(body), null);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonText.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    }

    private static ObjectNode sample(String topic, int i) {
        return PlainJson.toJson(SampleEvents.sampleFor(topic, i));
    }

    private static long endOffsets(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int p = 0; p < CATALOG.topic(topic).orElseThrow().partitions(); p++) {
                specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(specs).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    @Test
    void publishesOneEventAndAnswersWithWhereKafkaPutIt() throws Exception {
        HttpResponse<String> response = postJson(BIRTHS, sample(BIRTHS, 11));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode event = json(response).get("events").get(0);
        ConsumerRecord<String, Object> record = TypedRecords.readAt(platform, BIRTHS, event.get("partition").asInt(), event.get("offset").asLong());
        SpecificRecord expected = SampleEvents.sampleFor(BIRTHS, 11);
        SpecificRecord actual = (SpecificRecord) record.value();
        for (int f = 0; f < expected.getSchema().getFields().size(); f++) {
            assertThat(actual.get(f)).as(expected.getSchema().getFields().get(f).name()).isEqualTo(expected.get(f));
        }
        EventHeaders headers = EventHeaders.parse(record.headers());
        assertThat(headers.id()).isEqualTo(event.get("id").asText());
        assertThat(headers.channel()).isEqualTo(Channel.GATEWAY);
        assertThat(headers.source()).isEqualTo("/gt/renap/enlace-gateway");
    }

    @Test
    void publishesABatchAndAnswersPerElement() throws Exception {
        ArrayNode batch = JsonText.mapper().createArrayNode().add(sample(TAXPAYERS, 1)).add(sample(TAXPAYERS, 2)).add(sample(TAXPAYERS, 3));
        HttpResponse<String> response = postJson(TAXPAYERS, batch);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("count").asInt()).isEqualTo(3);
        assertThat(json(response).get("events")).extracting(e -> e.get("index").asInt()).containsExactly(0, 1, 2);
    }

    @Test
    void aBatchWithOneInvalidElementIs422WithPathsAndPublishesNothing() throws Exception {
        ObjectNode bad = sample(BIRTHS, 21);
        bad.put("childCui", "1680352240101");
        ((ObjectNode) bad.get("placeOfBirth")).put("municipalityCode", "99");
        ArrayNode batch = JsonText.mapper().createArrayNode().add(sample(BIRTHS, 20)).add(bad).add(sample(BIRTHS, 22));
        long before = endOffsets(BIRTHS);
        HttpResponse<String> response = postJson(BIRTHS, batch);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode body = json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("errors")).extracting(e -> e.get("path").asText() + " " + e.get("code").asText())
            .contains("$[1].childCui CUI_CHECK_DIGIT", "$[1].placeOfBirth.municipalityCode MUNICIPALITY_CODE");
        assertThat(endOffsets(BIRTHS)).isEqualTo(before);
    }

    @Test
    void hostileInputGetsA4xxNeverA500() throws Exception {
        ObjectNode wrongTypes = sample(BIRTHS, 30);
        wrongTypes.put("book", "ciento");
        wrongTypes.remove("registrationNumber");
        wrongTypes.put("extra", true);
        HttpResponse<String> invalid = postJson(BIRTHS, wrongTypes);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json(invalid).get("errors")).extracting(e -> e.get("path").asText() + " " + e.get("code").asText())
            .containsExactlyInAnyOrder("$.book WRONG_TYPE", "$.registrationNumber REQUIRED", "$.extra UNKNOWN_FIELD");

        HttpResponse<String> malformed = post(BIRTHS, "application/json", "[\n  {\"a\": }\n]".getBytes(StandardCharsets.UTF_8), null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(json(malformed).get("message").asText()).contains("line 2, column");

        byte[] latin1 = "{\"registrationNumber\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(post(BIRTHS, "application/json", latin1, null).statusCode()).isEqualTo(400);

        assertThat(post("gt.renap.nothing.v1", "application/json", "{}".getBytes(), null).statusCode()).isEqualTo(404);
        HttpResponse<String> csv = post(BIRTHS, "text/csv", "a,b".getBytes(), null);
        assertThat(csv.statusCode()).isEqualTo(415);
        assertThat(json(csv).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(post(BIRTHS, null, "{}".getBytes(), null).statusCode()).isEqualTo(415);

        ObjectNode huge = sample(BIRTHS, 31);
        huge.put("facilityName", "x".repeat(10 * 1024 * 1024));
        HttpResponse<String> tooLarge = postJson(BIRTHS, huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");

        ObjectNode bigButUnderTheLimit = sample(BIRTHS, 32);
        bigButUnderTheLimit.put("facilityName", "x".repeat(2 * 1024 * 1024));
        HttpResponse<String> tooMuchText = postJson(BIRTHS, bigButUnderTheLimit);
        assertThat(tooMuchText.statusCode()).isEqualTo(422);
        assertThat(json(tooMuchText).get("errors").get(0).get("code").asText()).isEqualTo("TOO_LARGE");

        assertThat(post(BIRTHS, "application/json", "[]".getBytes(), null).statusCode()).isEqualTo(422);
        assertThat(post(BIRTHS, "application/json", "42".getBytes(), null).statusCode()).isEqualTo(422);
    }

    @Test
    void publishesAnUploadedCsvOnceAndListsItsRejects() throws Exception {
        org.apache.avro.Schema schema = CATALOG.topic(BIRTHS).orElseThrow().schema();
        StringBuilder csv = new StringBuilder(String.join(";", gt.enlace.publisher.csv.CsvTemplate.header(schema))).append("\r\n");
        int sex = gt.enlace.publisher.csv.CsvTemplate.header(schema).indexOf("sex");
        for (int i = 0; i < 5; i++) {
            List<String> row = new java.util.ArrayList<>(gt.enlace.publisher.csv.CsvTemplate.row(schema, SampleEvents.sampleFor(BIRTHS, 500 + i)));
            if (i == 3) {
                row.set(sex, "X");
            }
            csv.append(String.join(";", row.stream().map(c -> c.contains(";") || c.contains(",") ? "\"" + c + "\"" : c).toList())).append("\r\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        long before = endOffsets(BIRTHS);
        HttpResponse<String> first = postTo(BIRTHS + "/csv", "text/csv", file);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode result = json(first);
        assertThat(result.get("published").asInt()).isEqualTo(4);
        assertThat(result.get("rejected").asInt()).isEqualTo(1);
        assertThat(result.get("rejects").get(0).get("row").asInt()).isEqualTo(5);
        assertThat(result.get("rejects").get(0).get("column").asText()).isEqualTo("sex");
        assertThat(endOffsets(BIRTHS) - before).isEqualTo(4);

        HttpResponse<String> again = postTo(BIRTHS + "/csv", "text/csv", file);
        assertThat(json(again).get("published").asInt()).isZero();
        assertThat(json(again).get("alreadyPublished").asInt()).isEqualTo(4);
        assertThat(endOffsets(BIRTHS) - before).isEqualTo(4);

        HttpResponse<String> xlsx = postTo(BIRTHS + "/csv", "application/octet-stream", new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThat(xlsx.statusCode()).isEqualTo(422);
        assertThat(json(xlsx).get("code").asText()).isEqualTo("INVALID_CSV");
        assertThat(postTo(BIRTHS + "/csv", "application/json", file).statusCode()).isEqualTo(415);
    }

    private static HttpResponse<String> postTo(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/api/v1/topics/" + path))
            .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void servesItsOpenApiDocument() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/openapi")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json(response);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        JsonNode responses = doc.get("paths").get("/api/v1/topics/{topic}/events").get("post").get("responses");
        assertThat(responses.fieldNames()).toIterable().contains("200", "400", "403", "404", "413", "415", "422", "503");
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstAnswerAndPublishesOnceEvenAcrossARestart() throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] body = JsonText.mapper().writeValueAsBytes(JsonText.mapper().createArrayNode().add(sample(BIRTHS, 40)).add(sample(BIRTHS, 41)));
        long before = endOffsets(BIRTHS);
        HttpResponse<String> first = post(BIRTHS, "application/json", body, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> second = post(BIRTHS, "application/json", body, key);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotency-Replayed")).contains("true");
        assertThat(endOffsets(BIRTHS) - before).isEqualTo(2);

        byte[] other = JsonText.mapper().writeValueAsBytes(sample(BIRTHS, 42));
        HttpResponse<String> reused = post(BIRTHS, "application/json", other, key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(json(reused).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        platform.close();
        platform = Platform.start(PlatformSettings.ephemeral(dataDir), CATALOG, line -> { });

        HttpResponse<String> afterRestart = post(BIRTHS, "application/json", body, key);
        assertThat(afterRestart.statusCode()).isEqualTo(200);
        assertThat(afterRestart.body()).isEqualTo(first.body());
        assertThat(endOffsets(BIRTHS) - before).isEqualTo(2);
    }
}
