package gt.enlace.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/catalog} against a running platform: every catalog topic with its documented parts, the
 * filters, a version history with the changes between versions, record counts after publishing, and JSON errors.
 */
class CatalogApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();

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

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + pathAndQuery)).timeout(Duration.ofSeconds(90))
            .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String pathAndQuery, int expectedStatus) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(response.body());
    }

    private static List<String> topics(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("topics").forEach(t -> out.add(t.get("topic").asText()));
        return out;
    }

    @Test
    void theCatalogListsEveryTopicWithOwnerDescriptionSchemaFieldsExampleAndSubscribers() throws Exception {
        JsonNode body = getJson("/api/v1/catalog", 200);
        assertThat(topics(body)).containsExactlyElementsOf(CATALOG.topics().stream().map(TopicDefinition::name).toList());
        assertThat(body.get("count").asInt()).isEqualTo(CATALOG.topics().size());
        for (JsonNode entry : body.get("topics")) {
            TopicDefinition topic = CATALOG.topic(entry.get("topic").asText()).orElseThrow();
            assertThat(entry.at("/owner/code").asText()).isEqualTo(topic.owner());
            assertThat(entry.at("/owner/name/es").asText()).isEqualTo(CATALOG.institution(topic.owner()).orElseThrow().nameEs());
            assertThat(entry.at("/description/es").asText()).isEqualTo(topic.descriptionEs());
            assertThat(entry.at("/description/en").asText()).isEqualTo(topic.descriptionEn());
            assertThat(entry.get("classification").asText()).isEqualTo(topic.classification().code());
            assertThat(entry.get("legalBasis").asText()).isEqualTo(topic.legalBasis());
            assertThat(entry.at("/retention/ms").asLong()).isEqualTo(topic.retentionMs());
            assertThat(entry.get("partitions").asInt()).isEqualTo(topic.partitions());
            List<String> fieldNames = new ArrayList<>();
            entry.at("/schema/fields").forEach(f -> {
                if (f.get("depth").asInt() == 0) {
                    fieldNames.add(f.get("name").asText());
                }
            });
            // Another test may have registered a second version with one more field: the catalog's fields stay, in order.
            assertThat(fieldNames).containsSubsequence(topic.schema().getFields().stream().map(Schema.Field::name).toList());
            assertThat(entry.at("/history/available").asBoolean()).as("registry answered").isTrue();
            assertThat(entry.at("/history/versions/0/version").asInt()).isEqualTo(1);
            assertThat(entry.at("/statistics/available").asBoolean()).isTrue();
            assertThat(entry.at("/subscribers/available").asBoolean()).isTrue();
            if (SampleEvents.topics().contains(topic.name())) {
                assertThat(entry.get("example").isObject()).isTrue();
                assertThat(entry.get("example").fieldNames()).toIterable()
                    .containsAll(topic.schema().getFields().stream().map(Schema.Field::name).toList());
            }
        }
    }

    @Test
    void filtersByFieldInstitutionAndTextAndFieldTypesFollowTheLanguage() throws Exception {
        List<String> withNit = CATALOG.topics().stream().filter(t -> carries(t.schema(), "nit", new java.util.HashSet<>()))
            .map(TopicDefinition::name).toList();
        assertThat(withNit).isNotEmpty();
        assertThat(topics(getJson("/api/v1/catalog?field=nit", 200))).containsExactlyElementsOf(withNit);
        assertThat(topics(getJson("/api/v1/catalog?institution=SAT", 200)))
            .containsExactlyElementsOf(CATALOG.topicsOwnedBy("sat").stream().map(TopicDefinition::name).toList());
        assertThat(topics(getJson("/api/v1/catalog?q=" + URLEncoder.encode("no existe tal cosa", StandardCharsets.UTF_8), 200))).isEmpty();

        JsonNode es = getJson("/api/v1/catalog/topics/gt.renap.birth-registered.v1", 200);
        JsonNode en = getJson("/api/v1/catalog/topics/gt.renap.birth-registered.v1?lang=en", 200);
        assertThat(field(es, "dateOfBirth").get("type").asText()).isEqualTo("fecha");
        assertThat(field(en, "dateOfBirth").get("type").asText()).isEqualTo("date");
        assertThat(field(es, "childCui").get("type").asText()).isEqualTo("CUI");
        assertThat(field(es, "fatherCui").get("required").asBoolean()).isFalse();
        assertThat(field(es, "birthAttendant").get("allowedValues")).extracting(JsonNode::asText).contains("MIDWIFE");
    }

    @Test
    void aCompatibleSecondVersionShowsInTheHistoryWithWhatChanged() throws Exception {
        TopicDefinition topic = CATALOG.topic("gt.mineduc.student-enrolled.v1").orElseThrow();
        String v2 = topic.schema().toString().replaceFirst("\"fields\":\\[",
            "\"fields\":[{\"name\":\"catalogTestNote\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added by the test.\"},");
        try (SchemaRegistryClient registry = new CachedSchemaRegistryClient(
            Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl()))) {
            registry.register(topic.subject(), new Schema.Parser().parse(v2));
        }
        JsonNode entry = getJson("/api/v1/catalog/topics/" + topic.name(), 200);
        JsonNode versions = entry.at("/history/versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).get("version").asInt()).isEqualTo(2);
        assertThat(versions.get(1).get("changes")).extracting(JsonNode::asText)
            .containsExactly("field added: catalogTestNote ([null, string], default null)");
        assertThat(versions.get(1).get("newReadsOld").asBoolean()).isTrue();
        assertThat(entry.at("/schema/source").asText()).isEqualTo("registry");
        assertThat(entry.at("/schema/version").asInt()).isEqualTo(2);
        assertThat(field(entry, "catalogTestNote").get("required").asBoolean()).isFalse();
    }

    @Test
    void publishedRecordsAreCountedInTotalAndOverTheLastDay() throws Exception {
        String topic = "gt.sat.taxpayer-status-changed.v1";
        publishSamples(platform, topic, 3);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode entry = getJson("/api/v1/catalog/topics/" + topic, 200);
            assertThat(entry.at("/statistics/records").asLong()).isEqualTo(3);
            assertThat(entry.at("/statistics/recordsLastDay").asLong()).isEqualTo(3);
            assertThat(entry.at("/statistics/ratePerHour").asDouble()).isEqualTo(3 / 24.0);
        });
    }

    @Test
    void anUnknownTopicOrAnOverlongFilterIsAJsonErrorWithAStableCode() throws Exception {
        JsonNode missing = getJson("/api/v1/catalog/topics/gt.nadie.nothing.v1", 404);
        assertThat(missing.get("code").asText()).isEqualTo("catalog-topic-not-found");
        assertThat(missing.get("message").asText()).contains("gt.nadie.nothing.v1");

        JsonNode tooLong = getJson("/api/v1/catalog?q=" + "a".repeat(101), 400);
        assertThat(tooLong.get("code").asText()).isEqualTo("catalog-invalid-parameter");
        assertThat(tooLong.at("/errors/0/field").asText()).isEqualTo("q");
    }

    /** Publishes the topic's samples 1..count through the gateway, as an agency system would. */
    static void publishSamples(Platform platform, String topic, int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            byte[] body = JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(topic, i)));
            HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/api/v1/topics/" + topic + "/events"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isBetween(200, 299);
        }
    }

    private static JsonNode field(JsonNode entry, String path) {
        for (JsonNode f : entry.at("/schema/fields")) {
            if (f.get("path").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError("no field " + path + " in " + entry.get("topic"));
    }

    /** Whether a field anywhere in the schema is marked {@code gt.enlace.identifier: <kind>} or named after it. */
    static boolean carries(Schema schema, String kind, java.util.Set<String> seen) {
        return switch (schema.getType()) {
            case RECORD -> seen.add(schema.getFullName()) && schema.getFields().stream().anyMatch(f ->
                kind.equals(f.getProp("gt.enlace.identifier")) || f.name().equalsIgnoreCase(kind)
                    || f.name().endsWith(Character.toUpperCase(kind.charAt(0)) + kind.substring(1))
                    || carries(f.schema(), kind, seen));
            case UNION -> schema.getTypes().stream().anyMatch(t -> carries(t, kind, seen));
            case ARRAY -> carries(schema.getElementType(), kind, seen);
            case MAP -> carries(schema.getValueType(), kind, seen);
            default -> false;
        };
    }
}
