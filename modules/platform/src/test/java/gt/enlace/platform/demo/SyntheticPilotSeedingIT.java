package gt.enlace.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.pilot.SyntheticPilot;
import gt.enlace.survey.web.SurveyProperties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enlace demo}'s synthetic pilot seeded into a real platform (embedded broker, registry, gateway, survey role)
 * and read back through the survey API, as the dashboard reads it.
 */
class SyntheticPilotSeedingIT {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void theSeededPilotShowsTheNationalSurveysShapeAndTrafficPerChannelForTheInstitutionsThatMoved() throws Exception {
        // Sample consumer groups every second instead of every minute, so the synthetic subscribers show soon.
        System.setProperty(SurveyProperties.SUBSCRIPTION_SAMPLE_INTERVAL, "1s");
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dataDir), CATALOG, line -> { })) {
            PilotSeeder seeder = new PilotSeeder(platform.bootstrapServers(), platform.registryUrl(), platform.httpUrl(),
                CATALOG, dataDir.resolve("pilot"));
            long start = System.nanoTime();
            PilotSeeder.Result result = seeder.seed(line -> { });
            assertThat(seeder.awaitObserved(result, Duration.ofSeconds(120))).isTrue();
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertThat(result.responses()).isEqualTo(30);
            assertThat(result.eventsByChannel()).containsOnlyKeys("sdk", "gateway", "csv-bridge");
            assertThat(result.eventsByChannel()).isEqualTo(result.plan().eventsByChannel());

            // The baseline's headline figure: about three institutions in four without data-sharing standards.
            JsonNode baseline = get(platform, "/api/v1/survey/overview?round=" + SyntheticPilot.BASELINE_ROUND);
            assertThat(baseline.path("responses").asInt()).isEqualTo(15);
            assertThat(headline(baseline, "no-standards").path("share").asDouble()).isBetween(0.70, 0.80);
            assertThat(headline(baseline, "mainly-manual").path("share").asDouble()).isGreaterThanOrEqualTo(0.8);
            assertThat(headline(baseline, "legal-barriers").path("share").asDouble()).isGreaterThanOrEqualTo(0.7);
            JsonNode followUp = get(platform, "/api/v1/survey/overview?round=" + SyntheticPilot.FOLLOW_UP_ROUND);
            assertThat(headline(followUp, "no-standards").path("share").asDouble())
                .isLessThan(headline(baseline, "no-standards").path("share").asDouble() - 0.2);

            // Observed: each institution that moved shows its channel's events; the others show none but manual records.
            JsonNode table = get(platform, "/api/v1/survey/institutions?round=" + SyntheticPilot.FOLLOW_UP_ROUND);
            assertThat(table.path("observedAvailable").asBoolean()).isTrue();
            var expected = result.plan().eventsByInstitutionAndChannel();
            List<String> seen = new ArrayList<>();
            for (JsonNode row : table.path("institutions")) {
                String code = row.path("institution").asText();
                if (!result.plan().institutions().contains(code)) {
                    continue;
                }
                seen.add(code);
                JsonNode metrics = row.path("metrics");
                var channels = expected.get(code);
                assertThat(metrics.path("sdk").asInt()).as(code + " sdk").isEqualTo(channels == null ? 0 : channels.getOrDefault("sdk", 0));
                assertThat(metrics.path("gateway").asInt()).as(code + " gateway")
                    .isEqualTo(channels == null ? 0 : channels.getOrDefault("gateway", 0));
                assertThat(metrics.path("csvBridge").asInt()).as(code + " csv-bridge")
                    .isEqualTo(channels == null ? 0 : channels.getOrDefault("csv-bridge", 0));
                assertThat(metrics.path("manualRecords").asLong()).as(code + " manual").isPositive();
                assertThat(row.path("observed").isObject()).as(code + " observed level").isTrue();
                if (channels != null) {
                    assertThat(metrics.path("digitalShare").asDouble() + 0.0001).as(code + " digital share").isPositive();
                }
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(result.plan().institutions());
            // The demo's promise: a meaningful dashboard within about a minute (generous bound on a loaded machine).
            assertThat(seconds).as("seconds to seed and observe").isLessThan(180);

            // The synthetic subscribers become active subscriptions of the topics' owners: RENAP's three topics are
            // read by seven group and topic pairs, MSPAS's and RM's by one each, the others by none.
            Map<String, Integer> subscriptions = new java.util.TreeMap<>();
            PilotSeeder.SUBSCRIPTIONS.forEach((consumer, topics) -> topics.forEach(t ->
                subscriptions.merge(t.split("\\.")[1], 1, Integer::sum)));
            assertThat(subscriptions).containsEntry("renap", 7).containsEntry("mspas", 1).containsEntry("rm", 1);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode rows = get(platform, "/api/v1/survey/institutions?round=" + SyntheticPilot.FOLLOW_UP_ROUND);
                for (JsonNode row : rows.path("institutions")) {
                    String code = row.path("institution").asText();
                    assertThat(row.path("metrics").path("activeSubscriptions").asInt()).as(code + " subscriptions")
                        .isEqualTo(subscriptions.getOrDefault(code, 0));
                }
            });
        } finally {
            System.clearProperty(SurveyProperties.SUBSCRIPTION_SAMPLE_INTERVAL);
        }
    }

    private static JsonNode headline(JsonNode overview, String id) {
        for (JsonNode h : overview.path("headlines")) {
            if (h.path("id").asText().equals(id)) {
                return h;
            }
        }
        throw new AssertionError("no headline " + id + " in " + overview);
    }

    private static JsonNode get(Platform platform, String path) throws Exception {
        JsonNode[] body = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            body[0] = JSON.readTree(response.body());
        });
        return body[0];
    }
}
