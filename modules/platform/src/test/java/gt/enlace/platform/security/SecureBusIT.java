package gt.enlace.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bus with security on, on the real secure embedded broker: institutions are principals, writes outside their
 * own topics and reads without an agreement are denied, agreements grant and withdraw read access within seconds.
 */
class SecureBusIT {

    private static final String RENAP_TOPIC = "gt.renap.birth-registered.v1";
    private static final String SAT_TOPIC = "gt.sat.taxpayer-registered.v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static Platform platform;
    static CredentialStore credentials;
    static Map<String, String> firstStartCredentials;

    @BeforeAll
    static void startSecurePlatform() throws Exception {
        System.setProperty(SecurityConfiguration.RECONCILE_PERIOD, "500ms");
        platform = Platform.start(PlatformSettings.ephemeral(dataDir).withSecurity(true), TopicCatalog.loadDefault(), line -> { });
        credentials = CredentialStore.in(dataDir);
        firstStartCredentials = platform.newCredentials();
        try (KafkaProducer<byte[], byte[]> renap = producer("renap")) {
            renap.send(new ProducerRecord<>(RENAP_TOPIC, "k".getBytes(), "birth".getBytes())).get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        System.clearProperty(SecurityConfiguration.RECONCILE_PERIOD);
    }

    @Test
    void theFirstSecureStartCreatesOnePasswordPerInstitutionAndTheAdminAndKeepsThemOwnerOnly() throws Exception {
        assertThat(firstStartCredentials).containsKeys("admin", "renap", "sat", "mspas");
        assertThat(firstStartCredentials.get("sat")).isEqualTo(credentials.require("sat")).hasSize(32);
        assertThat(Files.getPosixFilePermissions(credentials.directory())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(credentials.directory())) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(file ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        }
        assertThat(platform.kafkaClientProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void anInstitutionWritesItsOwnTopicsButAPublishToAnotherInstitutionsTopicIsDenied() throws Exception {
        try (KafkaProducer<byte[], byte[]> sat = producer("sat")) {
            sat.send(new ProducerRecord<>(SAT_TOPIC, "k".getBytes(), "own".getBytes())).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> sat.send(new ProducerRecord<>(RENAP_TOPIC, "k".getBytes(), "forged".getBytes())).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(TopicAuthorizationException.class,
                    e -> assertThat(e.unauthorizedTopics()).containsExactly(RENAP_TOPIC));
        }
    }

    @Test
    void aReadWithoutAgreementIsDeniedWorksAfterApprovalAndStopsAfterRevocation() throws Exception {
        assertThat(read("sat", RENAP_TOPIC)).isInstanceOf(TopicAuthorizationException.class);

        JsonNode requested = api("sat", "POST", "", requestBody(RENAP_TOPIC, Instant.now().plus(Duration.ofDays(30))), 201);
        String id = requested.path("id").asText();
        assertThat(requested.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(read("sat", RENAP_TOPIC)).isInstanceOf(TopicAuthorizationException.class);

        // The consumer cannot approve its own request; the provider can.
        JsonNode forbidden = api("sat", "POST", "/" + id + "/approve", null, 403);
        assertThat(forbidden.path("error_code").asInt()).isEqualTo(40301);
        assertThat(api("renap", "POST", "/" + id + "/approve", null, 200).path("status").asText()).isEqualTo("APPROVED");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(read("sat", RENAP_TOPIC)).isEqualTo(List.of("birth")));

        api("renap", "POST", "/" + id + "/revoke", "{\"reason\":\"convenio terminado\"}", 200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(read("sat", RENAP_TOPIC)).isInstanceOf(TopicAuthorizationException.class));
        JsonNode listed = find(api("sat", "GET", "", null, 200), id);
        assertThat(listed.path("status").asText()).isEqualTo("REVOKED");
        assertThat(listed.path("decidedBy").asText()).isEqualTo("renap");
    }

    @Test
    void anAgreementStopsGrantingAccessWhenItsValidityEnds() throws Exception {
        JsonNode requested = api("mspas", "POST", "", requestBody(RENAP_TOPIC, Instant.now().plus(Duration.ofSeconds(20)))
            .replace("\"sat\"", "\"mspas\""), 201);
        String id = requested.path("id").asText();
        api("renap", "POST", "/" + id + "/approve", null, 200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(read("mspas", RENAP_TOPIC)).isEqualTo(List.of("birth")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(read("mspas", RENAP_TOPIC)).isInstanceOf(TopicAuthorizationException.class));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(find(api("renap", "GET", "", null, 200), id).path("status").asText()).isEqualTo("EXPIRED"));
    }

    @Test
    void invalidRequestsNameTheFieldAndOnlyPartiesSeeAnAgreement() throws Exception {
        JsonNode past = api("sat", "POST", "", requestBody(RENAP_TOPIC, Instant.now().minusSeconds(60)), 422);
        assertThat(past.path("field").asText()).isEqualTo("validUntil");
        assertThat(past.path("error_code").asInt()).isEqualTo(42201);
        JsonNode wrongOwner = api("sat", "POST", "", requestBody(SAT_TOPIC, Instant.now().plusSeconds(3600)), 422);
        assertThat(wrongOwner.path("field").asText()).isEqualTo("topics[0]");
        assertThat(api("sat", "POST", "", "{not json", 422).path("field").asText()).isEqualTo("body");
        // Only the consumer named in the request may make it.
        assertThat(api("mineduc", "POST", "", requestBody(RENAP_TOPIC, Instant.now().plusSeconds(3600)), 403)
            .path("message").asText()).contains("User:mineduc");
        String id = api("sat", "POST", "", requestBody(RENAP_TOPIC, Instant.now().plusSeconds(3600)), 201).path("id").asText();
        assertThat(api("mineduc", "POST", "/" + id + "/revoke", null, 404).path("error_code").asInt()).isEqualTo(40401);
        assertThat(find(api("admin", "GET", "", null, 200), id)).isNotNull();
    }

    @Test
    void wrongPasswordsAndMissingCredentialsGiveClearErrors() throws Exception {
        Map<String, Object> wrong = new HashMap<>(ClientSecurity.scram("sat", "notTheRightPassword"));
        wrong.put("bootstrap.servers", platform.bootstrapServers());
        wrong.put("default.api.timeout.ms", "20000");
        wrong.put("request.timeout.ms", "10000");
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(SaslAuthenticationException.class).hasMessageContaining("invalid credentials");
        }

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(platform.httpUrl() + "/api/v1/agreements")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(anonymous.body()).path("message").asText()).contains("Missing credentials");

        Path wrongFile = Files.writeString(dataDir.resolve("wrong.txt"), "nope");
        Cli cli = cli("agreements", "list", "--url", platform.httpUrl(), "--user", "sat", "--password-file", wrongFile.toString());
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.err).contains("Wrong user or password for principal User:sat").doesNotContain("Exception");

        Cli missing = cli("agreements", "list", "--url", platform.httpUrl(), "--user", "nadie", "--data-dir", dataDir.toString());
        assertThat(missing.exit).isEqualTo(1);
        assertThat(missing.err).contains("No credentials for principal User:nadie").doesNotContain("Exception");
    }

    @Test
    void anAddedInstitutionGetsAPasswordShownOnceAndWritesItsOwnTopicsOnly() throws Exception {
        Cli added = cli("institutions", "add", "muniguate", "--data-dir", dataDir.toString(),
            "--bootstrap-servers", platform.bootstrapServers());
        assertThat(added.exit).as(added.err).isEqualTo(0);
        String password = credentials.require("muniguate");
        assertThat(added.out).contains("User:muniguate", password, "Registered in Kafka");

        Cli listed = cli("institutions", "list", "--data-dir", dataDir.toString());
        assertThat(listed.out).contains("User:muniguate", "User:renap").doesNotContain(password);

        Cli again = cli("institutions", "add", "muniguate", "--data-dir", dataDir.toString());
        assertThat(again.exit).isEqualTo(1);
        assertThat(again.err).contains("already has credentials");

        // The new principal logs in, and is denied another institution's topic.
        try (KafkaProducer<byte[], byte[]> muni = producer("muniguate")) {
            assertThatThrownBy(() -> muni.send(new ProducerRecord<>(RENAP_TOPIC, "k".getBytes(), "x".getBytes())).get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theCommandLineLogsInWithUserAndPasswordFileAndExplainsADeniedTopic() {
        String adminFile = credentials.directory().resolve("admin.password").toString();
        Cli topics = cli("topics", "--bootstrap-servers", platform.bootstrapServers(), "--user", "admin", "--password-file", adminFile);
        assertThat(topics.exit).as(topics.err).isEqualTo(0);
        assertThat(topics.out).contains(RENAP_TOPIC);

        String mineducFile = credentials.directory().resolve("mineduc.password").toString();
        Cli denied = cli("tail", "--topic", RENAP_TOPIC, "--from-beginning", "--no-follow", "--bootstrap-servers",
            platform.bootstrapServers(), "--registry-url", platform.registryUrl(), "--user", "mineduc", "--password-file", mineducFile);
        assertThat(denied.exit).isEqualTo(1);
        assertThat(denied.err).contains("Not authorised for topic(s) [" + RENAP_TOPIC + "]").contains("agreement")
            .doesNotContain("at org.apache");
    }

    @Test
    void theCsvBridgeLogsInToASecureBus() {
        // A topic no other test here reads, so the rows published do not show up in their assertions.
        String dpis = "gt.renap.dpi-issued.v1";
        Path csv = dataDir.resolve("dpis.csv");
        Cli template = cli("template", "--topic", dpis, "--output", csv.toString());
        assertThat(template.exit).as(template.err).isEqualTo(0);
        String adminFile = credentials.directory().resolve("admin.password").toString();
        String[] publish = {"publish-csv", "--institution", "renap", "--topic", dpis,
            "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl(), csv.toString()};

        Cli anonymous = cli(publish);
        assertThat(anonymous.exit).isEqualTo(1);

        String[] withLogin = java.util.stream.Stream.concat(java.util.Arrays.stream(publish),
            java.util.stream.Stream.of("--user", "admin", "--password-file", adminFile)).toArray(String[]::new);
        Cli published = cli(withLogin);
        assertThat(published.exit).as(published.out + published.err).isEqualTo(0);
        assertThat(published.out).containsPattern("Published\\s+1\\b");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static String requestBody(String topic, Instant validUntil) {
        return "{\"provider\":\"renap\",\"consumer\":\"sat\",\"topics\":[\"" + topic + "\"],"
            + "\"legalBasis\":\"Decreto 90-2005 (Ley del RENAP), art. 5\",\"purpose\":\"Verificar identidad de contribuyentes\","
            + "\"validUntil\":\"" + validUntil + "\"}";
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode a : list) {
            if (a.path("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("agreement " + id + " not listed in " + list);
    }

    private static JsonNode api(String user, String method, String path, String body, int expectedStatus) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + credentials.require(user)).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/api/v1/agreements" + path))
            .header("Authorization", "Basic " + auth).header("Content-Type", "application/json");
        request = "POST".equals(method) ? request.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)) : request.GET();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return MAPPER.readTree(response.body());
    }

    private static Map<String, Object> client(String user) {
        Map<String, Object> config = new HashMap<>(ClientSecurity.scram(user, credentials.require(user)));
        config.put("bootstrap.servers", platform.bootstrapServers());
        return config;
    }

    private static KafkaProducer<byte[], byte[]> producer(String user) {
        Map<String, Object> config = client(user);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The values of the topic from the beginning, as {@code user} with a group of its own, or the refusal. */
    private static Object read(String user, String topic) {
        Map<String, Object> config = client(user);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, user + ".it-" + System.nanoTime());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
            consumer.commitSync();
            return values;
        } catch (TopicAuthorizationException e) {
            return e;
        }
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }
}
