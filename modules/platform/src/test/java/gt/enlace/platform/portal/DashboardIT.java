package gt.enlace.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.responses.SyntheticData;
import gt.enlace.survey.web.SurveyProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The evaluators' dashboard and the survey forms in a real browser against a real platform. The test seeds
 * responses and manual exchanges through the survey API, SDK events with a raw producer and a subscriber's
 * consumer group, computes what the pages must show from what it seeded (the worked examples of
 * docs/maturity.md), and checks that the pages and their CSV/JSON exports show exactly that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    static final String BASELINE = "2025-baseline";
    static final String FOLLOW_UP = "2026-follow-up";
    static final String BIRTHS = "gt.renap.birth-registered.v1";

    /** Worked example A: std 13, exc 13, sec 19, cap 25, col 44 -> overall 23, level 2. */
    static final String EXAMPLE_A = """
        "answers": {
          "std.guidelines": 0, "std.data-catalog": "no", "std.identifiers": 2, "std.formats": ["none"],
          "exc.main-medium": "paper", "exc.media": ["email", "usb"], "exc.digital-share": 1, "exc.automated": false,
          "sec.legal-basis": 2, "sec.agreements": "no", "sec.confidentiality": 1, "sec.barriers": ["legal", "confidentiality"],
          "cap.staff": "one", "cap.training": 1, "cap.infrastructure": 2, "cap.budget": "no",
          "col.strategy": "no", "col.partners": "two-to-three", "col.forums": 1, "col.contact-point": true}
        """;
    /** Worked example B: std 58, exc 72, sec 50, cap 42, col 38 -> overall 52, level 3. */
    static final String EXAMPLE_B = """
        "answers": {
          "std.guidelines": 2, "std.data-catalog": "yes", "std.identifiers": 1,
          "exc.main-medium": "web-services", "exc.media": "spreadsheet|bus", "exc.digital-share": 2, "exc.automated": "yes",
          "sec.legal-basis": 1, "sec.agreements": "yes", "sec.confidentiality": 1,
          "cap.staff": "two-to-five", "cap.training": 1, "cap.infrastructure": 2,
          "col.strategy": "no", "col.partners": "four-to-nine"}
        """;

    /** What the test publishes for RENAP: SDK events and manually exchanged records. */
    static final int SDK_EVENTS = 60;
    static final int MANUAL_RECORDS = 40;
    /** docs/maturity.md: share digital 60 / (60 + 40); observed exc score 100 x 60/100 x 1 = 60 -> level 4. */
    static final double RENAP_SHARE = (double) SDK_EVENTS / (SDK_EVENTS + MANUAL_RECORDS);
    static final int RENAP_OBSERVED = (int) Math.round(100.0 * SDK_EVENTS / (SDK_EVENTS + MANUAL_RECORDS));

    @TempDir
    static Path dataDir;

    static Platform platform;
    static ChromeDriver browser;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TODAY = LocalDate.now(ZoneId.of("America/Guatemala")).toString();

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        // Sample consumer groups every second, so that SAT's subscriber below shows as an active subscription soon.
        System.setProperty(SurveyProperties.SUBSCRIPTION_SAMPLE_INTERVAL, "1s");
        platform = Platform.start(PlatformSettings.ephemeral(dataDir), TopicCatalog.loadDefault(), line -> { });
        // Before anything was seeded every page still renders, saying there is no data yet.
        assertThat(open("/dashboard", "es")).contains("Todavía no hay respuestas de la encuesta");
        for (String page : List.of("/dashboard/institutions", "/dashboard/institutions/renap", "/dashboard/network",
            "/dashboard/report", "/survey")) {
            assertThat(open(page, "en")).as(page).doesNotContain("Something went wrong");
        }
        respond(BASELINE, "renap", EXAMPLE_A);
        respond(BASELINE, "sat", EXAMPLE_B);
        respond(FOLLOW_UP, "renap", EXAMPLE_B);
        respond(FOLLOW_UP, "sat", EXAMPLE_A);
        HttpResponse<String> manual = post("/api/v1/survey/manual-exchanges", "{\"institution\": \"renap\", "
            + "\"counterpart\": \"mineduc\", \"records\": " + MANUAL_RECORDS + ", \"medium\": \"paper\", \"date\": \""
            + TODAY + "\"}");
        assertThat(manual.statusCode()).as(manual.body()).isEqualTo(202);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            platform.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < SDK_EVENTS; i++) {
                RecordHeaders headers = new RecordHeaders();
                EventHeaders.builder().source("renap", "sirenap").typeForTopic(BIRTHS).legalBasis("Decreto 90-2005")
                    .classification(Classification.CONFIDENCIAL).channel(Channel.SDK).time(Instant.now()).build()
                    .writeTo(headers);
                producer.send(new ProducerRecord<byte[], byte[]>(BIRTHS, null, (byte[]) null, new byte[] {0}, headers));
            }
        }
        // SAT's births subscriber reads every event and commits: a digital edge RENAP -> SAT of 60 records.
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "sat.births", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(BIRTHS));
            int[] read = {0};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                read[0] += consumer.poll(Duration.ofMillis(500)).count();
                return read[0] >= SDK_EVENTS;
            });
            consumer.commitSync();
        }
        // An agreement SAT provides to MINEDUC, approved yesterday, as the agreements API would write it (this
        // platform runs without security, so the test writes the agreements topic itself; the survey role created it).
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains(AgreementCodec.TOPIC);
        }
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        Agreement agreement = new Agreement("agr-dashboard-it", "sat", "mineduc", List.of("gt.sat.taxpayer-registered.v1"),
            "Decreto 6-91, Código Tributario", "Verificar contribuyentes", yesterday, yesterday.plus(Duration.ofDays(365)),
            AgreementStatus.APPROVED, false, "mineduc", "sat", null, null, null, yesterday, yesterday);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            platform.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(AgreementCodec.TOPIC, agreement.id(), AgreementCodec.toJson(agreement)));
        }
        // The pages read views that follow the bus: wait until they have caught up with what was seeded.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            JsonNode renap = row(exportJson("/dashboard/institutions?round=" + FOLLOW_UP), "renap");
            assertThat(renap.path("observed_exchange_score").asInt()).isEqualTo(RENAP_OBSERVED);
            assertThat(row(exportJson("/dashboard/institutions?round=" + FOLLOW_UP), "sat").path("change").asInt())
                .isEqualTo(23 - 52);
            assertThat(row(exportJson("/dashboard/institutions/renap?table=observed"), "period", TODAY)
                .path("active_subscriptions").asInt()).isEqualTo(1);
            assertThat(row(exportJson("/dashboard/institutions/sat?table=observed"), "period", TODAY)
                .path("agreements_in_force").asInt()).isEqualTo(1);
        });
    }

    @AfterAll
    static void stop() {
        System.clearProperty(SurveyProperties.SUBSCRIPTION_SAMPLE_INTERVAL);
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    static void respond(String round, String institution, String answers) throws Exception {
        HttpResponse<String> r = post("/api/v1/survey/rounds/" + round + "/responses",
            "{\"institution\": \"" + institution + "\", " + answers + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + path)).timeout(Duration.ofSeconds(60))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + path)).timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode exportJson(String path) throws Exception {
        HttpResponse<String> r = get(path + (path.contains("?") ? "&" : "?") + "format=json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static JsonNode row(JsonNode export, String key, String value) {
        for (JsonNode row : export.get("rows")) {
            if (row.path(key).asString().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no " + key + "=" + value + " in " + export);
    }

    static JsonNode row(JsonNode export, String institution) {
        return row(export, "institution", institution);
    }

    /** Opens a page and checks it is a page of ours in the language asked, without a stack trace. */
    static String open(String path, String lang) {
        browser.get(platform.httpUrl() + path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
        String text = browser.findElement(By.tagName("body")).getText();
        assertThat(text).doesNotContain("Exception").doesNotContain("at gt.").doesNotContain("Whitelabel");
        return text;
    }

    /** Saves what the browser shows under target/portal-screenshots, for people reviewing the pages. */
    static void screenshot(String name) {
        try {
            Path dir = Path.of("target", "portal-screenshots");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name + ".png"),
                browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The text of the cell of {@code table} in the row whose first cell is {@code first}, column {@code key}. */
    static String cell(String table, String first, String key) {
        for (WebElement tr : browser.findElements(By.cssSelector("#" + table + " tbody tr"))) {
            List<WebElement> tds = tr.findElements(By.tagName("td"));
            if (!tds.isEmpty() && tds.get(0).getText().equals(first)) {
                return tr.findElement(By.cssSelector("td[data-key='" + key + "']")).getText();
            }
        }
        throw new AssertionError("no row " + first + " in table " + table);
    }

    @Test
    @Order(1)
    void theOverviewShowsTheHeadlinesLevelsAndDigitalShareComputedFromTheSeededRound() throws Exception {
        // Follow-up round: RENAP answered example B (std.guidelines 2, web services, no barriers answered), SAT
        // example A (std.guidelines 0, paper, legal and confidentiality barriers).
        String es = open("/dashboard", "es");
        assertThat(es).contains("Panorama nacional de interoperabilidad")
            .contains("Ronda " + FOLLOW_UP + ": respondieron 2 de")
            .contains("50 % de las instituciones que respondieron: instituciones sin lineamientos ni estándares para compartir datos (1 de 2)")
            .contains("100 % de las instituciones que respondieron: instituciones que señalan barreras legales");
        assertThat(cell("levels", "2", "declared")).isEqualTo("1"); // SAT, 23
        assertThat(cell("levels", "3", "declared")).isEqualTo("1"); // RENAP, 52
        assertThat(cell("levels", "4", "observed_exchange")).isEqualTo("1"); // RENAP observed 60
        assertThat(cell("levels", "1", "name")).isEqualTo("Ad hoc");
        assertThat(cell("levels", "5", "name")).isEqualTo("Sin fisuras");
        assertThat(cell("digital-share", TODAY, "digital")).isEqualTo(String.valueOf(SDK_EVENTS));
        assertThat(cell("digital-share", TODAY, "manual_records")).isEqualTo(String.valueOf(MANUAL_RECORDS));
        assertThat(cell("digital-share", TODAY, "digital_share")).isEqualTo("60 %");
        // The charts are drawn from the tables by the vendored Chart.js.
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#levels canvas")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#digital-share canvas"))).hasSize(1);
        screenshot("overview");

        String en = open("/dashboard?round=" + BASELINE, "en");
        assertThat(en).contains("National interoperability overview").contains("Round " + BASELINE)
            // Baseline: RENAP example A (guidelines 0), SAT example B (2).
            .contains("50% of responding institutions: institutions without guidelines or standards for sharing data (1 of 2)");
        assertThat(cell("levels", "5", "name")).isEqualTo("Seamless");

        // The exports carry the same numbers.
        JsonNode levels = exportJson("/dashboard?table=levels&round=" + FOLLOW_UP);
        assertThat(row(levels, "name", "essential").get("declared").asInt()).isEqualTo(1);
        assertThat(row(levels, "name", "sustainable").get("observed_exchange").asInt()).isEqualTo(1);
        JsonNode share = exportJson("/dashboard?table=digital-share");
        assertThat(row(share, "period", TODAY).get("digital_share").asDouble()).isEqualTo(RENAP_SHARE);
        HttpResponse<String> csv = get("/dashboard?format=csv&table=headlines&round=" + FOLLOW_UP);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("headline,text,count,answered,share\r\n")
            .contains("\r\nno-standards,Instituciones sin lineamientos ni estándares para compartir datos,1,2,0.5\r\n");
    }

    @Test
    @Order(2)
    void theRankingShowsDeclaredObservedGapAndATrendInWords() throws Exception {
        open("/dashboard/institutions", "es");
        List<WebElement> rows = browser.findElements(By.cssSelector("#ranking tbody tr"));
        assertThat(rows.get(0).getText()).startsWith("RENAP");
        assertThat(rows.get(1).getText()).startsWith("SAT");
        assertThat(cell("ranking", "RENAP", "declared_score")).isEqualTo("52");
        assertThat(cell("ranking", "RENAP", "declared_level")).isEqualTo("3 · Esencial");
        assertThat(cell("ranking", "RENAP", "observed_exchange_score")).isEqualTo(String.valueOf(RENAP_OBSERVED));
        assertThat(cell("ranking", "RENAP", "observed_exchange_level")).isEqualTo("4 · Sostenible");
        // Declared exc 72 (level 4) against observed 60 (level 4).
        assertThat(cell("ranking", "RENAP", "gap_levels")).isEqualTo("0: coincide");
        assertThat(cell("ranking", "RENAP", "trend")).isEqualTo("↑ Sube 29 puntos desde " + BASELINE);
        assertThat(cell("ranking", "SAT", "trend")).isEqualTo("↓ Baja 29 puntos desde " + BASELINE);
        assertThat(cell("ranking", "SAT", "observed_exchange_level")).isEqualTo("sin datos");

        open("/dashboard/institutions?round=" + BASELINE, "en");
        // Baseline: RENAP declared exc 13 (level 1) against observed 60 (level 4): gap -3.
        assertThat(cell("ranking", "RENAP", "gap_levels")).isEqualTo("-3: more is observed than declared");
        assertThat(cell("ranking", "RENAP", "trend")).isEqualTo("First round answered");
        assertThat(cell("ranking", "SAT", "declared_level")).isEqualTo("3 · Essential");

        JsonNode json = exportJson("/dashboard/institutions?round=" + BASELINE);
        assertThat(json.get("round").asString()).isEqualTo(BASELINE);
        assertThat(row(json, "renap").get("gap_levels").asInt()).isEqualTo(-3);
        assertThat(row(json, "sat").get("declared_score").asInt()).isEqualTo(52);
        String csv = get("/dashboard/institutions?format=csv").body();
        assertThat(csv).startsWith("institution,name,declared_score,declared_level,observed_exchange_score,"
            + "observed_exchange_level,gap_levels,change,trend\r\n");
        assertThat(csv.lines().filter(l -> l.startsWith("renap,")).findFirst().orElseThrow())
            .endsWith(",52,3," + RENAP_OBSERVED + ",4,0,29,up");
        assertThat(csv.lines().filter(l -> l.startsWith("sat,")).findFirst().orElseThrow()).endsWith(",23,2,,,,-29,down");
    }

    @Test
    @Order(3)
    void theInstitutionPageComparesDimensionsShowsHistoryTopicsSubscribersAndNextSteps() throws Exception {
        String es = open("/dashboard/institutions/renap", "es");
        // This platform runs without security, so no agreement was ever requested: the section says so.
        assertThat(es).contains("Registro Nacional de las Personas").contains("Acuerdos de intercambio de datos")
            .contains("Sin acuerdos de intercambio registrados");
        assertThat(browser.findElement(By.className("declared-level")).getText()).isEqualTo("3 · Esencial (52)");
        assertThat(browser.findElement(By.className("observed-level")).getText())
            .isEqualTo("4 · Sostenible (" + RENAP_OBSERVED + ")");
        assertThat(cell("dimensions", "Estándares y lineamientos", "declared_score")).isEqualTo("58");
        assertThat(cell("dimensions", "Procesos de intercambio", "declared_score")).isEqualTo("72");
        assertThat(cell("dimensions", "Procesos de intercambio", "observed_score")).isEqualTo(String.valueOf(RENAP_OBSERVED));
        assertThat(cell("dimensions", "Colaboración y estrategia", "declared_score")).isEqualTo("38");
        assertThat(cell("dimensions", "Colaboración y estrategia", "observed_score")).isEqualTo("solo declarado");
        assertThat(cell("history", BASELINE, "declared_score")).isEqualTo("23");
        assertThat(cell("history", FOLLOW_UP, "declared_score")).isEqualTo("52");
        assertThat(cell("observed", TODAY, "sdk")).isEqualTo(String.valueOf(SDK_EVENTS));
        assertThat(cell("observed", TODAY, "digital_share")).isEqualTo("60 %");
        // SAT's births subscriber consumed today; RENAP has no agreement.
        assertThat(cell("observed", TODAY, "active_subscriptions")).isEqualTo("1");
        assertThat(cell("observed", TODAY, "agreements_in_force")).isEqualTo("0");
        assertThat(cell("topics", BIRTHS, "classification")).isEqualTo("confidencial");
        assertThat(cell("subscribers", BIRTHS, "group")).isEqualTo("sat.births");
        assertThat(cell("subscribers", BIRTHS, "delivered")).isEqualTo(String.valueOf(SDK_EVENTS));
        // Next steps come from the onboarding checklist: example B is level 3, aiming at 4 (60); its weakest dimension
        // is collaboration (38), whose three rules of checklist-v1.yaml apply (no strategy, forums and contact point
        // unanswered).
        String next = browser.findElement(By.className("next-steps")).getText();
        assertThat(next).contains("Para pasar del nivel 3 · Esencial al 4 · Sostenible, empiece por su dimensión más "
            + "débil, «Colaboración y estrategia»");
        assertThat(browser.findElements(By.cssSelector(".next-steps li strong"))).extracting(WebElement::getText)
            .containsExactly("Designe un punto de contacto de interoperabilidad",
                "Adopte una estrategia de intercambio de datos", "Participe en las mesas técnicas de interoperabilidad");
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#dimensions canvas")).isEmpty());
        screenshot("institution");

        String en = open("/dashboard/institutions/renap?round=" + BASELINE, "en");
        // The steps follow the latest answer whatever round is shown.
        assertThat(en).contains("No data-sharing agreements on record");
        assertThat(en).contains("To move from level 3 · Essential to 4 · Sustainable, start with its weakest dimension, "
            + "“Collaboration and strategy”").contains("Name an interoperability contact point");
        assertThat(cell("dimensions", "Overall", "declared_score")).isEqualTo("23");

        JsonNode dims = exportJson("/dashboard/institutions/renap?table=dimensions");
        assertThat(row(dims, "dimension", "exc").get("declared_score").asInt()).isEqualTo(72);
        assertThat(row(dims, "dimension", "exc").get("observed_score").asInt()).isEqualTo(RENAP_OBSERVED);
        JsonNode subscribers = exportJson("/dashboard/institutions/renap?table=subscribers");
        assertThat(row(subscribers, "group", "sat.births").get("delivered").asLong()).isEqualTo(SDK_EVENTS);
        JsonNode observed = exportJson("/dashboard/institutions/renap?table=observed");
        assertThat(row(observed, "period", TODAY).get("active_subscriptions").asInt()).isEqualTo(1);
        assertThat(get("/dashboard/institutions/renap?table=observed&format=csv").body()).startsWith(
            "period,sdk,gateway,csv_bridge,manual_records,dead_lettered,digital_share,observed_score,"
                + "active_subscriptions,agreements_in_force,agreements_with_legal_basis\r\n");

        // SAT published nothing today but provides an agreement in force, with its legal basis: today has a row.
        String sat = open("/dashboard/institutions/sat", "en");
        assertThat(sat).contains("Agreements in force with a legal basis");
        assertThat(cell("observed", TODAY, "agreements_in_force")).isEqualTo("1");
        assertThat(cell("observed", TODAY, "agreements_with_legal_basis")).isEqualTo("1");
        assertThat(cell("observed", TODAY, "sdk")).isEqualTo("0");
        open("/dashboard/institutions/mineduc", "es");
        assertThat(cell("observed", TODAY, "agreements_with_legal_basis")).as("the consumer too").isEqualTo("1");
    }

    @Test
    @Order(4)
    void theNetworkDrawsDigitalAndManualExchangesAsSvgWithATable() throws Exception {
        String es = open("/dashboard/network", "es");
        assertThat(es).contains("Red de intercambio");
        List<WebElement> digital = browser.findElements(By.cssSelector("figure.network path.edge.digital"));
        List<WebElement> manual = browser.findElements(By.cssSelector("figure.network path.edge.manual"));
        assertThat(digital).hasSize(1);
        assertThat(manual).hasSize(1);
        assertThat(digital.get(0).findElement(By.xpath("..")).findElement(By.tagName("title")).getAttribute("textContent"))
            .isEqualTo("RENAP → SAT: " + SDK_EVENTS + " registros por el bus");
        assertThat(manual.get(0).findElement(By.xpath("..")).findElement(By.tagName("title")).getAttribute("textContent"))
            .isEqualTo("RENAP → MINEDUC: " + MANUAL_RECORDS + " registros manuales declarados");
        assertThat(browser.findElements(By.cssSelector("figure.network a.node")).size()).isGreaterThanOrEqualTo(3);
        screenshot("network");

        open("/dashboard/network", "en");
        List<WebElement> edges = browser.findElements(By.cssSelector("#edges tbody tr"));
        assertThat(edges).extracting(WebElement::getText).containsExactly(
            "RENAP SAT Digital (bus) " + SDK_EVENTS + " " + BIRTHS,
            "RENAP MINEDUC Manual (declared) " + MANUAL_RECORDS + " —");
        JsonNode json = exportJson("/dashboard/network?table=edges");
        assertThat(row(json, "kind", "digital").get("records").asLong()).isEqualTo(SDK_EVENTS);
        assertThat(row(json, "kind", "manual").get("to").asString()).isEqualTo("mineduc");
        assertThat(row(exportJson("/dashboard/network?table=nodes"), "renap").get("manual_records").asLong())
            .isEqualTo(MANUAL_RECORDS);
    }

    @Test
    @Order(5)
    void theReportIsPrintableWithTheSameTables() throws Exception {
        String es = open("/dashboard/report", "es");
        assertThat(es).contains("Informe de madurez de interoperabilidad").contains("Ronda " + FOLLOW_UP);
        assertThat(cell("ranking", "RENAP", "declared_score")).isEqualTo("52");
        assertThat(open("/dashboard/report", "en")).contains("Interoperability maturity report");
        assertThat(get("/dashboard/report?format=csv&table=ranking").body()).contains("\r\nrenap,");
    }

    @Test
    @Order(6)
    void badRoundsUnknownInstitutionsAndFormatsGetAFriendlyPage() throws Exception {
        assertThat(open("/dashboard?round=1999-nope", "es")).contains("La página que buscó no existe");
        assertThat(open("/dashboard/institutions/no-such-inst", "en")).contains("Something went wrong");
        assertThat(open("/dashboard/institutions/renap?round=%3Cscript%3E", "es")).contains("La página que buscó no existe");
        assertThat(get("/dashboard/institutions/no-such-inst").statusCode()).isEqualTo(404);
        HttpResponse<String> badFormat = get("/dashboard?format=xml");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(badFormat.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(get("/dashboard?format=csv&table=nope").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void aBadSurveyAnswerShowsEachErrorNextToItsFieldAndKeepsWhatWasTyped() {
        open("/survey", "es");
        new Select(browser.findElement(By.id("institution"))).selectByValue("mineduc");
        WebElement round = browser.findElement(By.id("round"));
        round.clear();
        round.sendKeys(FOLLOW_UP);
        browser.findElement(By.id("respondent")).sendKeys("Dirección de Informática");
        browser.findElement(By.cssSelector("input[name='exc.main-medium'][value='paper']")).click();
        // A tampered page: a Likert answer out of range and a question the instrument does not have.
        browser.executeScript("var r = document.querySelector(\"input[name='std.guidelines'][value='4']\"); r.value = '7'; r.checked = true;"
            + "var x = document.createElement('input'); x.type = 'hidden'; x.name = 'std.colour'; x.value = 'azul';"
            + "document.querySelector('form.survey-form').appendChild(x);");
        browser.findElement(By.cssSelector("form.survey-form button[type=submit]")).click();

        assertThat(browser.findElement(By.id("error-summary")).getText()).contains("«std.colour» no es una pregunta");
        assertThat(browser.findElement(By.id("e-std.guidelines")).getText()).contains("fuera de rango")
            .contains("7 is out of range; expected 0 to 4");
        assertThat(browser.findElement(By.id("e-std.data-catalog")).getText()).isEqualTo("Esta pregunta es obligatoria.");
        screenshot("survey-errors");
        assertThat(browser.findElements(By.id("e-std.formats"))).as("optional").isEmpty();
        assertThat(browser.findElement(By.id("field-std.data-catalog")).getAttribute("class")).contains("invalid");
        // What was typed is kept.
        assertThat(new Select(browser.findElement(By.id("institution"))).getFirstSelectedOption().getAttribute("value"))
            .isEqualTo("mineduc");
        assertThat(browser.findElement(By.id("round")).getAttribute("value")).isEqualTo(FOLLOW_UP);
        assertThat(browser.findElement(By.id("respondent")).getAttribute("value")).isEqualTo("Dirección de Informática");
        assertThat(browser.findElement(By.cssSelector("input[name='exc.main-medium'][value='paper']")).isSelected()).isTrue();
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Exception");
    }

    @Test
    @Order(8)
    void aGoodSurveyAnswerIsScoredAndAppearsOnTheDashboardLabelledSynthetic() throws Exception {
        open("/survey?lang=en", "en");
        assertThat(browser.findElement(By.id("q-std.guidelines")).getText()).contains("To what extent does your institution");
        new Select(browser.findElement(By.id("institution"))).selectByValue("mineduc");
        WebElement round = browser.findElement(By.id("round"));
        round.clear();
        round.sendKeys(FOLLOW_UP);
        browser.findElement(By.id("respondent")).sendKeys(SyntheticData.RESPONDENT);
        // Worked example B, clicked through the form: overall 52, level 3.
        Map<String, List<String>> answers = Map.ofEntries(
            Map.entry("std.guidelines", List.of("2")), Map.entry("std.data-catalog", List.of("yes")),
            Map.entry("std.identifiers", List.of("1")), Map.entry("exc.main-medium", List.of("web-services")),
            Map.entry("exc.media", List.of("spreadsheet", "bus")), Map.entry("exc.digital-share", List.of("2")),
            Map.entry("exc.automated", List.of("yes")), Map.entry("sec.legal-basis", List.of("1")),
            Map.entry("sec.agreements", List.of("yes")), Map.entry("sec.confidentiality", List.of("1")),
            Map.entry("cap.staff", List.of("two-to-five")), Map.entry("cap.training", List.of("1")),
            Map.entry("cap.infrastructure", List.of("2")), Map.entry("col.strategy", List.of("no")),
            Map.entry("col.partners", List.of("four-to-nine")));
        answers.forEach((item, values) -> values.forEach(v -> {
            WebElement input = browser.findElement(By.cssSelector("input[name='" + item + "'][value='" + v + "']"));
            browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", input);
            input.click();
        }));
        browser.findElement(By.cssSelector("form.survey-form button[type=submit]")).click();
        // The click returns before the answer page replaces the form: until then h1 is the form's (or goes stale).
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Answer received"));
        assertThat(browser.findElement(By.className("declared-level")).getText()).isEqualTo("3 · Essential (52)");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Exchange processes").contains("4 · Sustainable (72)");

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
            assertThat(row(exportJson("/dashboard/institutions"), "mineduc").get("declared_score").asInt()).isEqualTo(52));
        assertThat(open("/dashboard", "es")).contains("Datos sintéticos de demostración")
            .contains("respondieron 3 de");
        assertThat(cell("levels", "3", "declared")).isEqualTo("2");
    }

    @Test
    @Order(9)
    void theManualExchangeLogFormRecordsADeclarationOrShowsItsErrors() throws Exception {
        open("/survey/manual-exchanges", "es");
        new Select(browser.findElement(By.id("institution"))).selectByValue("renap");
        new Select(browser.findElement(By.id("counterpart"))).selectByValue("renap");
        browser.findElement(By.id("records")).sendKeys("-3");
        browser.findElement(By.cssSelector("form.survey-form button[type=submit]")).click();
        assertThat(browser.findElement(By.id("counterpart-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("records-error")).getText()).contains("fuera de rango");
        assertThat(browser.findElement(By.id("medium-error")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("records")).getAttribute("value")).isEqualTo("-3");

        new Select(browser.findElement(By.id("counterpart"))).selectByValue("mspas");
        WebElement records = browser.findElement(By.id("records"));
        records.clear();
        records.sendKeys("15");
        new Select(browser.findElement(By.id("medium"))).selectByValue("email");
        browser.findElement(By.cssSelector("form.survey-form button[type=submit]")).click();
        assertThat(browser.findElement(By.className("declared")).getText())
            .isEqualTo("Registrado: renap declaró 15 registros por correo electrónico con mspas el " + TODAY + ".");
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> assertThat(
            row(exportJson("/dashboard/network?table=nodes"), "renap").get("manual_records").asLong())
            .isEqualTo(MANUAL_RECORDS + 15));

        // The same form in English: its labels and its errors.
        open("/survey/manual-exchanges", "en");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        new Select(browser.findElement(By.id("institution"))).selectByValue("renap");
        new Select(browser.findElement(By.id("counterpart"))).selectByValue("mspas");
        browser.findElement(By.id("records")).sendKeys("-3");
        browser.findElement(By.cssSelector("form.survey-form button[type=submit]")).click();
        assertThat(browser.findElement(By.id("records-error")).getText()).contains("out of range");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("fuera de rango");
    }

    @Test
    @Order(10)
    void thePagesFitAPhoneScreen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("/dashboard", "/dashboard/institutions", "/dashboard/institutions/renap",
                "/dashboard/network", "/survey", "/survey/manual-exchanges")) {
                open(page, "es");
                long width = ((Number) browser.executeScript("return document.documentElement.scrollWidth;")).longValue();
                long viewport = ((Number) browser.executeScript("return window.innerWidth;")).longValue();
                screenshot("phone" + page.replace('/', '-'));
                assertThat(width).as(page).isLessThanOrEqualTo(viewport);
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }
}
