package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code enlace up --roles}: each role in its own {@link Platform}, sharing one Kafka cluster. */
class RolesIT {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void rolesOnSeparateInstancesShareOneClusterAndTwoRegistriesBothServeEverySchema() throws Exception {
        try (Platform broker = Platform.start(
                PlatformSettings.ephemeral(dataDir.resolve("broker"), EnumSet.of(PlatformRole.BROKER), null, null),
                CATALOG, line -> { })) {
            HttpResponse<String> brokerHealth = get(broker.httpUrl() + "/health");
            assertThat(brokerHealth.statusCode()).isEqualTo(200);
            assertThat(brokerHealth.body()).contains("\"broker\"").doesNotContain("\"registry\"")
                .doesNotContain("\"gateway\"").doesNotContain("\"survey\"");
            assertThat(broker.registryUrl()).isNull();

            String cluster = broker.bootstrapServers();
            try (Platform registryAndGateway = Platform.start(PlatformSettings.ephemeral(dataDir.resolve("a"),
                     EnumSet.of(PlatformRole.REGISTRY, PlatformRole.GATEWAY), cluster, null), CATALOG, line -> { });
                 Platform secondRegistry = Platform.start(PlatformSettings.ephemeral(dataDir.resolve("b"),
                     EnumSet.of(PlatformRole.REGISTRY), cluster, null), CATALOG, line -> { })) {

                HttpResponse<String> health = get(registryAndGateway.httpUrl() + "/health");
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                assertThat(health.body()).contains("\"registry\"").contains("\"gateway\"").contains(cluster)
                    .doesNotContain("\"survey\"").doesNotContain("\"broker\"");
                HttpResponse<String> registryHealth = get(secondRegistry.httpUrl() + "/health");
                assertThat(registryHealth.statusCode()).as(registryHealth.body()).isEqualTo(200);
                assertThat(registryHealth.body()).contains("\"registry\"").doesNotContain("\"gateway\"");

                for (Platform registry : new Platform[] {registryAndGateway, secondRegistry}) {
                    String subjects = get(registry.registryUrl() + "/subjects").body();
                    for (TopicDefinition topic : CATALOG.topics()) {
                        assertThat(subjects).as(registry.registryUrl()).contains("\"" + topic.subject() + "\"");
                    }
                }
                // Both instances start from the same catalog: each subject has exactly one version, one id.
                String subject = CATALOG.topics().get(0).subject();
                assertThat(get(registryAndGateway.registryUrl() + "/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
                assertThat(get(secondRegistry.registryUrl() + "/subjects/" + subject + "/versions").body()).isEqualTo("[1]");

                // Concurrent registrations through both instances: one leader hands out every id, none twice,
                // and each instance serves every schema.
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<HttpResponse<String>>> results = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        Platform via = i % 2 == 0 ? registryAndGateway : secondRegistry;
                        String body = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Concurrent" + i
                            + "\\\",\\\"fields\\\":[]}\"}";
                        String url = via.registryUrl() + "/subjects/roles-concurrent-" + i + "-value/versions";
                        results.add(pool.submit(() -> post(url, body)));
                    }
                    Set<String> ids = new HashSet<>();
                    for (Future<HttpResponse<String>> result : results) {
                        HttpResponse<String> response = result.get(60, TimeUnit.SECONDS);
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        ids.add(response.body().replaceAll("\\D+", ""));
                    }
                    assertThat(ids).hasSize(20);
                } finally {
                    pool.shutdownNow();
                }
                for (int i = 0; i < 20; i++) {
                    for (Platform registry : new Platform[] {registryAndGateway, secondRegistry}) {
                        String url = registry.registryUrl() + "/subjects/roles-concurrent-" + i + "-value/versions/1";
                        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                            .untilAsserted(() -> assertThat(get(url).statusCode()).as(url).isEqualTo(200));
                    }
                }

                // A schema registered through one instance is served by the other.
                String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"RolesProbe\\\",\\\"fields\\\":[]}\"}";
                HttpResponse<String> registered = post(secondRegistry.registryUrl() + "/subjects/roles-probe-value/versions", schema);
                assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
                try (Platform gateway = Platform.start(PlatformSettings.ephemeral(dataDir.resolve("c"),
                         EnumSet.of(PlatformRole.GATEWAY), cluster, secondRegistry.registryUrl()), CATALOG, line -> { })) {
                    HttpResponse<String> gatewayHealth = get(gateway.httpUrl() + "/health");
                    assertThat(gatewayHealth.statusCode()).as(gatewayHealth.body()).isEqualTo(200);
                    assertThat(gatewayHealth.body()).contains("\"gateway\"").contains(secondRegistry.registryUrl())
                        .doesNotContain("\"registry\"").doesNotContain("\"survey\"");
                    assertThat(gateway.registryUrl()).isEqualTo(secondRegistry.registryUrl());
                }
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(get(registryAndGateway.registryUrl() + "/subjects/roles-probe-value/versions/1").statusCode())
                        .isEqualTo(200));
            }
        }
    }

    @Test
    void rolesThatCannotWorkTogetherAreUsageErrorsThatNameTheFix() {
        assertThat(usageError("up", "--roles", "gateway")).contains("--bootstrap-servers");
        assertThat(usageError("up", "--roles", "broker", "--bootstrap-servers", "127.0.0.1:1")).contains("broker role");
        assertThat(usageError("up", "--roles", "gateway", "--bootstrap-servers", "127.0.0.1:1")).contains("--registry-url");
        assertThat(usageError("up", "--roles", "broker,portal")).contains("Unknown role 'portal'");
    }

    private static String usageError(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = EnlaceCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(2);
        return err.toString();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
