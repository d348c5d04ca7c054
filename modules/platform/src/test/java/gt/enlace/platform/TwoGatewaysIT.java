package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two gateway instances behind one load balancer (issue 9): requests spread over both all publish, and a retry with
 * the same {@code Idempotency-Key} that lands on the other instance gets the first answer and publishes nothing.
 */
class TwoGatewaysIT {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dataDir;

    private static Platform cluster;
    private static Platform gatewayA;
    private static Platform gatewayB;

    @BeforeAll
    static void start() {
        cluster = Platform.start(PlatformSettings.ephemeral(dataDir.resolve("cluster"),
            EnumSet.of(PlatformRole.BROKER, PlatformRole.REGISTRY), null, null), CATALOG, line -> { });
        gatewayA = gateway("a");
        gatewayB = gateway("b");
    }

    private static Platform gateway(String name) {
        return Platform.start(PlatformSettings.ephemeral(dataDir.resolve(name), EnumSet.of(PlatformRole.GATEWAY),
            cluster.bootstrapServers(), cluster.registryUrl()), CATALOG, line -> { });
    }

    @AfterAll
    static void stop() {
        for (Platform platform : new Platform[] {gatewayB, gatewayA, cluster}) {
            if (platform != null) {
                platform.close();
            }
        }
    }

    @Test
    void aRetryOnTheOtherInstanceGetsTheFirstAnswerAndPublishesNothingTwice() throws Exception {
        long before = records(BIRTHS);
        byte[] body = JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 41)));

        HttpResponse<String> first = post(gatewayA, body, "registro-41");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> retry = post(gatewayB, body, "registro-41");

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotency-Replayed")).contains("true");
        assertThat(eventIds(retry)).isEqualTo(eventIds(first));
        assertThat(records(BIRTHS) - before).as("events on the topic").isEqualTo(1);
    }

    @Test
    void requestsSpreadOverBothInstancesAllPublishOnce() throws Exception {
        long before = records(BIRTHS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] body = JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 100 + i)));
            HttpResponse<String> response = post(i % 2 == 0 ? gatewayA : gatewayB, body, "lote-" + i);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            ids.addAll(eventIds(response));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(10);
        assertThat(records(BIRTHS) - before).isEqualTo(10);
    }

    private static HttpResponse<String> post(Platform gateway, byte[] body, String idempotencyKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.httpUrl() + "/api/v1/topics/" + BIRTHS + "/events"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static List<String> eventIds(HttpResponse<String> response) {
        JsonNode json = JsonText.parse(new java.io.ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        List<String> ids = new ArrayList<>();
        json.get("events").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    private static long records(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int p = 0; p < CATALOG.topic(topic).orElseThrow().partitions(); p++) {
                specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(specs).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
