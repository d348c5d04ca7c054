package gt.enlace.platform.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import gt.enlace.serde.client.SchemaRegistryClients;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code enlace sandbox} against a real platform: create, publish and read back in isolation, drop. */
class SandboxCommandIT {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final String SANDBOX_BIRTHS = "sandbox.renap.birth-registered.v1";

    @TempDir
    static Path dir;

    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(dir), TopicCatalog.loadDefault(), line -> { });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aSandboxIsCreatedUsedInIsolationAndDropped() throws Exception {
        Run created = run("sandbox", "--institution", "renap", "--retention-hours", "2");
        assertThat(created.status).as(created.err).isZero();
        assertThat(created.out).contains(SANDBOX_BIRTHS, "sandbox.renap.death-registered.v1",
                "sandbox.renap.dpi-issued.v1", "subject " + SANDBOX_BIRTHS + "-value", "unauthenticated",
                "--drop", platform.bootstrapServers());

        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .contains(SANDBOX_BIRTHS, "sandbox.renap.death-registered.v1", "sandbox.renap.dpi-issued.v1");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, SANDBOX_BIRTHS);
            ConfigEntry retention = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                    .get(resource).get("retention.ms");
            assertThat(retention.value()).isEqualTo(String.valueOf(Duration.ofHours(2).toMillis()));
        }

        // A second run keeps what exists.
        Run again = run("sandbox", "--institution", "renap");
        assertThat(again.status).isZero();
        assertThat(again.out).contains("already there");

        // Publish with plain Kafka clients and Enlace's serde, as the Python/JS snippets do, and read it back.
        SpecificRecord birth = SampleEvents.sampleFor(BIRTHS);
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(SANDBOX_BIRTHS, "practice-1", birth)).get(60, TimeUnit.SECONDS);
        }
        List<Object> read = read(SANDBOX_BIRTHS, 1);
        assertThat(read).containsExactly(birth);
        assertThat(read(BIRTHS, 0)).as("the real topic is untouched").isEmpty();

        Run dropped = run("sandbox", "--institution", "renap", "--drop");
        assertThat(dropped.status).as(dropped.err).isZero();
        assertThat(dropped.out).contains("Removed the sandbox of renap", SANDBOX_BIRTHS);
        try (Admin admin = admin()) {
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                    admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith("sandbox.renap."))
                    .contains(BIRTHS));
        }
        SchemaRegistryClient registry = SchemaRegistryClients.create(
                Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl()));
        assertThat(registry.getAllSubjects()).noneMatch(s -> s.startsWith("sandbox.renap."))
                .contains(BIRTHS + "-value");

        Run nothing = run("sandbox", "--institution", "renap", "--drop");
        assertThat(nothing.status).isZero();
        assertThat(nothing.out).contains("nothing to remove");
    }

    @Test
    void anUnknownInstitutionIsRefusedNamingTheKnownOnes() {
        Run run = run("sandbox", "--institution", "nasa");
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).contains("unknown institution 'nasa'", "renap").doesNotContain("at gt.");
    }

    @Test
    void aRetentionBelowOneHourIsABadArgument() {
        Run run = run("sandbox", "--institution", "renap", "--retention-hours", "0");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("--retention-hours must be 1 or more");
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl(),
                "--data-dir", dir.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(all.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        return Admin.create(props);
    }

    private static KafkaProducer<String, Object> producer() {
        KafkaAvroSerializer avro = new KafkaAvroSerializer();
        avro.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl(),
                KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false, KafkaAvroSerDeConfig.USE_LATEST_VERSION, true), false);
        @SuppressWarnings({"unchecked", "rawtypes"})
        org.apache.kafka.common.serialization.Serializer<Object> value = (org.apache.kafka.common.serialization.Serializer) avro;
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                new StringSerializer(), value);
    }

    private static List<Object> read(String topic, int expected) {
        KafkaAvroDeserializer avro = new KafkaAvroDeserializer();
        avro.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl(),
                KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true), false);
        List<Object> values = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()), new StringDeserializer(), avro)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        assertThat(values).as(topic).hasSize(expected);
        return values;
    }
}
