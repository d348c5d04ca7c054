package gt.enlace.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.bus.audit.AuditEntry;
import gt.enlace.bus.audit.AuditLog;
import gt.enlace.bus.signing.SignatureHeader;
import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running platform signs what its gateway publishes, publishes its keys, proves a record's publisher with
 * {@code enlace verify}, and keeps an audit log whose forgery {@code enlace audit verify} detects.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignaturesAndAuditIT {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

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

    record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run verify(String topic, int partition, long offset) {
        return cli("verify", "--topic", topic, "--offset", partition + ":" + offset, "--bootstrap-servers", platform.bootstrapServers(),
            "--keys-url", platform.httpUrl() + "/api/v1/keys");
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + path))
            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", response.statusCode());
        return body;
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<byte[], byte[]> readAt(String topic, int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            platform.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no record at " + topic + "-" + partition + "@" + offset);
    }

    @Test
    @Order(1)
    void thePlatformCreatesOneOwnerOnlyKeyPerInstitutionAndPublishesThePublicKeys() throws Exception {
        Path key = dataDir.resolve("keys/renap.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        JsonNode keys = get("/api/v1/keys");
        assertThat(keys.get("_status").asInt()).isEqualTo(200);
        List<String> institutions = new ArrayList<>();
        keys.get("keys").forEach(k -> institutions.add(k.get("institution").asText()));
        assertThat(institutions).containsAll(CATALOG.institutions().stream().map(i -> i.code()).toList());

        JsonNode renap = get("/api/v1/keys/renap");
        assertThat(renap.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(renap.get("keyId").asText()).matches("renap-[0-9a-f]{12}");
        assertThat(renap.get("pem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");

        JsonNode unknown = get("/api/v1/keys/nobody");
        assertThat(unknown.get("_status").asInt()).isEqualTo(404);
        assertThat(unknown.get("error_code").asText()).isEqualTo("KEY_NOT_FOUND");
    }

    @Test
    @Order(2)
    void enlaceVerifyProvesWhoPublishedAGatewayRecordAndRejectsATamperedCopy() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/api/v1/topics/"
                + BIRTHS + "/events")).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 3)).toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode event = JSON.readTree(response.body()).get("events").get(0);
        int partition = event.get("partition").asInt();
        long offset = event.get("offset").asLong();

        Run good = verify(BIRTHS, partition, offset);
        assertThat(good.exit()).as(good.out() + good.err()).isZero();
        String keyId = get("/api/v1/keys/renap").get("keyId").asText();
        assertThat(good.out()).contains("Published by  renap", "/gt/renap/enlace-gateway", "Key id        " + keyId,
            "VALID", event.get("id").asText());

        ConsumerRecord<byte[], byte[]> original = readAt(BIRTHS, partition, offset);
        byte[] tampered = original.value().clone();
        tampered[tampered.length - 1] ^= 1;
        RecordMetadata copy;
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(BIRTHS, partition, original.key(), tampered);
            for (Header h : original.headers()) {
                record.headers().add(h);
            }
            copy = producer.send(record).get();
        }
        Run bad = verify(BIRTHS, partition, copy.offset());
        assertThat(bad.exit()).as(bad.out() + bad.err()).isEqualTo(1);
        assertThat(bad.out()).contains("INVALID", "SIGNATURE_BAD", keyId);

        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(BIRTHS, partition, original.key(), original.value());
            for (Header h : original.headers()) {
                if (!h.key().equals("ce_legalbasis")) {
                    record.headers().add(h);
                }
            }
            copy = producer.send(record).get();
        }
        Run removed = verify(BIRTHS, partition, copy.offset());
        assertThat(removed.exit()).isEqualTo(1);
        assertThat(removed.out()).contains("INVALID", "SIGNATURE_HEADER_TAMPERED");
        assertThat(original.headers().lastHeader(SignatureHeader.NAME)).isNotNull();
    }

    @Test
    @Order(3)
    void enlaceVerifyReportsUsageErrorsWithExitCode2() {
        Run badOffset = cli("verify", "--topic", BIRTHS, "--offset", "zero", "--bootstrap-servers", platform.bootstrapServers());
        assertThat(badOffset.exit()).isEqualTo(2);
        assertThat(badOffset.err()).contains("--offset 'zero' is not PARTITION:OFFSET");
        Run beyond = verify(BIRTHS, 0, 9_999_999);
        assertThat(beyond.exit()).isEqualTo(2);
        assertThat(beyond.err()).contains("has no record at offset 9999999");
    }

    @Test
    @Order(4)
    void thePlatformsOwnActionsAreInTheAuditLogAndAForgedEntryIsDetected() throws Exception {
        String[] bus = {"--bootstrap-servers", platform.bootstrapServers()};
        Run ok = cli(concat(new String[] {"audit", "verify"}, bus));
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith("OK: ").contains("hash chain intact");

        AuditEntry appended = platform.auditLog().append("renap", "agreement.approve", "agreement/42", Map.of("consumer", "sat"));
        Run list = cli(concat(new String[] {"audit", "list", "--max", "10"}, bus));
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("topics.provision", "schemas.register", "agreement.approve", "agreement/42");

        // A forger with write access appends an entry that claims to follow the last one but rewrites history.
        AuditEntry forged = new AuditEntry(appended.seq() + 1, Instant.now(), "admin", "agreement.revoke", "agreement/42",
            new java.util.TreeMap<>(), "f".repeat(64), "");
        forged = new AuditEntry(forged.seq(), forged.time(), forged.actor(), forged.action(), forged.target(), forged.details(),
            forged.prevHash(), forged.computeHash());
        long forgedOffset;
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            forgedOffset = producer.send(new ProducerRecord<>(AuditLog.TOPIC, forged.toJson())).get().offset();
        }
        Run broken = cli(concat(new String[] {"audit", "verify"}, bus));
        assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN", "offset " + forgedOffset, "seq " + forged.seq(), "PREVIOUS_HASH");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
