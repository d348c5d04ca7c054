package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublisherConfig;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.survey.metrics.ObservedMetricsService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two survey instances ({@code enlace up --roles survey}) against one cluster split the observed-metrics topology's
 * Streams tasks, answer the metrics API with the same numbers, and when one stops the other takes every task over
 * with the numbers unchanged.
 */
class SurveyInstancesIT {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Map<String, String> TOPICS = Map.of(
        "gt.renap.birth-registered.v1", "renap",
        "gt.sat.taxpayer-registered.v1", "sat",
        "gt.mspas.vaccination-applied.v1", "mspas");

    @TempDir
    Path dataDir;

    @Test
    void twoSurveyInstancesSplitTheStreamsTasksAnswerAlikeAndOneTakesOverWhenTheOtherStops() throws Exception {
        try (Platform core = Platform.start(PlatformSettings.ephemeral(dataDir.resolve("core"),
                EnumSet.of(PlatformRole.BROKER, PlatformRole.REGISTRY), null, null), CATALOG, line -> { });
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, core.bootstrapServers()))) {
            String cluster = core.bootstrapServers();
            Platform first = survey(cluster, core.registryUrl(), "a");
            Platform second = null;
            try {
                second = survey(cluster, core.registryUrl(), "b");
                Map<String, Integer> published = publish(cluster, core.registryUrl(), 0, 40);

                // The group has both instances, each with a share of the partitions, none twice.
                Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<Set<TopicPartition>> shares = assignments(admin);
                    assertThat(shares).hasSize(2);
                    assertThat(shares).allSatisfy(share -> assertThat(share).isNotEmpty());
                    Set<TopicPartition> overlap = new HashSet<>(shares.get(0));
                    overlap.retainAll(shares.get(1));
                    assertThat(overlap).isEmpty();
                });
                // Both answer from the whole table: every event, whichever instance counted it.
                for (Platform instance : List.of(first, second)) {
                    awaitCounts(instance, published);
                }
                JsonNode tableA = get(first, "/api/v1/survey/institutions");
                JsonNode tableB = get(second, "/api/v1/survey/institutions");
                assertThat(metrics(tableB)).isEqualTo(metrics(tableA));

                // One stops (leaving the group): the other takes every partition over and still has every count.
                second.close();
                second = null;
                Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<Set<TopicPartition>> shares = assignments(admin);
                    assertThat(shares).hasSize(1);
                    assertThat(shares.get(0)).containsAll(partitionsOf(TOPICS.keySet()));
                });
                awaitCounts(first, published);
                assertThat(metrics(get(first, "/api/v1/survey/institutions"))).isEqualTo(metrics(tableA));

                // And it counts what arrives next, on every partition.
                Map<String, Integer> more = publish(cluster, core.registryUrl(), 40, 20);
                more.replaceAll((institution, n) -> n + published.get(institution));
                awaitCounts(first, more);
            } finally {
                if (second != null) {
                    second.close();
                }
                first.close();
            }
        }
    }

    private Platform survey(String cluster, String registryUrl, String name) {
        return Platform.start(PlatformSettings.ephemeral(dataDir.resolve(name), EnumSet.of(PlatformRole.SURVEY), cluster,
            registryUrl), CATALOG, line -> { });
    }

    /** Publishes {@code count} SDK events to each test topic; events per institution. */
    private static Map<String, Integer> publish(String cluster, String registryUrl, int from, int count) {
        Map<String, Integer> published = new java.util.TreeMap<>();
        TOPICS.forEach((topic, institution) -> {
            try (EventPublisher publisher = new EventPublisher(Map.of(
                    PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, cluster,
                    PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
                    PublisherConfig.INSTITUTION_CONFIG, institution), CATALOG)) {
                List<CompletableFuture<?>> acks = new ArrayList<>();
                for (int i = from; i < from + count; i++) {
                    acks.add(publisher.publish(topic, SampleEvents.sampleFor(topic, i)));
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            }
            published.merge(institution, count, Integer::sum);
        });
        return published;
    }

    private static List<Set<TopicPartition>> assignments(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ObservedMetricsService.DEFAULT_APPLICATION_ID))
            .all().get().get(ObservedMetricsService.DEFAULT_APPLICATION_ID);
        // Each stream thread is a group member; an instance's share is what all its threads hold.
        Map<String, Set<TopicPartition>> byInstance = new java.util.TreeMap<>();
        for (MemberDescription member : group.members()) {
            String clientId = member.clientId();
            int thread = clientId.indexOf("-StreamThread-");
            byInstance.computeIfAbsent(thread < 0 ? clientId : clientId.substring(0, thread), k -> new HashSet<>())
                .addAll(member.assignment().topicPartitions());
        }
        return new ArrayList<>(byInstance.values());
    }

    private static Set<TopicPartition> partitionsOf(Set<String> topics) {
        Set<TopicPartition> all = new HashSet<>();
        for (String topic : topics) {
            for (int p = 0; p < CATALOG.topic(topic).orElseThrow().partitions(); p++) {
                all.add(new TopicPartition(topic, p));
            }
        }
        return all;
    }

    private static void awaitCounts(Platform instance, Map<String, Integer> expected) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Integer> sdk = new java.util.TreeMap<>();
            JsonNode table = get(instance, "/api/v1/survey/institutions");
            assertThat(table.path("observedAvailable").asBoolean()).as(instance.httpUrl()).isTrue();
            for (JsonNode row : table.path("institutions")) {
                if (expected.containsKey(row.path("institution").asText())) {
                    sdk.put(row.path("institution").asText(), row.path("metrics").path("sdk").asInt());
                }
            }
            assertThat(sdk).as(instance.httpUrl()).isEqualTo(expected);
        });
    }

    /** The observed metrics of every row, without what may differ between two answers (none expected). */
    private static Map<String, JsonNode> metrics(JsonNode table) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        table.path("institutions").forEach(row -> out.put(row.path("institution").asText(), row.path("metrics")));
        return out;
    }

    private static JsonNode get(Platform platform, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
