package gt.enlace.platform.cli.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.platform.EnlaceCli;
import gt.enlace.registry.RegistryServer;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(EmbeddedKafkaExtension.class)
class SchemasCommandIT {

    /** The repository's schemas/ folder, seen from the module directory where the tests run. */
    private static final Path REPO_SCHEMAS = Path.of("../../schemas");

    private static RegistryServer registry;
    private static SchemaRegistryClient client;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startRegistry(EmbeddedBroker broker) {
        registry = RegistryServer.start(Map.of(
            "enlace.registry.bootstrap-servers", broker.bootstrapServers(),
            "enlace.registry.topic", "_schemas-" + UUID.randomUUID(),
            "enlace.registry.topic-replication-factor", 1,
            "server.port", 0));
        client = new CachedSchemaRegistryClient(Map.of("schema.registry.url", registry.url()));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private int run(String... args) {
        CommandLine cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int schemas(String command, String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "schemas";
        full[1] = command;
        full[2] = "--registry-url";
        full[3] = registry.url();
        System.arraycopy(args, 0, full, 4, args.length);
        return run(full);
    }

    /** A unique record name and subject per test, so tests never see each other's versions. */
    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String citizen(String name, String extraFields) {
        return """
            {"type": "record", "name": "%s", "namespace": "gt.enlace.test", "doc": "A citizen.",
             "fields": [
               {"name": "cui", "type": "string", "doc": "CUI, 13 digits."},
               {"name": "name", "type": "string"}%s
             ]}
            """.formatted(name, extraFields);
    }

    private static final String EMAIL = ",\n   {\"name\": \"email\", \"type\": [\"null\", \"string\"], \"default\": null}";
    private static final String PHONE_WITHOUT_DEFAULT = ",\n   {\"name\": \"phone\", \"type\": \"string\"}";

    /** Registers v1 (cui, name) and v2 (+ email with default) under a fresh subject; returns the subject. */
    private static String registerTwoVersions(String record) {
        String subject = "gt.test." + record.toLowerCase() + ".v1-value";
        client.register(subject, new Schema.Parser().parse(citizen(record, "")));
        client.register(subject, new Schema.Parser().parse(citizen(record, EMAIL)));
        return subject;
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void everySchemasCommandExplainsItselfWithHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("schemas");
        assertThat(run("schemas", "--help")).isZero();
        assertThat(out.toString()).contains("list").contains("show").contains("diff").contains("check");
        for (String command : new String[] {"list", "show", "diff", "check"}) {
            assertThat(run("schemas", command, "--help")).as(command + ": " + err).isZero();
        }
        assertThat(out.toString()).contains("--registry-url").contains("http://127.0.0.1:8081").contains("--basic-auth")
            .contains("--subject-prefix").contains("--version").contains("--subject");
    }

    @Test
    void listShowsEachSubjectWithItsVersionsLatestIdAndCompatibility() {
        String record = unique("Listed");
        String subject = registerTwoVersions(record);
        int latestId = client.getLatestVersion(subject).id();

        assertThat(schemas("list", "--subject-prefix", subject)).isZero();

        assertThat(out.toString()).contains("SUBJECT").contains("VERSIONS").contains("COMPATIBILITY");
        assertThat(out.toString().lines().filter(l -> l.startsWith(subject)).findFirst().orElseThrow())
            .matches(subject + "\\s+1,2\\s+2\\s+" + latestId + "\\s+BACKWARD");
    }

    @Test
    void showPrintsTheVersionPrettyWithItsIdentity() {
        String subject = registerTwoVersions(unique("Shown"));

        assertThat(schemas("show", subject, "--version", "1")).isZero();

        assertThat(out.toString()).contains("subject: " + subject).contains("version: 1")
            .contains("id:      " + client.getVersion(subject, 1).id())
            .contains("\"name\" : \"cui\"")   // Avro's pretty printer
            .doesNotContain("email");
        out.getBuffer().setLength(0);
        assertThat(schemas("show", subject)).isZero();
        assertThat(out.toString()).contains("version: 2").contains("email");
    }

    @Test
    void showOfAnUnknownSubjectOrVersionSaysWhatExists() {
        String subject = registerTwoVersions(unique("Missing"));
        assertThat(schemas("show", subject, "--version", "7")).isEqualTo(1);
        assertThat(err.toString()).contains("enlace: error: subject '" + subject + "' has no version 7; its versions are [1, 2]");
        assertThat(schemas("show", "gt.nobody.nothing.v1-value")).isEqualTo(1);
        assertThat(err.toString()).contains("subject 'gt.nobody.nothing.v1-value' is not registered");
    }

    @Test
    void aVersionThatIsNotANumberIsAUsageError() {
        assertThat(schemas("show", "any-value", "--version", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("--version must be 'latest' or a version number of 1 or more, got 'abc'");
        assertThat(schemas("diff", "any-value", "0", "latest")).isEqualTo(2);
    }

    @Test
    void diffPrintsTheAddedFieldAndBothCompatibilityDirections() {
        String subject = registerTwoVersions(unique("Diffed"));

        assertThat(schemas("diff", subject, "1", "2")).isZero();

        assertThat(out.toString())
            .contains("subject " + subject + ": version 1 (id ")
            .contains("field added: email ([null, string], default null)")
            .contains("backward: yes, version 2 reads data written with version 1")
            .contains("forward: yes, version 1 reads data written with version 2");
    }

    @Test
    void checkOfACompatibleFilePassesWithExitCodeZero() throws IOException {
        String record = unique("Compatible");
        String subject = registerTwoVersions(record);
        Path file = write(record + ".avsc", citizen(record, EMAIL
            + ",\n   {\"name\": \"zone\", \"type\": [\"null\", \"int\"], \"default\": null}"));

        assertThat(schemas("check", "--subject", subject, file.toString())).isZero();

        assertThat(out.toString()).containsPattern("(?m)^PASS  \\S*" + record + "\\.avsc  " + subject
            + "  compatible with version 2 under BACKWARD$");
        assertThat(out.toString()).contains("checked 1 schema: 1 passed, 0 failed, 0 skipped");
    }

    @Test
    void checkOfAFieldAddedWithoutDefaultFailsWithAvrosReasonAndExitCodeOne() throws IOException {
        String record = unique("Incompatible");
        String subject = registerTwoVersions(record);
        Path file = write(record + ".avsc", citizen(record, EMAIL + PHONE_WITHOUT_DEFAULT));

        assertThat(schemas("check", "--subject", subject, file.toString())).isEqualTo(1);

        assertThat(out.toString())
            .containsPattern("(?m)^FAIL  \\S*" + record + "\\.avsc  " + subject + "  incompatible with version 2 under BACKWARD$")
            .contains("READER_FIELD_MISSING_DEFAULT_VALUE: The field 'phone' at path '/fields/3' in the new schema has no "
                + "default value and is missing in the old schema")
            .doesNotContain("oldSchema")
            .contains("checked 1 schema: 0 passed, 1 failed, 0 skipped");
    }

    @Test
    void checkOfAnUnregisteredSubjectPassesAsNewAndOfTheSameSchemaAsAlreadyRegistered() throws IOException {
        String record = unique("Fresh");
        Path file = write(record + ".avsc", citizen(record, ""));
        assertThat(schemas("check", "--subject", "gt.test." + record.toLowerCase() + ".v1-value", file.toString())).isZero();
        assertThat(out.toString()).contains("PASS  ").contains("new subject, nothing to be compatible with");

        String registered = registerTwoVersions(record);
        Path same = write("again/" + record + ".avsc", citizen(record, EMAIL));
        assertThat(schemas("check", "--subject", registered, same.toString())).isZero();
        assertThat(out.toString()).contains("already registered as version 2 (id " + client.getLatestVersion(registered).id() + ")");
    }

    @Test
    void checkOfAMalformedFileFailsNamingTheFileAndTheLine() throws IOException {
        Path broken = write("Broken.avsc", "{\"type\": \"record\", \"name\": \"Broken\",\n \"fields\": [\n  {\"name\": \"x\" \"type\": \"int\"}]}\n");
        Path undefined = write("Undefined.avsc",
            "{\"type\": \"record\", \"name\": \"Undefined\", \"fields\": [{\"name\": \"x\", \"type\": \"gt.enlace.NoSuchType\"}]}");

        assertThat(schemas("check", "--subject", "gt.test.broken.v1-value", broken.toString())).isEqualTo(1);
        assertThat(out.toString()).containsPattern("(?m)^FAIL  \\S*Broken\\.avsc  gt\\.test\\.broken\\.v1-value  unparsable: line 3, column 16: "
            + "Unexpected character");

        out.getBuffer().setLength(0);
        assertThat(schemas("check", "--subject", "gt.test.undefined.v1-value", undefined.toString())).isEqualTo(1);
        assertThat(out.toString()).containsPattern("(?m)^FAIL  \\S*Undefined\\.avsc  \\S+  unparsable: .*gt\\.enlace\\.NoSuchType");
    }

    @Test
    void checkOfTheRepositorysSchemasPassesOnceTheCatalogIsRegisteredAndFailsOnABreakingEdit() throws IOException {
        TopicCatalog catalog = TopicCatalog.loadDefault();
        for (TopicDefinition topic : catalog.topics()) {
            client.register(topic.subject(), topic.schema());
        }

        assertThat(schemas("check", REPO_SCHEMAS.toString())).as(out + "\n" + err).isZero();
        for (TopicDefinition topic : catalog.topics()) {
            assertThat(out.toString()).containsPattern("(?m)^PASS  \\S*" + topic.schemaPath().replace(".", "\\.") + "  "
                + topic.subject().replace(".", "\\.") + "  already registered as version 1");
        }
        assertThat(out.toString()).containsPattern("(?m)^SKIP  \\S*common/Address\\.avsc  -  gt\\.enlace\\.common\\.Address "
            + "is not the record of a catalog topic");
        assertThat(out.toString()).contains("checked " + catalog.topics().size() + " schemas: " + catalog.topics().size()
            + " passed, 0 failed");

        // The same folder with a breaking change in one event: that file fails, the others still pass.
        Path copy = dir.resolve("schemas");
        try (Stream<Path> files = Files.walk(REPO_SCHEMAS)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(REPO_SCHEMAS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        TopicDefinition births = catalog.topic("gt.renap.birth-registered.v1").orElseThrow();
        Path birthFile = copy.resolve(births.schemaPath());
        String original = Files.readString(birthFile);
        int lastBracket = original.lastIndexOf(']');
        Files.writeString(birthFile, original.substring(0, lastBracket)
            + ", {\"name\": \"hospitalCode\", \"type\": \"string\", \"doc\": \"Hospital.\"}\n" + original.substring(lastBracket));
        out.getBuffer().setLength(0);

        assertThat(schemas("check", copy.toString())).isEqualTo(1);

        assertThat(out.toString())
            .containsPattern("(?m)^FAIL  \\S*renap/BirthRegistered\\.avsc  gt\\.renap\\.birth-registered\\.v1-value  "
                + "incompatible with version 1 under BACKWARD$")
            .contains("READER_FIELD_MISSING_DEFAULT_VALUE: The field 'hospitalCode'")
            .contains("1 failed");
    }

    @Test
    void checkUsageErrorsExitWithTwo() throws IOException {
        assertThat(schemas("check", dir.resolve("nope.avsc").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.avsc does not exist");
        write("a/One.avsc", citizen("One", ""));
        write("a/Two.avsc", citizen("Two", ""));
        assertThat(schemas("check", "--subject", "x-value", dir.resolve("a").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--subject applies to a single .avsc file");
        Files.createDirectories(dir.resolve("empty"));
        assertThat(schemas("check", dir.resolve("empty").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("No .avsc files under");
        assertThat(schemas("list", "--password", "secret")).isEqualTo(2);
        assertThat(err.toString()).contains("--password needs --user");
        assertThat(schemas("list", "--basic-auth", "nocolon")).isEqualTo(2);
        assertThat(err.toString()).contains("--basic-auth expects USER:PASSWORD");
    }

    @Test
    void credentialsAreSentAsBasicAuthAndARefusalSaysWhichOptionsToUse() throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("agency:s3cret".getBytes(StandardCharsets.UTF_8));
        HttpServer secured = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        secured.createContext("/", exchange -> {
            boolean allowed = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (allowed ? "[]" : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        secured.start();
        try {
            String url = "http://127.0.0.1:" + secured.getAddress().getPort();
            assertThat(run("schemas", "list", "--registry-url", url, "--basic-auth", "agency:s3cret")).as(err.toString()).isZero();
            assertThat(run("schemas", "list", "--registry-url", url, "--user", "agency", "--password", "s3cret")).isZero();
            assertThat(out.toString()).contains("(no subjects registered)");

            assertThat(run("schemas", "list", "--registry-url", url, "--user", "agency", "--password", "wrong")).isEqualTo(1);
            assertThat(err.toString()).contains("enlace: error: the schema registry at " + url
                + " refused access (HTTP 401: Unauthorized); pass --user and --password, or --basic-auth USER:PASSWORD");
        } finally {
            secured.stop(0);
        }
    }

    @Test
    void anUnreachableRegistryIsNamedWithExitCodeOne() throws IOException {
        String url = "http://127.0.0.1:" + EmbeddedBroker.freePort();
        Path file = write("Lonely.avsc", citizen("Lonely", ""));
        String expected = "enlace: error: cannot reach the schema registry at " + url + " (is ./enlace up running?)";

        assertThat(run("schemas", "list", "--registry-url", url)).isEqualTo(1);
        assertThat(err.toString()).contains(expected);
        assertThat(run("schemas", "check", "--registry-url", url, "--subject", "gt.x.lonely.v1-value", file.toString())).isEqualTo(1);
        assertThat(err.toString().lines().filter(l -> l.equals(expected))).hasSize(2);
    }
}
