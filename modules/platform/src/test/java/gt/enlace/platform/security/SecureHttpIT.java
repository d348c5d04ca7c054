package gt.enlace.platform.security;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.bus.audit.AuditEntry;
import gt.enlace.bus.security.HttpRole;
import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.audit.AuditTopic;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * HTTP Basic authentication and roles on a secure platform's registry port and web port (gateway, survey API,
 * agreements, portal), with the same credentials as Kafka: who may read and write what, the error bodies clients
 * get, the login throttle, hostile headers, and the audit entries denials and changes leave.
 */
class SecureHttpIT {

    private static final String RENAP_TOPIC = "gt.renap.birth-registered.v1";
    private static final String SAT_TOPIC = "gt.sat.taxpayer-registered.v1";
    private static final String EVALUATOR = "segeplan";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    static Platform platform;
    static CredentialStore credentials;
    static String registry;
    static String web;

    @BeforeAll
    static void startSecurePlatform() {
        System.setProperty(SecurityConfiguration.RECONCILE_PERIOD, "500ms");
        credentials = CredentialStore.in(dataDir);
        // An evaluator created before the first start, as 'enlace institutions add --role evaluator' does.
        credentials.add(EVALUATOR);
        credentials.setRole(EVALUATOR, HttpRole.EVALUATOR);
        platform = Platform.start(PlatformSettings.ephemeral(dataDir).withSecurity(true), TopicCatalog.loadDefault(), line -> { });
        registry = platform.registryUrl();
        web = platform.httpUrl();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        System.clearProperty(SecurityConfiguration.RECONCILE_PERIOD);
    }

    // --- registry -------------------------------------------------------------------------------------------------

    @Test
    void theRegistryAnswersARequestWithoutCredentials401WithConfluentsBodyAndABasicChallenge() throws Exception {
        HttpResponse<String> response = call("GET", registry + "/subjects", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"enlace\""));
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("error_code").asInt()).isEqualTo(401);
        assertThat(body.path("message").asText()).startsWith("Unauthorized").contains("Missing credentials");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    }

    @Test
    void theRegistrys401HasExactlyConfluentsFieldsAndMessageAndChallengesAWrongPasswordToo() throws Exception {
        for (String authorization : new String[] {null, basic("sat", "not-the-password-either")}) {
            HttpResponse<String> response = call("GET", registry + "/schemas/types", authorization, null);
            assertThat(response.statusCode()).isEqualTo(401);
            JsonNode body = MAPPER.readTree(response.body());
            List<String> fields = new ArrayList<>();
            body.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as("Confluent's ErrorMessage: error_code and message").containsExactly("error_code", "message");
            assertThat(body.path("message").asText()).as("Confluent's message first, then why").startsWith("Unauthorized: ");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v.toLowerCase(java.util.Locale.ROOT)).startsWith("basic realm=\"enlace\""));
        }
    }

    @Test
    void theRegistryRefusesAWrongPassword401() throws Exception {
        HttpResponse<String> response = call("GET", registry + "/subjects", basic("sat", "not-the-password"), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(response.body()).path("message").asText())
            .isEqualTo("Unauthorized: Wrong user or password for principal User:sat");
    }

    @Test
    void anyPrincipalReadsTheRegistryButAnInstitutionRegistersOnlyItsOwnSubjects() throws Exception {
        assertThat(call("GET", registry + "/subjects", login("sat"), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", registry + "/subjects", login(EVALUATOR), null).statusCode()).isEqualTo(200);

        String renapSubject = RENAP_TOPIC + "-value";
        HttpResponse<String> denied = call("POST", registry + "/subjects/" + renapSubject + "/versions", login("sat"),
            schemaBody(renapSubject));
        assertThat(denied.statusCode()).isEqualTo(403);
        JsonNode body = MAPPER.readTree(denied.body());
        assertThat(body.size()).as("Confluent's error shape: error_code and message only").isEqualTo(2);
        assertThat(body.path("error_code").asInt()).isEqualTo(40301);
        assertThat(body.path("message").asText()).contains("User:sat", renapSubject, "belongs to institution renap");

        String satSubject = SAT_TOPIC + "-value";
        HttpResponse<String> own = call("POST", registry + "/subjects/" + satSubject + "/versions", login("sat"),
            schemaBody(satSubject));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(own.body()).path("id").asInt()).isPositive();

        // A lookup (POST /subjects/{s}) and a compatibility check are reads.
        assertThat(call("POST", registry + "/subjects/" + renapSubject, login("sat"), schemaBody(renapSubject)).statusCode())
            .isEqualTo(200);
        assertThat(call("POST", registry + "/compatibility/subjects/" + renapSubject + "/versions/latest", login("sat"),
            schemaBody(renapSubject)).statusCode()).isEqualTo(200);

        assertThat(call("POST", registry + "/subjects/" + satSubject + "/versions", login(EVALUATOR), schemaBody(satSubject))
            .statusCode()).as("evaluators only read").isEqualTo(403);
        assertThat(call("DELETE", registry + "/subjects/" + renapSubject, login("sat"), null).statusCode()).isEqualTo(403);
        assertThat(call("PUT", registry + "/config/" + renapSubject, login("sat"), "{\"compatibility\":\"NONE\"}").statusCode())
            .isEqualTo(403);
    }

    @Test
    void onlyTheAdminChangesTheGlobalConfigAndRegistersAnyInstitutionsSubject() throws Exception {
        String global = call("GET", registry + "/config", login("admin"), null).body();
        String level = MAPPER.readTree(global).path("compatibilityLevel").asText();
        HttpResponse<String> sat = call("PUT", registry + "/config", login("sat"), "{\"compatibility\":\"" + level + "\"}");
        assertThat(sat.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(sat.body()).path("message").asText()).contains("global config", "only User:admin");
        assertThat(call("PUT", registry + "/config", login("admin"), "{\"compatibility\":\"" + level + "\"}").statusCode())
            .isEqualTo(200);
        String renapSubject = RENAP_TOPIC + "-value";
        assertThat(call("POST", registry + "/subjects/" + renapSubject + "/versions", login("admin"), schemaBody(renapSubject))
            .statusCode()).isEqualTo(200);
    }

    @Test
    void theSchemasCommandsLogInWithUserAndPasswordFile() {
        String satFile = credentials.directory().resolve("sat.password").toString();
        Cli listed = cli("schemas", "list", "--registry-url", registry, "--user", "sat", "--password-file", satFile);
        assertThat(listed.exit).as(listed.err).isZero();
        assertThat(listed.out).contains(SAT_TOPIC + "-value");
        Cli anonymous = cli("schemas", "list", "--registry-url", registry);
        assertThat(anonymous.exit).isNotZero();
        assertThat(anonymous.err).contains("refused access (HTTP 401", "--user");
    }

    // --- gateway --------------------------------------------------------------------------------------------------

    @Test
    void theGatewayPublishesToTheCallersOwnTopicOnlyAndAsksAnonymousCallersToLogIn() throws Exception {
        HttpResponse<String> own = publish(SAT_TOPIC, login("sat"));
        assertThat(own.statusCode()).as(own.body()).isBetween(200, 299);

        HttpResponse<String> other = publish(RENAP_TOPIC, login("sat"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("TOPIC_NOT_OWNED", "User:sat may not publish to " + RENAP_TOPIC);

        HttpResponse<String> anonymous = publish(SAT_TOPIC, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(MAPPER.readTree(anonymous.body()).path("error").asText()).isEqualTo("UNAUTHENTICATED");

        assertThat(publish(RENAP_TOPIC, login("admin")).statusCode()).as("the admin publishes anywhere").isBetween(200, 299);
    }

    // --- portal ---------------------------------------------------------------------------------------------------

    @Test
    void everyPortalPageNeedsALoginButItsStylesheetDoesNot() throws Exception {
        HttpResponse<String> page = call("GET", web + "/dashboard", null, null);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(page.body()).contains("Inicie sesión");
        assertThat(call("GET", web + "/catalog", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", web + "/portal/enlace.css", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", web + "/health", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void anEvaluatorSeesTheDashboardAndTheHeaderSaysWhoIsLoggedIn() throws Exception {
        HttpResponse<String> dashboard = call("GET", web + "/dashboard", login(EVALUATOR), null);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Sesión: segeplan (evaluación)");
        assertThat(call("GET", web + "/dashboard/institutions/renap", login(EVALUATOR), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", web + "/api/v1/survey/overview", login(EVALUATOR), null).statusCode()).isNotIn(401, 403);
    }

    @Test
    void anInstitutionSeesItsOwnDashboardPageButNotAnothersNorTheRanking() throws Exception {
        assertThat(call("GET", web + "/dashboard/institutions/sat", login("sat"), null).statusCode()).isEqualTo(200);
        HttpResponse<String> other = call("GET", web + "/dashboard/institutions/renap", login("sat"), null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("Acceso denegado", "User:sat may see only its own institution");
        assertThat(call("GET", web + "/dashboard", login("sat"), null).statusCode()).isEqualTo(403);
        assertThat(call("GET", web + "/catalog", login("sat"), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", web + "/onboarding/sat", login("sat"), null).statusCode()).isEqualTo(200);
        HttpResponse<String> forAnother = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/catalog/topics/" + RENAP_TOPIC + "/access"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", login("sat"))
            .POST(HttpRequest.BodyPublishers.ofString("requester=mineduc&purpose=x&legalBasis=y&validUntil=2027-01-01")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(forAnother.statusCode()).as("an access request only in its own name").isEqualTo(403);
        assertThat(forAnother.body()).contains("solo puede pedir acceso en nombre de la suya");
        HttpResponse<String> api = call("GET", web + "/api/v1/survey/institutions/renap", login("sat"), null);
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(api.body()).path("error_code").asInt()).isEqualTo(40301);
    }

    @Test
    void anInstitutionsDashboardPageListsTheAgreementsItTakesPartInWithTheirStatusInSpanishAndEnglish() throws Exception {
        // INE asks RENAP for its births (through the API, as the portal's access form does); RENAP approves.
        String id = requestRenapBirths("ine", "Decreto 3-85 Ley Orgánica del INE", "Estadísticas vitales", Duration.ofDays(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agreementRow("/dashboard/institutions/ine", EVALUATOR, id))
            .contains("RENAP", "Recibe", RENAP_TOPIC, "Decreto 3-85 Ley Orgánica del INE", "Estadísticas vitales", "Solicitado"));
        HttpResponse<String> approved = call("POST", web + "/api/v1/agreements/" + id + "/approve", login("renap"), "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agreementRow("/dashboard/institutions/ine", EVALUATOR, id))
            .contains("RENAP", "Recibe", RENAP_TOPIC, "En vigor", java.time.LocalDate.now(java.time.ZoneId.of("America/Guatemala")).toString()));
        assertThat(agreementRow("/dashboard/institutions/ine?lang=en", EVALUATOR, id))
            .contains("RENAP", "Receives", RENAP_TOPIC, "In force").doesNotContain("Recibe");
        // The institution sees it on its own page too; the provider's page names the consumer and says it provides.
        assertThat(agreementRow("/dashboard/institutions/ine", "ine", id)).contains("RENAP", "En vigor");
        assertThat(agreementRow("/dashboard/institutions/renap?lang=en", EVALUATOR, id)).contains("INE", "Provides", "In force");
        JsonNode export = MAPPER.readTree(call("GET", web + "/dashboard/institutions/ine?format=json&table=agreements",
            login(EVALUATOR), null).body());
        assertThat(export.path("rows")).anySatisfy(row -> {
            assertThat(row.path("agreement").asText()).isEqualTo(id);
            assertThat(row.path("counterpart").asText()).isEqualTo("renap");
            assertThat(row.path("role").asText()).isEqualTo("consumer");
            assertThat(row.path("status").asText()).isEqualTo("in-force");
        });

        // An institution without agreements says so plainly, in either language.
        String none = call("GET", web + "/dashboard/institutions/pnc", login(EVALUATOR), null).body();
        assertThat(none).contains("Sin acuerdos de intercambio registrados").doesNotContain("aún no están disponibles");
        assertThat(call("GET", web + "/dashboard/institutions/pnc?lang=en", login(EVALUATOR), null).body())
            .contains("No data-sharing agreements on record");
    }

    /** The text of the row of the dashboard page's agreements table that names agreement {@code id}, tags stripped. */
    private static String agreementRow(String page, String user, String id) throws Exception {
        HttpResponse<String> response = call("GET", web + page, login(user), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String html = response.body();
        int table = html.indexOf("id=\"agreements\"");
        assertThat(table).as("an agreements table on %s", page).isNotNegative();
        for (String row : html.substring(table, html.indexOf("</figure>", table)).split("<tr")) {
            if (row.contains(id)) {
                return row.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
            }
        }
        throw new AssertionError("no agreement " + id + " on " + page);
    }

    @Test
    void refusalPagesForBrowsersFollowThePortalsLanguageSwitch() throws Exception {
        HttpResponse<String> spanish = call("GET", web + "/dashboard", null, null);
        assertThat(spanish.statusCode()).isEqualTo(401);
        assertThat(spanish.body()).contains("<html lang=\"es\">", "Inicie sesión", "Use el código de su institución",
            "Motivo:", "href=\"/dashboard?lang=en\"", ">English<").doesNotContain("Sign in");

        HttpResponse<String> english = call("GET", web + "/dashboard?lang=en", null, null);
        assertThat(english.statusCode()).isEqualTo(401);
        assertThat(english.body()).contains("<html lang=\"en\">", "Sign in", "Use your institution code", "Reason:",
            "href=\"/dashboard?lang=es\"", ">Español<").doesNotContain("Inicie sesión");

        HttpResponse<String> byCookie = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/dashboard/institutions/renap"))
            .header("Authorization", login("sat")).header("Cookie", "enlace-lang=en").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(byCookie.statusCode()).isEqualTo(403);
        assertThat(byCookie.body()).contains("<html lang=\"en\">", "Access denied", "User:sat may see only its own institution")
            .doesNotContain("Acceso denegado");

        HttpResponse<String> hostile = call("GET", web + "/dashboard?lang=%3Cscript%3E", null, null);
        assertThat(hostile.body()).as("an unknown language falls back to Spanish").contains("<html lang=\"es\">")
            .doesNotContain("<script>");
    }

    @Test
    void refusedCatalogAccessRequestsAreRecordedInTheAuditLog() throws Exception {
        String validUntil = java.time.LocalDate.now().plusYears(1).toString();
        HttpResponse<String> notYours = accessForm(RENAP_TOPIC, "mineduc",
            "requester=sat&purpose=Verificar&legalBasis=Ley&validUntil=" + validUntil);
        assertThat(notYours.statusCode()).isEqualTo(403);
        HttpResponse<String> invalid = accessForm(RENAP_TOPIC, "mspas", "requester=mspas&purpose=&legalBasis=&validUntil=");
        assertThat(invalid.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = accessForm("gt.renap.no-such-topic.v9", "mspas",
            "requester=mspas&purpose=Verificar&legalBasis=Ley&validUntil=" + validUntil);
        assertThat(unknown.statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<AuditEntry> entries = audit();
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("access.denied");
                assertThat(e.actor()).isEqualTo("mineduc");
                assertThat(e.target()).isEqualTo("topic/" + RENAP_TOPIC);
                assertThat(e.details()).containsEntry("requester", "sat").containsKey("address")
                    .hasEntrySatisfying("reason", r -> assertThat(r).contains("only for its own institution"))
                    .hasEntrySatisfying("operation", o -> assertThat(o).isEqualTo("POST /catalog/topics/" + RENAP_TOPIC + "/access"));
            });
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("agreement.request.refused");
                assertThat(e.actor()).isEqualTo("mspas");
                assertThat(e.target()).isEqualTo("topic/" + RENAP_TOPIC);
                assertThat(e.details()).hasEntrySatisfying("fields", f -> assertThat(f).contains("purpose", "legalBasis", "validUntil"));
            });
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("agreement.request.refused");
                assertThat(e.actor()).isEqualTo("mspas");
                assertThat(e.target()).isEqualTo("topic/gt.renap.no-such-topic.v9");
                assertThat(e.details()).hasEntrySatisfying("reason", r -> assertThat(r).contains("gt.renap.no-such-topic.v9"));
            });
        });
    }

    @Test
    void theAgreementsCommandsRejectApproveAndRevokeWithAReasonWhereTheyTakeOne() throws Exception {
        String first = requestAgreement("igss");
        Cli rejected = cli("agreements", "reject", first, "--reason", "falta convenio", "--url", web, "--user", "renap",
            "--data-dir", dataDir.toString());
        assertThat(rejected.exit).as(rejected.err).isZero();
        assertThat(rejected.out).contains(first, "REJECTED");
        JsonNode all = MAPPER.readTree(call("GET", web + "/api/v1/agreements", login("renap"), null).body());
        assertThat(all).anySatisfy(a -> {
            assertThat(a.path("id").asText()).isEqualTo(first);
            assertThat(a.path("reason").asText()).isEqualTo("falta convenio");
        });

        String second = requestAgreement("igss");
        Cli approved = cli("agreements", "approve", second, "--url", web, "--user", "renap", "--data-dir", dataDir.toString());
        assertThat(approved.exit).as(approved.err).isZero();
        assertThat(approved.out).contains(second, "APPROVED");
        assertThat(cli("agreements", "approve", second, "--reason", "x", "--url", web, "--user", "renap").exit)
            .as("approve takes no reason").isNotZero();
        Cli revoked = cli("agreements", "revoke", second, "--reason", "ya no se necesita", "--url", web, "--user", "igss",
            "--data-dir", dataDir.toString());
        assertThat(revoked.exit).as(revoked.err).isZero();
        assertThat(revoked.out).contains(second, "REVOKED");
    }

    @Test
    void anAccessRequestFromTheCatalogPageIsAnAgreementRequestTheProviderSees() throws Exception {
        String validUntil = java.time.LocalDate.now().plusYears(1).toString();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/catalog/topics/" + RENAP_TOPIC + "/access"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", login("igss"))
            .POST(HttpRequest.BodyPublishers.ofString("requester=igss&purpose=Verificar+nacimientos+de+afiliados"
                + "&legalBasis=Convenio+IGSS-RENAP+2026&validUntil=" + validUntil)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String id = page.body().replaceAll("(?s).*<code id=\"request-id\">([^<]+)</code>.*", "$1");

        JsonNode agreements = MAPPER.readTree(call("GET", web + "/api/v1/agreements", login("renap"), null).body());
        JsonNode requested = null;
        for (JsonNode agreement : agreements) {
            if (agreement.path("id").asText().equals(id)) {
                requested = agreement;
            }
        }
        assertThat(requested).as("the provider sees agreement %s in %s", id, agreements).isNotNull();
        assertThat(requested.path("consumer").asText()).isEqualTo("igss");
        assertThat(requested.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(requested.path("topics").toString()).contains(RENAP_TOPIC);
        assertThat(requested.path("purpose").asText()).isEqualTo("Verificar nacimientos de afiliados");
        assertThat(requested.path("legalBasis").asText()).isEqualTo("Convenio IGSS-RENAP 2026");
    }

    @Test
    void theSurveyImportLogsInToASecureBusWithUserAndPasswordFile() throws Exception {
        Path template = dataDir.resolve("survey-template.csv");
        assertThat(cli("survey", "template", "--output", template.toString()).exit()).isZero();
        String header = Files.readAllLines(template).get(0);
        String answers = "0,no,2,none,paper,email|usb,1,no,2,no,1,legal|confidentiality,one,1,2,no,no,two-to-three,1,yes";
        Path filled = dataDir.resolve("survey-responses.csv");
        Files.writeString(filled, header + "\r\n" + "sat,SAT," + answers + "\r\n", StandardCharsets.UTF_8);
        Path passwordFile = dataDir.resolve("admin-password.txt");
        Files.writeString(passwordFile, credentials.require("admin"));

        Cli anonymous = cli("survey", "import", filled.toString(), "--round", "2025-baseline",
            "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", registry);
        assertThat(anonymous.exit()).as(anonymous.out() + anonymous.err()).isNotZero();

        Cli admin = cli("survey", "import", filled.toString(), "--round", "2025-baseline",
            "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", registry,
            "--user", "admin", "--password-file", passwordFile.toString());
        assertThat(admin.exit()).as(admin.out() + admin.err()).isZero();
        assertThat(admin.out()).contains("Published 1 response(s)");
    }

    @Test
    void anInstitutionAnswersTheSurveyOnlyForItself() throws Exception {
        String body = "{\"institution\":\"renap\",\"answers\":{}}";
        HttpResponse<String> response = call("POST", web + "/api/v1/survey/rounds/2026-pilot/responses", login("sat"), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("forbidden", "User:sat may answer only for its own institution (sat), not for renap");
        HttpResponse<String> own = call("POST", web + "/api/v1/survey/rounds/2026-pilot/responses", login("sat"),
            body.replace("renap", "sat"));
        assertThat(own.statusCode()).as("its own institution gets as far as validation").isEqualTo(422);
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/survey"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", login("sat"))
            .POST(HttpRequest.BodyPublishers.ofString("institution=renap&round=2026-pilot")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as("the portal's form answers through the same check").isEqualTo(403);
        assertThat(form.body()).contains("may answer only for its own institution");
    }

    // --- throttling and hostile input -----------------------------------------------------------------------------

    @Test
    void fiveWrongPasswordsLockTheUserOutWith429EvenForTheRightPasswordOnBothPorts() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(call("GET", registry + "/subjects", basic("mspas", "guess-" + i), null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = call("GET", registry + "/subjects", login("mspas"), null);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(MAPPER.readTree(locked.body()).path("message").asText()).contains("Too many failed logins for User:mspas");
        HttpResponse<String> web429 = call("GET", web + "/catalog", login("mspas"), null);
        assertThat(web429.statusCode()).as("the lockout holds on the web port too").isEqualTo(429);
        assertThat(web429.headers().firstValue("Retry-After")).isPresent();
        assertThat(call("GET", registry + "/subjects", login("mineduc"), null).statusCode()).as("other users go on").isEqualTo(200);
    }

    @Test
    void hostileAuthorizationHeadersAreRefused401WithTheReason() throws Exception {
        assertThat(message(call("GET", web + "/api/v1/agreements", "Basic !!!not-base64!!!", null)))
            .contains("not valid Base64");
        assertThat(message(call("GET", web + "/api/v1/agreements", "Basic " + b64("renap".getBytes(StandardCharsets.UTF_8)), null)))
            .contains("no ':' between user and password");
        assertThat(message(call("GET", registry + "/subjects", "Basic " + "QUFB".repeat(400), null)))
            .contains("characters long");
        assertThat(message(call("GET", web + "/api/v1/agreements", "Basic " + b64(new byte[] {'s', 'a', (byte) 0xFF, ':', 'x'}), null)))
            .contains("not UTF-8");
        HttpResponse<String> huge = call("GET", registry + "/subjects", "Basic " + "A".repeat(40_000), null);
        assertThat(huge.statusCode()).as("Tomcat refuses headers over its limit").isIn(400, 401, 431);
        assertThat(call("GET", registry + "/subjects", login("admin"), null).statusCode()).isEqualTo(200);
    }

    // --- audit ----------------------------------------------------------------------------------------------------

    @Test
    void deniedAccessFailedLoginsAgreementAndCredentialChangesAreRecordedInTheAuditLog() throws Exception {
        call("POST", registry + "/subjects/" + RENAP_TOPIC + "-key/versions", login("mineduc"), schemaBody(RENAP_TOPIC + "-value"));
        call("GET", web + "/catalog", basic("sat", "wrong-for-audit"), null);
        String id = requestRenapBirths("sat", "Decreto 90-2005", "Verificar identidad", Duration.ofDays(30));
        assertThat(call("POST", web + "/api/v1/agreements/" + id + "/approve", login("sat"), "").statusCode()).isEqualTo(403);
        assertThat(call("POST", web + "/api/v1/survey/manual-exchanges", login("sat"), "{\"institution\":\"mspas\"}")
            .statusCode()).isEqualTo(403);

        Cli added = cli("institutions", "add", "auditora", "--role", "evaluator", "--data-dir", dataDir.toString(),
            "--bootstrap-servers", platform.bootstrapServers());
        assertThat(added.exit).as(added.err).isZero();
        assertThat(Files.getPosixFilePermissions(credentials.directory().resolve("auditora.role")))
            .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(cli("institutions", "list", "--data-dir", dataDir.toString()).out).containsPattern("User:auditora\\s+evaluator");
        assertThat(call("GET", web + "/dashboard", login("auditora"), null).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<AuditEntry> entries = audit();
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("access.denied");
                assertThat(e.actor()).isEqualTo("mineduc");
                assertThat(e.target()).isEqualTo("subject/" + RENAP_TOPIC + "-key");
            });
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("auth.failed");
                assertThat(e.actor()).isEqualTo("sat");
                assertThat(e.details()).containsKey("address").doesNotContainValue("wrong-for-audit");
            });
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("access.denied");
                assertThat(e.target()).isEqualTo("topic/" + RENAP_TOPIC);
            });
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("agreement.request");
                assertThat(e.target()).isEqualTo("agreement/" + id);
                assertThat(e.actor()).isEqualTo("sat");
            });
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("access.denied");
                assertThat(e.target()).startsWith("agreements/" + id);
            });
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("access.denied");
                assertThat(e.target()).isEqualTo("survey/mspas");
                assertThat(e.actor()).isEqualTo("sat");
            });
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("credentials.create");
                assertThat(e.target()).isEqualTo("principal/User:auditora");
                assertThat(e.details()).containsEntry("role", "evaluator");
            });
            assertThat(entries).anySatisfy(e -> assertThat(e.action()).isEqualTo("credentials.create")
                .satisfies(a -> assertThat(e.details().get("principals")).contains("admin", "renap")));
        });
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static List<AuditEntry> audit() {
        Map<String, Object> config = new HashMap<>(platform.kafkaClientProperties());
        config.put("bootstrap.servers", platform.bootstrapServers());
        List<AuditEntry> entries = new ArrayList<>();
        AuditTopic.read(config, Duration.ofSeconds(20), (offset, value) -> {
            entries.add(AuditEntry.fromJson(value));
            return true;
        });
        return entries;
    }

    private static String schemaBody(String subject) throws Exception {
        JsonNode latest = MAPPER.readTree(call("GET", registry + "/subjects/" + subject + "/versions/latest", login("admin"), null).body());
        return MAPPER.createObjectNode().put("schema", latest.path("schema").asText()).toString();
    }

    private static HttpResponse<String> publish(String topic, String authorization) throws Exception {
        byte[] event = JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(topic, 1)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web + "/api/v1/topics/" + topic + "/events"))
            .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(event));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String requestAgreement(String consumer) throws Exception {
        String body = "{\"provider\":\"renap\",\"consumer\":\"" + consumer + "\",\"topics\":[\"" + RENAP_TOPIC + "\"],"
            + "\"legalBasis\":\"Decreto 90-2005\",\"purpose\":\"Verificar identidad\",\"validUntil\":\""
            + Instant.now().plus(Duration.ofDays(30)) + "\"}";
        HttpResponse<String> requested = call("POST", web + "/api/v1/agreements", login(consumer), body);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        return MAPPER.readTree(requested.body()).path("id").asText();
    }

    private static HttpResponse<String> accessForm(String topic, String user, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(web + "/catalog/topics/" + topic + "/access"))
            .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", login(user))
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String message(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        return MAPPER.readTree(response.body()).path("message").asText();
    }

    /** The consumer asks RENAP for its births under an agreement, as the portal's access form does: the new agreement's id. */
    private static String requestRenapBirths(String consumer, String legalBasis, String purpose, Duration validity) throws Exception {
        String body = "{\"provider\":\"renap\",\"consumer\":\"" + consumer + "\",\"topics\":[\"" + RENAP_TOPIC + "\"],"
            + "\"legalBasis\":\"" + legalBasis + "\",\"purpose\":\"" + purpose + "\",\"validUntil\":\""
            + Instant.now().plus(validity) + "\"}";
        HttpResponse<String> requested = call("POST", web + "/api/v1/agreements", login(consumer), body);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        return MAPPER.readTree(requested.body()).path("id").asText();
    }

    private static HttpResponse<String> call(String method, String url, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", url.startsWith(registry) ? "application/vnd.schemaregistry.v1+json" : "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(String user) {
        return basic(user, credentials.require(user));
    }

    private static String basic(String user, String password) {
        return "Basic " + b64((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
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
