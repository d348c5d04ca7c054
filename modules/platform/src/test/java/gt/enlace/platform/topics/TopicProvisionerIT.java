package gt.enlace.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.schemas.catalog.TopicCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agency changes its topic in the catalog (more partitions, a retention instead of keeping everything): the next
 * start brings the live topic in line, changes nothing when nothing changed, and never tries to remove partitions.
 */
class TopicProvisionerIT {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final String THIRTY_DAYS_MS = String.valueOf(TimeUnit.DAYS.toMillis(30));

    @TempDir
    Path dir;

    @Test
    void aCatalogChangeRaisesPartitionsAndRetentionOnTheNextRunAndAnUnchangedCatalogChangesNothing() throws Exception {
        // A broker of its own: the catalog's topics end up with other settings than the shared test broker's tests expect.
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDir(dir.resolve("kafka")).build().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, (short) 1);
            TopicCatalog original = TopicCatalog.loadDefault();
            int before = original.topic(BIRTHS).orElseThrow().partitions();
            provisioner.provision(original);

            TopicCatalog changed = TopicCatalog.load(copyWithBirths(before + 2, "P30D"));
            TopicProvisioner.Result result = provisioner.provision(changed);
            assertThat(result.created()).isEmpty();
            assertThat(result.partitionsRaised()).containsExactly(BIRTHS, BIRTHS + ".dlt");
            assertThat(result.reconfigured()).containsExactly(BIRTHS);
            // The broker applies what the controller committed a moment later: read until it shows.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(partitions(admin, BIRTHS)).isEqualTo(before + 2);
                assertThat(partitions(admin, BIRTHS + ".dlt")).isEqualTo(before + 2);
                assertThat(config(admin, BIRTHS).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo(THIRTY_DAYS_MS);
            });

            TopicProvisioner.Result again = provisioner.provision(changed);
            assertThat(again.created()).isEmpty();
            assertThat(again.partitionsRaised()).isEmpty();
            assertThat(again.reconfigured()).isEmpty();

            // Back to fewer partitions: Kafka cannot remove them, so the topic keeps its partitions (and logs why);
            // the retention follows the catalog back.
            TopicProvisioner.Result back = provisioner.provision(original);
            assertThat(back.partitionsRaised()).isEmpty();
            assertThat(back.reconfigured()).containsExactly(BIRTHS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(partitions(admin, BIRTHS)).isEqualTo(before + 2);
                assertThat(config(admin, BIRTHS).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            });
        }
    }

    /** A copy of the repository's {@code schemas/} folder whose catalog gives the births topic new settings. */
    private Path copyWithBirths(int partitions, String retention) throws IOException {
        Path source = repositorySchemas();
        Path target = dir.resolve("schemas");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Path catalog = target.resolve("catalog.yaml");
        List<String> lines = Files.readAllLines(catalog);
        int topic = lines.indexOf("  - name: " + BIRTHS);
        assertThat(topic).as("the births topic in catalog.yaml").isNotNegative();
        boolean partitionsSet = false;
        boolean retentionSet = false;
        for (int i = topic + 1; i < lines.size() && !lines.get(i).startsWith("  - name: "); i++) {
            if (lines.get(i).startsWith("    partitions: ")) {
                lines.set(i, "    partitions: " + partitions);
                partitionsSet = true;
            } else if (lines.get(i).startsWith("    retention: ")) {
                lines.set(i, "    retention: " + retention);
                retentionSet = true;
            }
        }
        assertThat(partitionsSet && retentionSet).as("partitions and retention of the births topic found").isTrue();
        Files.write(catalog, lines);
        return catalog;
    }

    private static Path repositorySchemas() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("schemas/catalog.yaml"))) {
                return dir.resolve("schemas");
            }
        }
        throw new IllegalStateException("no schemas/catalog.yaml above " + Path.of("").toAbsolutePath());
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }
}
