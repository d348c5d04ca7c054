package gt.enlace.platform.cli.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.subscriber.DeadLetterHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscribeCommandsIT {

    @TempDir
    static Path dataDir;

    private static Platform platform;
    private static KafkaProducer<byte[], byte[]> producer;
    private static KafkaAvroSerializer serializer;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(PlatformSettings.ephemeral(dataDir), TopicCatalog.loadDefault(), line -> { });
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl(),
            KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false, KafkaAvroSerDeConfig.USE_LATEST_VERSION, true), false);
    }

    @AfterAll
    static void stopPlatform() {
        if (producer != null) {
            producer.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    private static Run enlace(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap-servers=" + platform.bootstrapServers());
        if (!args[0].equals("deliveries")) {
            all.add("--registry-url=" + platform.registryUrl());
        }
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static EventHeaders headers(String topic) {
        return EventHeaders.builder().id(UUID.randomUUID().toString()).source("renap", "sirenap").typeForTopic(topic)
            .legalBasis("Decreto 90-2005, Ley del RENAP").classification(Classification.CONFIDENCIAL).channel(Channel.SDK).build();
    }

    private static RecordMetadata send(String topic, Long timestamp, byte[] value, EventHeaders headers) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, timestamp, "key".getBytes(), value);
        if (headers != null) {
            headers.writeTo(record.headers());
        }
        return producer.send(record).get();
    }

    @Test
    void tailFromATimestampStartsAtTheFirstRecordAtOrAfterItAndReportsBadRecordsOnStderr() throws Exception {
        String topic = "gt.renap.birth-registered.v1";
        Instant base = Instant.parse("2025-03-01T06:00:00Z");
        List<Long> offsets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            EventHeaders h = headers(topic);
            ids.add(h.id());
            offsets.add(send(topic, base.plusSeconds(3600L * i).toEpochMilli(),
                serializer.serialize(topic, SampleEvents.sampleFor(topic, i)), h).offset());
        }
        long badOffset = send(topic, base.plusSeconds(3600L * 4).toEpochMilli(), new byte[] {9, 9, 9}, headers(topic)).offset();
        EventHeaders last = headers(topic);
        send(topic, base.plusSeconds(3600L * 5).toEpochMilli(), serializer.serialize(topic, SampleEvents.sampleFor(topic, 5)), last);

        // 2025-03-01T01:00-06:00 is base + 1 h: the second record
        Run run = enlace("tail", "--topic", topic, "--from", "2025-03-01T01:00-06:00", "--max", "4");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"offset\":" + offsets.get(1)).contains("\"ce_id\":\"" + ids.get(1) + "\"")
            .contains("\"schema\":\"gt.enlace.renap.BirthRegistered\"").contains("\"dateOfBirth\":\"");
        assertThat(lines.get(2)).contains("\"ce_id\":\"" + ids.get(3) + "\"");
        assertThat(run.err()).contains("bad record at " + topic + "-0@" + badOffset);

        Run table = enlace("tail", "--topic", topic, "--offset", "0:" + offsets.get(3), "--no-follow", "--as", "table");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("CE_ID").contains(ids.get(3)).contains(last.id()).doesNotContain(ids.get(2));
        assertThat(table.err()).contains("@" + badOffset);

        Run avroJson = enlace("tail", "--topic", topic, "--offset", "0:" + offsets.get(0), "--max", "1", "--as", "avro-json");
        assertThat(avroJson.out()).contains("\"facilityName\":{\"string\":").doesNotContain("\"facilityName\":\"");

        assertThat(enlace("tail", "--topic", topic, "--from", "yesterday").exit()).isEqualTo(2);
        Run missing = enlace("tail", "--topic", "gt.renap.no-such-topic.v1", "--from-beginning", "--no-follow");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("gt.renap.no-such-topic.v1").contains("does not exist");
    }

    @Test
    void dltListShowsTheReasonAndReplayPutsTheOriginalBackOnItsTopic() throws Exception {
        String topic = "gt.renap.death-registered.v1";
        byte[] original = serializer.serialize(topic, SampleEvents.sampleFor(topic, 3));
        EventHeaders event = headers(topic);
        ConsumerRecord<byte[], byte[]> failed = new ConsumerRecord<>(topic, 0, 41L, "key".getBytes(), original);
        event.writeTo(failed.headers());
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic + ".dlt", 0, "key".getBytes(), original);
        for (Header h : failed.headers()) {
            letter.headers().add(new RecordHeader(h.key(), h.value()));
        }
        IllegalStateException why = new IllegalStateException("the municipality registry was down");
        DeadLetterHeaders.springCompatible(failed, why, "muni-mixco.deaths").forEach(letter.headers()::add);
        DeadLetterHeaders.describe(failed, why, "muni-mixco.deaths").forEach(letter.headers()::add);
        producer.send(letter).get();

        Run list = enlace("dlt", "list", "--topic", topic);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("0@41").contains("handle").contains("IllegalStateException: the municipality registry was down")
            .contains("1 dead letter in " + topic + ".dlt");
        assertThat(enlace("dlt", "list", "--topic", topic, "--as", "json").out()).contains("\"original_offset\":41")
            .contains("\"ce_id\":\"" + event.id() + "\"");

        long before = endOffset(topic);
        Run dry = enlace("dlt", "replay", "--topic", topic, "--dry-run");
        assertThat(dry.out()).contains("1 dead letter would be replayed");
        assertThat(endOffset(topic)).isEqualTo(before);

        Run replay = enlace("dlt", "replay", "--topic", topic);
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("1 dead letter replayed");
        ConsumerRecord<byte[], byte[]> back = lastRecord(topic);
        assertThat(back.value()).isEqualTo(original);
        assertThat(new String(back.headers().lastHeader("ce_id").value())).isEqualTo(event.id());
        assertThat(back.headers()).noneMatch(h -> h.key().startsWith("enlace_dlt_") || h.key().startsWith("kafka_dlt-"));

        assertThat(enlace("dlt", "replay", "--topic", topic).out()).contains("No dead letters to replay");
        assertThat(enlace("dlt", "replay", "--topic", topic, "--all", "--dry-run").out()).contains("1 dead letter would be replayed");
    }

    @Test
    void deliveriesListsTheGroupsReadingATopicOnTheCommandLineAndOverHttp() throws Exception {
        String topic = "gt.sat.taxpayer-registered.v1";
        RecordMetadata last = null;
        for (int i = 0; i < 3; i++) {
            last = send(topic, null, serializer.serialize(topic, SampleEvents.sampleFor(topic, i)), headers(topic));
        }
        long end = last.offset() + 1;
        String group = "muni-mixco.taxpayers";
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            platform.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group), new StringDeserializer(), new StringDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(end - 1)));
        }

        Run run = enlace("deliveries", "--topic", topic);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern(group + "\\s+EMPTY\\s+0\\s+1\\s").contains("0 of 1 subscriber delivered");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/api/v1/topics/" + topic + "/deliveries"))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"group\":\"" + group + "\"").contains("\"lag\":1").contains("\"summary\":\"0 of 1 subscriber delivered\"");
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/api/v1/topics/gt.x.nope.v1/deliveries"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("40401");
    }

    /**
     * Asks again after a timeout: Kafka's client measures its timeout on the wall clock, so a clock
     * step on the CI machine can end one attempt at once (seen once as "Failed to get offsets by
     * times in 173828ms" on a 60 s timeout).
     */
    private static long endOffset(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        for (int attempt = 1; ; attempt++) {
            try (KafkaConsumer<byte[], byte[]> consumer = bytesConsumer()) {
                return consumer.endOffsets(List.of(tp), Duration.ofSeconds(20)).get(tp);
            } catch (TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> lastRecord(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = bytesConsumer()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            consumer.seek(tp, end - 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
            throw new AssertionError("no record at the end of " + topic);
        }
    }

    private static KafkaConsumer<byte[], byte[]> bytesConsumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
