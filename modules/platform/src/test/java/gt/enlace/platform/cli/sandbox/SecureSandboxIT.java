package gt.enlace.platform.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code enlace sandbox} on a secure platform: the sandbox gets its own principal, which may write and read the
 * sandbox topics and nothing else.
 */
class SecureSandboxIT {

    private static final String SANDBOX_BIRTHS = "sandbox.renap.birth-registered.v1";
    private static final Pattern PASSWORD = Pattern.compile("password\\s+= (\\S+)");

    @TempDir
    static Path dir;

    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(dir).withSecurity(true), TopicCatalog.loadDefault(), line -> { });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theSandboxPrincipalWritesAndReadsItsSandboxTopicsOnly() throws Exception {
        String out = run("sandbox", "--institution", "renap");
        assertThat(out).contains("User:sandbox-renap", "SASL_PLAINTEXT", "group.id            = sandbox.renap.",
                "basic.auth.user.info = renap:");
        Matcher m = PASSWORD.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        Map<String, String> login = ClientSecurity.scram("sandbox-renap", m.group(1));

        try (KafkaProducer<String, Object> producer = producer(login)) {
            producer.send(new ProducerRecord<>(SANDBOX_BIRTHS, "practice", SampleEvents.sampleFor(
                    "gt.renap.birth-registered.v1"))).get(60, TimeUnit.SECONDS);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("gt.renap.birth-registered.v1", "real",
                    SampleEvents.sampleFor("gt.renap.birth-registered.v1"))).get(60, TimeUnit.SECONDS))
                    .as("real data is out of the sandbox's reach")
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        Map<String, Object> consumer = new HashMap<>(login);
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "sandbox.renap.practice");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            reader.subscribe(List.of(SANDBOX_BIRTHS));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (read == 0 && System.nanoTime() < deadline) {
                read += reader.poll(Duration.ofMillis(500)).count();
            }
            assertThat(read).isEqualTo(1);
        }

        assertThat(run("sandbox", "--institution", "renap", "--drop")).contains("Removed the sandbox of renap");
    }

    @Test
    void theSandboxPrincipalIsAKafkaLoginOnlyTheHttpPortsAnswer401() throws Exception {
        String out = run("sandbox", "--institution", "mineduc");
        Matcher m = PASSWORD.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("sandbox-mineduc:" + m.group(1))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(gt.enlace.platform.security.CredentialStore.in(dir).password("sandbox-mineduc"))
                .as("kept out of the credential store the HTTP logins use").isEmpty();

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> registry = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(platform.registryUrl() + "/subjects")).header("Authorization", basic).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(registry.statusCode()).as(registry.body()).isEqualTo(401);
        assertThat(registry.body()).contains("\"error_code\":401", "Unauthorized");
        java.net.http.HttpResponse<String> web = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(platform.httpUrl() + "/catalog")).header("Authorization", basic).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(web.statusCode()).isEqualTo(401);
        assertThat(run("sandbox", "--institution", "mineduc", "--drop")).contains("Removed the sandbox of mineduc");
    }

    private static String run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl(),
                "--data-dir", dir.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(all.toArray(String[]::new));
        assertThat(status).as(err.toString()).isZero();
        return out.toString();
    }

    private static KafkaProducer<String, Object> producer(Map<String, String> login) {
        KafkaAvroSerializer avro = new KafkaAvroSerializer();
        // The secure registry takes the institution's own login: sandbox.renap.* subjects are renap's.
        String renap = gt.enlace.platform.security.CredentialStore.in(dir).require("renap");
        avro.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl(),
                KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false, KafkaAvroSerDeConfig.USE_LATEST_VERSION, true,
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "renap:" + renap), false);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Serializer<Object> value = (Serializer) avro;
        Map<String, Object> props = new HashMap<>(login);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new StringSerializer(), value);
    }
}
