package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformUpIT {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();

    @TempDir
    Path dataDir;

    @Test
    void healthIsUpAndCatalogTopicsExistWithTheirDeclaredPartitionsAndCleanupPolicy() throws Exception {
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dataDir), CATALOG, line -> { })) {
            HttpResponse<String> health = get(platform.httpUrl() + "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains(platform.bootstrapServers())
                .contains(platform.registryUrl());

            HttpResponse<String> subjects = get(platform.registryUrl() + "/subjects");
            assertThat(subjects.statusCode()).isEqualTo(200);
            for (TopicDefinition topic : CATALOG.topics()) {
                assertThat(subjects.body()).contains("\"" + topic.subject() + "\"");
            }

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
                List<String> names = CATALOG.topics().stream().map(TopicDefinition::name).toList();
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
                Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
                for (TopicDefinition topic : CATALOG.topics()) {
                    assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                    Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                    assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic.name()).isEqualTo(topic.cleanupPolicy());
                    assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as(topic.name()).isEqualTo(String.valueOf(topic.retentionMs()));
                }
                Set<String> all = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(all).containsAll(CATALOG.topics().stream().map(TopicDefinition::deadLetterTopic).toList());
            }
        }
    }

    @Test
    void recordsAcknowledgedBeforeAStopArePresentAfterTheNextStartOnTheSameDataDirectory() throws Exception {
        String topic = CATALOG.topics().get(0).name();
        List<String> acknowledged = new ArrayList<>();
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dataDir), CATALOG, line -> { });
             KafkaProducer<String, String> producer = KafkaClients.producer(platform.bootstrapServers())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
                acknowledged.add("value-" + i);
            }
        }
        List<String> progress = new ArrayList<>();
        try (Platform platform = Platform.start(PlatformSettings.ephemeral(dataDir), CATALOG, progress::add)) {
            assertThat(progress).anyMatch(line -> line.contains("0 created"));
            // The registry rebuilt itself from _schemas: the catalog's subjects still have exactly one version.
            HttpResponse<String> versions = get(platform.registryUrl() + "/subjects/" + CATALOG.topics().get(0).subject() + "/versions");
            assertThat(versions.body()).isEqualTo("[1]");
            java.io.StringWriter listing = new java.io.StringWriter();
            picocli.CommandLine cli = EnlaceCli.commandLine();
            cli.setOut(new java.io.PrintWriter(listing, true));
            assertThat(cli.execute("topics", "--bootstrap-servers", platform.bootstrapServers())).isZero();
            assertThat(listing.toString()).containsPattern(topic.replace(".", "\\.") + "\\s+\\S+\\s+\\S+\\s+\\d+\\s+100\\b");
            assertThat(KafkaClients.readValues(platform.bootstrapServers(), topic, acknowledged.size()))
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
