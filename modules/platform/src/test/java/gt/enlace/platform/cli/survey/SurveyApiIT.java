package gt.enlace.platform.cli.survey;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementCodec;
import gt.enlace.bus.agreements.AgreementStatus;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The survey API and {@code enlace survey} against a real platform ({@link Platform#start}): real HTTP, a real
 * broker and registry, the metrics topology running inside the web application.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SurveyApiIT {

    /** Worked example A of docs/maturity.md as a JSON body: overall 23, level 2. */
    static final String EXAMPLE_A = """
        {"institution": "renap", "respondent": "Dirección de Informática", "answers": {
          "std.guidelines": 0, "std.data-catalog": "no", "std.identifiers": 2, "std.formats": ["none"],
          "exc.main-medium": "paper", "exc.media": ["email", "usb"], "exc.digital-share": 1, "exc.automated": false,
          "sec.legal-basis": 2, "sec.agreements": "no", "sec.confidentiality": 1, "sec.barriers": ["legal", "confidentiality"],
          "cap.staff": "one", "cap.training": 1, "cap.infrastructure": 2, "cap.budget": "no",
          "col.strategy": "no", "col.partners": "two-to-three", "col.forums": 1, "col.contact-point": true}}
        """;
    /** Worked example B of docs/maturity.md: exc 72 (level 4), overall 52 (level 3). */
    static final String EXAMPLE_B = """
        {"institution": "renap", "answers": {
          "std.guidelines": 2, "std.data-catalog": "yes", "std.identifiers": 1,
          "exc.main-medium": "web-services", "exc.media": "spreadsheet|bus", "exc.digital-share": 2, "exc.automated": "yes",
          "sec.legal-basis": 1, "sec.agreements": "yes", "sec.confidentiality": 1,
          "cap.staff": "two-to-five", "cap.training": 1, "cap.infrastructure": 2,
          "col.strategy": "no", "col.partners": "four-to-nine"}}
        """;

    @TempDir
    static Path dataDir;

    static Platform platform;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(dataDir), TopicCatalog.loadDefault(), line -> { });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + path)).timeout(Duration.ofSeconds(30))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + path)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static JsonNode institution(JsonNode table, String code) {
        for (JsonNode row : table.get("institutions")) {
            if (row.get("institution").asString().equals(code)) {
                return row;
            }
        }
        throw new AssertionError("no " + code + " in " + table);
    }

    @Test
    @Order(1)
    void theInstrumentIsServedInBothLanguagesWithTheLevels() throws Exception {
        HttpResponse<String> response = get("/api/v1/survey/instrument");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode instrument = json(response);
        assertThat(instrument.get("version").asInt()).isEqualTo(1);
        assertThat(instrument.get("dimensions")).hasSize(5);
        JsonNode first = instrument.get("dimensions").get(0).get("items").get(0);
        assertThat(first.get("id").asString()).isEqualTo("std.guidelines");
        assertThat(first.get("text").get("es").asString()).startsWith("¿En qué medida");
        assertThat(first.get("text").get("en").asString()).startsWith("To what extent");
        assertThat(instrument.get("levels").get(4).get("code").asString()).isEqualTo("seamless");
    }

    @Test
    @Order(2)
    void aValidResponseIsPublishedScoredAndShownLatestWins() throws Exception {
        HttpResponse<String> first = post("/api/v1/survey/rounds/2025-baseline/responses", EXAMPLE_A);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(json(first).get("declared").get("score").asInt()).isEqualTo(23);
        assertThat(json(first).get("event").get("topic").asString()).isEqualTo("gt.ocp.survey-response-submitted.v1");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode renap = institution(json(get("/api/v1/survey/institutions")), "renap");
            assertThat(renap.get("declared").get("score").asInt()).isEqualTo(23);
            assertThat(renap.get("declared").get("level").asInt()).isEqualTo(2);
        });

        HttpResponse<String> second = post("/api/v1/survey/rounds/2025-baseline/responses", EXAMPLE_B);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode table = json(get("/api/v1/survey/institutions?round=2025-baseline&lang=en"));
            JsonNode renap = institution(table, "renap");
            assertThat(renap.get("declared").get("score").asInt()).isEqualTo(52);
            assertThat(renap.get("declared").get("levelName").asString()).isEqualTo("Essential");
            assertThat(renap.get("dimensions").get(1).get("declared").get("score").asInt()).isEqualTo(72);
            assertThat(institution(table, "sat").get("responded").asBoolean()).isFalse();
        });
        // A later round: the table shows it by default, with the change since the baseline for trend arrows.
        assertThat(post("/api/v1/survey/rounds/2026-follow-up/responses", EXAMPLE_B.replace("\"std.guidelines\": 2",
            "\"std.guidelines\": 4")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode table = json(get("/api/v1/survey/institutions"));
            assertThat(table.get("round").asString()).isEqualTo("2026-follow-up");
            JsonNode renap = institution(table, "renap");
            assertThat(renap.get("declared").get("score").asInt()).isEqualTo(55); // std (100+100+25)/3 = 75
            assertThat(renap.get("previous").get("round").asString()).isEqualTo("2025-baseline");
            assertThat(renap.get("previous").get("change").asInt()).isEqualTo(3);
        });
        JsonNode history = json(get("/api/v1/survey/institutions/renap"));
        assertThat(history.get("submissions")).hasSize(3);
        assertThat(history.get("submissions").get(0).get("declared").get("score").asInt()).isEqualTo(23);
        assertThat(history.get("latestByRound").get("2025-baseline").get("declared").get("score").asInt()).isEqualTo(52);
    }

    @Test
    @Order(3)
    void anInvalidResponseIsA422WithEveryFieldAtFault() throws Exception {
        HttpResponse<String> response = post("/api/v1/survey/rounds/2025-baseline/responses",
            "{\"institution\": \"mingob\", \"answers\": {\"std.guidelines\": 7, \"std.colour\": \"blue\", \"exc.media\": {}}}");
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = json(response);
        assertThat(body.get("code").asString()).isEqualTo("validation-failed");
        assertThat(body.get("errors").toString())
            .contains("{\"path\":\"/answers/exc.media\",\"code\":\"invalid-value\"")
            .contains("{\"path\":\"/institution\",\"code\":\"unknown-institution\"")
            .contains("{\"path\":\"/answers/std.colour\",\"code\":\"unknown-item\"")
            .contains("{\"path\":\"/answers/std.guidelines\",\"code\":\"out-of-range\",\"message\":\"7 is out of range; expected 0 to 4\"}")
            .contains("{\"path\":\"/answers/std.data-catalog\",\"code\":\"missing-required\"");

        HttpResponse<String> badRound = post("/api/v1/survey/rounds/Baseline%202025/responses", EXAMPLE_A);
        assertThat(badRound.statusCode()).isEqualTo(422);
        assertThat(badRound.body()).contains("\"path\":\"/round\",\"code\":\"invalid-round\"");

        HttpResponse<String> malformed = post("/api/v1/survey/rounds/2025-baseline/responses", "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("code").asString()).isEqualTo("malformed-request");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @Order(4)
    void manualExchangesAndBusTrafficBecomeTheObservedLevelAndTheGap() throws Exception {
        String today = LocalDate.now(ZoneId.of("America/Guatemala")).toString();
        HttpResponse<String> declared = post("/api/v1/survey/manual-exchanges", "{\"institution\": \"renap\", "
            + "\"counterpart\": \"mineduc\", \"records\": 40, \"medium\": \"paper\", \"date\": \"" + today + "\", "
            + "\"description\": \"Certificados de nacimiento para inscripción escolar\"}");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(202);
        HttpResponse<String> invalid = post("/api/v1/survey/manual-exchanges",
            "{\"institution\": \"renap\", \"counterpart\": \"renap\", \"records\": -1, \"medium\": \"fax\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"path\":\"/counterpart\"").contains("\"path\":\"/records\"")
            .contains("\"path\":\"/medium\"").contains("\"path\":\"/date\"");

        // 60 SDK events from RENAP's systems: share digital 60 / 100, observed score 60 -> level 4.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            platform.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            String topic = "gt.renap.birth-registered.v1";
            for (int i = 0; i < 60; i++) {
                RecordHeaders headers = new RecordHeaders();
                EventHeaders.builder().source("renap", "sirenap").typeForTopic(topic).legalBasis("Decreto 90-2005")
                    .classification(Classification.CONFIDENCIAL).channel(Channel.SDK).time(Instant.now()).build()
                    .writeTo(headers);
                producer.send(new ProducerRecord<byte[], byte[]>(topic, null, (byte[]) null, new byte[] {0}, headers));
            }
        }
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
            JsonNode table = json(get("/api/v1/survey/institutions"));
            assertThat(table.get("observedAvailable").asBoolean()).as(table.toString()).isTrue();
            JsonNode renap = institution(table, "renap");
            assertThat(renap.path("metrics").path("sdk").asLong()).as(renap.toString()).isEqualTo(60);
            assertThat(renap.get("metrics").get("manualRecords").asLong()).isEqualTo(40);
            assertThat(renap.get("metrics").get("digitalShare").asDouble()).isEqualTo(0.6);
            assertThat(renap.get("observed").get("score").asInt()).isEqualTo(60);
            assertThat(renap.get("observed").get("level").asInt()).isEqualTo(4);
            // Declared exc 72 (level 4) against observed 60 (level 4).
            assertThat(renap.get("gap").get("levels").asInt()).isZero();
            assertThat(renap.get("gap").get("score").asInt()).isEqualTo(12);
            assertThat(renap.get("dimensions").get(0).get("observable").asBoolean()).isFalse();
        });
        JsonNode detail = json(get("/api/v1/survey/institutions/renap"));
        assertThat(detail.get("observedByPeriod").get(0).get("period").asString()).isEqualTo(today);

        // An agreement in force today, with a legal basis, counts for both parties in today's period; one not yet
        // valid does not count.
        Instant now = Instant.now();
        Agreement inForce = new Agreement("agr-api-it", "renap", "mineduc", List.of("gt.renap.birth-registered.v1"),
            "Decreto 90-2005", "Inscripción escolar", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
            AgreementStatus.APPROVED, false, "mineduc", "renap", null, null, null, now, now);
        Agreement later = new Agreement("agr-api-it-later", "renap", "sat", List.of("gt.renap.birth-registered.v1"),
            "Decreto 90-2005", "Padrón", now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(40)),
            AgreementStatus.APPROVED, false, "sat", "renap", null, null, null, now, now);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            platform.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (Agreement a : List.of(inForce, later)) {
                producer.send(new ProducerRecord<>(AgreementCodec.TOPIC, a.id(), AgreementCodec.toJson(a))).get();
            }
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode renapToday = json(get("/api/v1/survey/institutions/renap")).get("observedByPeriod").get(0);
            assertThat(renapToday.get("agreementsInForce").asLong()).as(renapToday.toString()).isEqualTo(1);
            assertThat(renapToday.get("agreementsWithLegalBasis").asLong()).isEqualTo(1);
            assertThat(renapToday.get("activeSubscriptions").asLong()).isZero();
        });
    }

    @Test
    @Order(5)
    void theCliImportsASpreadsheetRejectingBadRowsWithExitCodeTwo() throws Exception {
        Path template = dataDir.resolve("template.csv");
        assertThat(EnlaceCli.execute("survey", "template", "--output", template.toString())).isZero();
        String header = Files.readAllLines(template).get(0);
        assertThat(header).startsWith("institution,respondent,std.guidelines,");
        String answers = "0,no,2,none,paper,email|usb,1,no,2,no,1,legal|confidentiality,one,1,2,no,no,two-to-three,1,yes";
        Path filled = dataDir.resolve("responses.csv");
        Files.writeString(filled, header + "\r\n" + "sat,SAT," + answers + "\r\n" + "mspas,," + answers.replaceFirst("^0", "9")
            + "\r\n", StandardCharsets.UTF_8);

        StringWriter out = new StringWriter();
        CommandLine cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("survey", "import", filled.toString(), "--round", "2025-baseline",
            "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl());
        assertThat(exit).as(out.toString()).isEqualTo(2);
        assertThat(out.toString()).contains("Read 2 row(s)").contains("1 valid, 1 rejected")
            .contains("REJECTED row 3, column std.guidelines: out-of-range: 9 is out of range; expected 0 to 4")
            .contains("Published 1 response(s) to gt.ocp.survey-response-submitted.v1");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode sat = institution(json(get("/api/v1/survey/institutions?round=2025-baseline")), "sat");
            assertThat(sat.get("declared").get("score").asInt()).isEqualTo(23);
        });
        StringWriter err = new StringWriter();
        CommandLine usage = EnlaceCli.commandLine();
        usage.setErr(new PrintWriter(err, true));
        assertThat(usage.execute("survey", "import", filled.toString(), "--round", "Línea Base")).isEqualTo(2);
        assertThat(err.toString()).contains("--round: 'Línea Base' is not lower-case kebab");
        assertThat(EnlaceCli.execute("survey", "import", dataDir.resolve("missing.csv").toString(), "--round", "x"))
            .isEqualTo(1);
    }

    @Test
    @Order(7)
    void theCliImportsAManualExchangeLogRejectingBadRowsAndTheValidOnesAreObserved() throws Exception {
        Path template = dataDir.resolve("exchanges-template.csv");
        assertThat(EnlaceCli.execute("survey", "template", "--exchanges", "--output", template.toString())).isZero();
        List<String> lines = Files.readAllLines(template);
        assertThat(lines.get(0)).isEqualTo("institution,counterpart,direction,records,medium,date,description");
        String today = LocalDate.now(ZoneId.of("America/Guatemala")).toString();
        Path log = dataDir.resolve("exchanges.csv");
        Files.writeString(log, lines.get(0) + "\r\n"
            + "sat,mspas,sent,25," + "usb," + today + ",Padrón de contribuyentes en memoria USB\r\n"
            + "sat,mspas,sent,muchos,fax," + today + ",\r\n", StandardCharsets.UTF_8);

        StringWriter out = new StringWriter();
        CommandLine cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("survey", "import-exchanges", log.toString(),
            "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl());
        assertThat(exit).as(out.toString()).isEqualTo(2);
        assertThat(out.toString()).contains("2 declaration(s)").contains("1 valid, 1 rejected")
            .contains("REJECTED row 3, column records: invalid-value: 'muchos' is not a whole number")
            .contains("REJECTED row 3, column medium:")
            .contains("Published 1 declaration(s) to gt.ocp.manual-exchange-declared.v1");
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
            JsonNode sat = institution(json(get("/api/v1/survey/institutions")), "sat");
            assertThat(sat.path("metrics").path("manualRecords").asLong()).as(sat.toString()).isEqualTo(25);
        });
        assertThat(EnlaceCli.execute("survey", "import-exchanges", dataDir.resolve("missing.csv").toString())).isEqualTo(1);
    }

    @Test
    @Order(6)
    void theOverviewRecomputesTheHeadlinesAndExportsCsv() throws Exception {
        JsonNode overview = json(get("/api/v1/survey/overview?round=2025-baseline"));
        assertThat(json(get("/api/v1/survey/overview")).get("round").asString()).isEqualTo("2026-follow-up");
        assertThat(overview.get("responses").asInt()).isEqualTo(2);
        JsonNode noStandards = overview.get("headlines").get(0);
        assertThat(noStandards.get("id").asString()).isEqualTo("no-standards");
        assertThat(noStandards.get("count").asInt()).isEqualTo(1); // SAT answered 0, RENAP's latest answered 2
        assertThat(noStandards.get("share").asDouble()).isEqualTo(0.5);
        assertThat(overview.get("declaredLevels").get("2").asInt()).isEqualTo(1);
        assertThat(overview.get("declaredLevels").get("3").asInt()).isEqualTo(1);
        assertThat(overview.path("bus").path("sdk").asLong()).as(overview.toString()).isGreaterThanOrEqualTo(60);

        HttpResponse<String> csv = get("/api/v1/survey/institutions?format=csv&round=2025-baseline");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("institution,acronym,round,responded,declared_score,declared_level,")
            .contains("\r\nrenap,RENAP,2025-baseline,true,52,3,60,4,0,");
        assertThat(get("/api/v1/survey/overview?format=csv&round=2025-baseline").body()).startsWith("metric,value\r\n")
            .contains("headline.no-standards.share,0.5");
        assertThat(get("/api/v1/survey/institutions/renap?format=csv").body().lines()).hasSize(4);

        HttpResponse<String> unknown = get("/api/v1/survey/institutions/mingob");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asString()).isEqualTo("not-found");
        assertThat(get("/api/v1/survey/overview?round=1999-x").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/survey/institutions?format=xml").statusCode()).isEqualTo(400);
    }
}
