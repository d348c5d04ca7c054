package gt.enlace.registry.rest;

import static gt.enlace.registry.RegistryFixture.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.registry.RegistryFixture;
import gt.enlace.registry.RegistryFixture.Client;
import gt.enlace.registry.RegistryFixture.Response;
import gt.enlace.registry.RegistryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Walks Confluent Schema Registry's REST API over HTTP against a real broker: every endpoint, the reference's
 * gotchas, and every error code with its exact status, code and message, including hostile input.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RegistryConformanceIT {

    private static final String V1 = "application/vnd.schemaregistry.v1+json";
    private static final String USER = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"gt.test\",\"fields\":["
        + "{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String USER_WITH_EMAIL = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"gt.test\",\"fields\":["
        + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    private static final String USER_WITH_AGE_NO_DEFAULT = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"gt.test\","
        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"}]}";

    private static RegistryServer server;
    private static Client client;
    private static EmbeddedBroker kafka;
    private static String topic;

    @BeforeAll
    static void startRegistry(EmbeddedBroker broker) {
        kafka = broker;
        topic = RegistryFixture.uniqueTopic();
        server = RegistryFixture.start(broker, topic, Map.of());
        client = new Client(server);
    }

    @AfterAll
    static void stopRegistry() {
        server.close();
    }

    private static String subject(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
    }

    private static void assertError(Response response, int code, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(code >= 10000 ? code / 100 : code);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        if (message != null) {
            assertThat(response.message()).isEqualTo(message);
        }
        assertThat(response.json().size()).isEqualTo(2);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static int register(String subject, String schema) {
        return ok(client.post("/subjects/" + subject + "/versions", schemaBody(schema))).get("id").asInt();
    }

    // ---- basics --------------------------------------------------------------------------------------------

    @Test
    void rootTypesAndContextsAnswerAsConfluent() {
        assertThat(ok(client.get("/")).size()).isZero();
        assertThat(client.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
        assertThat(client.get("/contexts").body()).isEqualTo("[\".\"]");
    }

    @Test
    void registrationReturnsIdVersionGuidAndTheCanonicalSchemaEverywhere() {
        String s = subject("canonical");
        String pretty = "{\n  \"type\" : \"record\",\n  \"name\" : \"User\", \"namespace\" : \"gt.test\",\n"
            + "  \"fields\" : [ { \"name\" : \"id\", \"type\" : \"string\" } ]\n}";

        JsonNode registered = ok(client.post("/subjects/" + s + "/versions", schemaBody(pretty)));

        int id = registered.get("id").asInt();
        assertThat(registered.get("version").asInt()).isEqualTo(1);
        assertThat(registered.get("schema").asString()).isEqualTo(USER);
        assertThat(registered.get("guid").asString()).matches("[0-9a-f-]{36}");
        JsonNode version = ok(client.get("/subjects/" + s + "/versions/1"));
        assertThat(version.get("subject").asString()).isEqualTo(s);
        assertThat(version.get("id").asInt()).isEqualTo(id);
        assertThat(version.get("schema").asString()).isEqualTo(USER);
        assertThat(version.has("schemaType")).isFalse();
        assertThat(ok(client.get("/schemas/ids/" + id)).get("schema").asString()).isEqualTo(USER);
        assertThat(client.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(USER);
        assertThat(client.get("/subjects/" + s + "/versions/latest/schema").body()).isEqualTo(USER);
        JsonNode byGuid = ok(client.get("/schemas/guids/" + registered.get("guid").asString()));
        assertThat(byGuid.get("schema").asString()).isEqualTo(USER);
        JsonNode withSubject = ok(client.get("/schemas/ids/" + id + "?subject=" + s + "&fetchMaxId=false"));
        assertThat(withSubject.get("subject").asString()).isEqualTo(s);
        assertThat(withSubject.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void theSameSchemaUnderANewSubjectGetsTheSameIdAndVersionOne() {
        String first = subject("same-a");
        String second = subject("same-b");
        String schema = "{\"type\":\"record\",\"name\":\"Shared\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}";
        int id = register(first, schema);

        JsonNode again = ok(client.post("/subjects/" + second + "/versions", schemaBody(schema)));
        JsonNode repeat = ok(client.post("/subjects/" + first + "/versions", schemaBody(schema)));

        assertThat(again.get("id").asInt()).isEqualTo(id);
        assertThat(again.get("version").asInt()).isEqualTo(1);
        assertThat(repeat.get("id").asInt()).isEqualTo(id);
        assertThat(repeat.get("version").asInt()).isEqualTo(1);
        assertThat(client.get("/subjects/" + first + "/versions").body()).isEqualTo("[1]");
        assertThat(ok(client.get("/schemas/ids/" + id + "/subjects"))).extracting(JsonNode::asString)
            .containsExactlyInAnyOrder(first, second);
        assertThat(ok(client.get("/schemas/ids/" + id + "/versions"))).hasSize(2);
    }

    @Test
    void schemaTypeMayBeOmittedOrAvroAndOtherTypesAre42201() {
        String s = subject("types");
        assertThat(ok(client.post("/subjects/" + s + "/versions",
            "{\"schemaType\":\"AVRO\",\"schema\":\"\\\"string\\\"\"}")).get("id").asInt()).isPositive();
        Response protobuf = client.post("/subjects/" + s + "/versions",
            "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        assertError(protobuf, 42201, "Invalid schema type PROTOBUF: this registry supports AVRO only");
    }

    @Test
    void unknownBodyFieldsAndQueryParametersAreIgnored() {
        String s = subject("unknown");
        String body = "{\"schema\":" + RegistryFixture.JSON.writeValueAsString(USER) + ",\"schemaTagsToAdd\":[],"
            + "\"propagateSchemaTags\":false,\"somethingNew\":{\"a\":1}}";
        JsonNode registered = ok(client.post("/subjects/" + s + "/versions?foo=bar&normalize=false", body));
        assertThat(registered.get("version").asInt()).isEqualTo(1);
        assertThat(ok(client.get("/subjects/" + s + "/versions/1?unknown=1")).get("schema").asString()).isEqualTo(USER);
    }

    @Test
    void queryBooleansIgnoreCase() {
        String s = subject("booleans");
        register(s, USER);
        register(s, USER_WITH_EMAIL);
        assertThat(client.delete("/subjects/" + s + "/versions/1").body()).isEqualTo("1");

        assertThat(client.get("/subjects/" + s + "/versions?deleted=True").body()).isEqualTo("[1,2]");
        assertThat(client.get("/subjects/" + s + "/versions?deleted=FALSE").body()).isEqualTo("[2]");
        assertThat(client.get("/subjects/" + s + "/versions?deleted=yes").body()).isEqualTo("[2]");
        assertThat(client.get("/subjects/" + s + "/versions?deletedOnly=TRUE").body()).isEqualTo("[1]");
        assertThat(client.get("/subjects/" + s + "/versions?deletedAsNegative=true").body()).isEqualTo("[-1,2]");
        assertThat(ok(client.post("/subjects/" + s + "/versions?normalize=True", schemaBody(USER_WITH_EMAIL)))
            .get("version").asInt()).isGreaterThan(1);
    }

    // ---- compatibility -------------------------------------------------------------------------------------

    @Test
    void compatibilityAcceptsTheJavaClientsTrailingSlashAndExplainsWhenVerbose() {
        String s = subject("compat");
        register(s, USER);

        assertThat(client.post("/compatibility/subjects/" + s + "/versions/", schemaBody(USER_WITH_EMAIL)).body())
            .isEqualTo("{\"is_compatible\":true}");
        assertThat(client.post("/compatibility/subjects/" + s + "/versions", schemaBody(USER_WITH_AGE_NO_DEFAULT)).body())
            .isEqualTo("{\"is_compatible\":false}");
        JsonNode verbose = ok(client.post("/compatibility/subjects/" + s + "/versions/latest?verbose=TRUE",
            schemaBody(USER_WITH_AGE_NO_DEFAULT)));
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").get(0).asString()).isEqualTo("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', "
            + "description:'The field 'age' at path '/fields/1' in the new schema has no default value and is missing in "
            + "the old schema', additionalInfo:'age'}");
        assertThat(verbose.get("messages").get(verbose.get("messages").size() - 1).asString())
            .isEqualTo("{validateFields: 'false', compatibility: 'BACKWARD'}");
        assertThat(ok(client.post("/compatibility/subjects/" + s + "/versions/1?verbose=true", schemaBody(USER_WITH_EMAIL)))
            .get("messages")).isEmpty();
    }

    @Test
    void compatibilityAgainstMissingVersionsAndInvalidSchemas() {
        String s = subject("compat-missing");
        assertThat(client.post("/compatibility/subjects/" + s + "/versions/latest", schemaBody(USER)).body())
            .isEqualTo("{\"is_compatible\":true}");
        assertError(client.post("/compatibility/subjects/" + s + "/versions/3", schemaBody(USER)), 40402,
            "Version 3 not found.");
        register(s, USER);
        assertError(client.post("/compatibility/subjects/" + s + "/versions/0", schemaBody(USER)), 42202, null);
        assertError(client.post("/compatibility/subjects/" + s + "/versions/latest", schemaBody("{\"type\":\"nope\"}")),
            42201, null);
        JsonNode verbose = ok(client.post("/compatibility/subjects/" + s + "/versions/latest?verbose=true",
            schemaBody("{\"type\":\"nope\"}")));
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").get(0).asString()).startsWith("Invalid schema");
    }

    @Test
    void anIncompatibleRegistrationIs40901WithConfluentsMessageAndForceSkipsTheCheck() {
        String s = subject("incompatible");
        register(s, USER);
        ok(client.put("/config/" + s, "{\"compatibility\":\"FULL\"}"));

        Response refused = client.post("/subjects/" + s + "/versions", schemaBody(USER_WITH_AGE_NO_DEFAULT));

        assertError(refused, 40901, null);
        assertThat(refused.message()).startsWith("Schema being registered is incompatible with an earlier schema for subject \""
            + s + "\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'");
        assertThat(refused.message()).contains("{oldSchemaVersion: 1}", "{oldSchema: '" + USER + "'}")
            .endsWith("{validateFields: 'false', compatibility: 'FULL'}]");
        assertThat(ok(client.post("/subjects/" + s + "/versions?force=true", schemaBody(USER_WITH_AGE_NO_DEFAULT)))
            .get("version").asInt()).isEqualTo(2);
    }

    // ---- config --------------------------------------------------------------------------------------------

    @Test
    void subjectConfigIs40408UntilSetAndCaseInsensitive() {
        String s = subject("config");
        assertError(client.get("/config/" + s), 40408,
            "Subject '" + s + "' does not have subject-level compatibility configured");
        assertThat(client.get("/config/" + s + "?defaultToGlobal=true").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        assertThat(client.put("/config/" + s, "{\"compatibility\":\"full_transitive\",\"extra\":1}").body())
            .isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(client.get("/config/" + s).body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertError(client.put("/config/" + s, "{\"compatibility\":\"SIDEWAYS\"}"), 42203, "Invalid compatibility level. "
            + "Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
        assertThat(client.delete("/config/" + s).body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertError(client.delete("/config/" + s), 40401, "Subject '" + s + "' not found.");
    }

    @Test
    void globalConfigDefaultsToBackwardAndFallsBackWhenDeleted(EmbeddedBroker broker) {
        try (RegistryServer own = RegistryFixture.start(broker)) {
            Client c = new Client(own);
            assertThat(c.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
            assertThat(c.put("/config", "{\"compatibility\":\"NONE\"}").body()).isEqualTo("{\"compatibility\":\"NONE\"}");
            assertThat(c.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            String s = subject("global");
            ok(c.post("/subjects/" + s + "/versions", schemaBody(USER)));
            ok(c.post("/subjects/" + s + "/versions", schemaBody(USER_WITH_AGE_NO_DEFAULT)));
            assertThat(c.delete("/config").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            assertThat(c.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        }
    }

    // ---- modes ---------------------------------------------------------------------------------------------

    @Test
    void modesGuardWritesWithConfluentsCodes(EmbeddedBroker broker) {
        try (RegistryServer own = RegistryFixture.start(broker)) {
            Client c = new Client(own);
            String s = subject("mode");
            assertThat(c.get("/mode").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
            assertError(c.get("/mode/" + s), 40409, "Subject '" + s + "' does not have subject-level mode configured");
            assertThat(c.get("/mode/" + s + "?defaultToGlobal=true").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
            assertError(c.put("/mode/" + s, "{\"mode\":\"SLEEPY\"}"), 42204,
                "Invalid mode. Valid values are READWRITE, READONLY, and IMPORT.");

            ok(c.post("/subjects/" + s + "/versions", schemaBody(USER)));
            assertThat(c.put("/mode/" + s, "{\"mode\":\"readonly\"}").body()).isEqualTo("{\"mode\":\"READONLY\"}");
            assertError(c.post("/subjects/" + s + "/versions", schemaBody(USER_WITH_EMAIL)), 42205,
                "Subject " + s + " is in read-only mode");
            assertThat(ok(c.post("/subjects/" + s + "/versions", schemaBody(USER))).get("version").asInt())
                .as("an existing schema is still returned in read-only mode").isEqualTo(1);
            assertError(c.delete("/subjects/" + s), 42205, "Subject " + s + " is in read-only mode");
            assertThat(c.delete("/mode/" + s).body()).isEqualTo("{\"mode\":\"READONLY\"}");
            assertError(c.delete("/mode/" + s), 40401, "Subject '" + s + "' not found.");

            assertError(c.post("/subjects/" + s + "/versions", "{\"schema\":" + RegistryFixture.JSON.writeValueAsString(
                USER_WITH_EMAIL) + ",\"id\":50}"), 42205, "Subject " + s + " is not in import mode");
            assertError(c.put("/mode/" + s, "{\"mode\":\"IMPORT\"}"), 42205, "Cannot import since found existing subjects");
            assertThat(c.put("/mode/" + s + "?force=True", "{\"mode\":\"IMPORT\"}").body()).isEqualTo("{\"mode\":\"IMPORT\"}");
            assertError(c.post("/subjects/" + s + "/versions", schemaBody(USER_WITH_EMAIL)), 42205,
                "Subject " + s + " is not in read-write mode");

            JsonNode imported = ok(c.post("/subjects/" + s + "/versions", "{\"schema\":"
                + RegistryFixture.JSON.writeValueAsString(USER_WITH_AGE_NO_DEFAULT) + ",\"id\":100,\"version\":7}"));
            assertThat(imported.get("id").asInt()).isEqualTo(100);
            assertThat(imported.get("version").asInt()).isEqualTo(7);
            assertThat(ok(c.get("/schemas/ids/100")).get("schema").asString()).isEqualTo(USER_WITH_AGE_NO_DEFAULT);
            assertError(c.post("/subjects/" + s + "/versions", "{\"schema\":"
                + RegistryFixture.JSON.writeValueAsString(USER_WITH_EMAIL) + ",\"id\":100}"), 42205,
                "Overwrite new schema with id 100 is not permitted.");
            assertError(c.post("/subjects/" + s + "/versions", "{\"schema\":"
                + RegistryFixture.JSON.writeValueAsString(USER_WITH_AGE_NO_DEFAULT) + ",\"id\":101}"), 42207,
                "Schema already registered with id 100 instead of input id 101");

            assertThat(c.put("/mode", "{\"mode\":\"READONLY_OVERRIDE\"}").body()).isEqualTo("{\"mode\":\"READONLY_OVERRIDE\"}");
            assertError(c.put("/config/" + s, "{\"compatibility\":\"NONE\"}"), 42205, "Subject " + s + " is in read-only mode");
            assertThat(c.put("/mode", "{\"mode\":\"READWRITE\"}").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
        }
    }

    // ---- lookups, versions, deletes ------------------------------------------------------------------------

    @Test
    void lookupFindsBySchemaContentWithConfluentsErrors() {
        String s = subject("lookup");
        assertError(client.post("/subjects/" + s, schemaBody(USER)), 40401, "Subject '" + s + "' not found.");
        int id = register(s, USER);

        JsonNode found = ok(client.post("/subjects/" + s, schemaBody(" " + USER + " ")));
        assertThat(found.get("subject").asString()).isEqualTo(s);
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("schema").asString()).isEqualTo(USER);
        assertError(client.post("/subjects/" + s, schemaBody(USER_WITH_EMAIL)), 40403, "Schema not found");
        assertError(client.post("/subjects/" + s, schemaBody("{\"type\":\"record\"}")), 42201, null);

        client.delete("/subjects/" + s);
        assertError(client.post("/subjects/" + s, schemaBody(USER)), 40401, "Subject '" + s + "' not found.");
        assertThat(ok(client.post("/subjects/" + s + "?deleted=true", schemaBody(USER))).get("id").asInt()).isEqualTo(id);
    }

    @Test
    void versionsAndVersionIdsFollowConfluent() {
        String s = subject("versions");
        assertError(client.get("/subjects/" + s + "/versions"), 40401, "Subject '" + s + "' not found.");
        assertError(client.get("/subjects/" + s + "/versions/1"), 40401, "Subject '" + s + "' not found.");
        register(s, USER);
        register(s, USER_WITH_EMAIL);

        assertThat(client.get("/subjects/" + s + "/versions").body()).isEqualTo("[1,2]");
        assertThat(ok(client.get("/subjects/" + s + "/versions/LATEST")).get("version").asInt()).isEqualTo(2);
        assertThat(ok(client.get("/subjects/" + s + "/versions/-1")).get("version").asInt()).isEqualTo(2);
        assertError(client.get("/subjects/" + s + "/versions/9"), 40402, "Version 9 not found.");
        for (String bad : List.of("0", "abc", "-2")) {
            assertError(client.get("/subjects/" + s + "/versions/" + bad), 42202, "The specified version '" + bad
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }
        assertThat(client.get("/subjects/" + s + "/versions/1/referencedby").body()).isEqualTo("[]");
        assertThat(client.get("/subjects/" + s + "/versions?offset=1&limit=1").body()).isEqualTo("[2]");
    }

    @Test
    void softAndHardDeletesFollowConfluentsRules() {
        String s = subject("deletes");
        assertError(client.delete("/subjects/" + s), 40401, "Subject '" + s + "' not found.");
        int id1 = register(s, USER);
        register(s, USER_WITH_EMAIL);

        assertError(client.delete("/subjects/" + s + "/versions/1?permanent=true"), 40407,
            "Subject '" + s + "' Version 1 was not deleted first before being permanently deleted");
        assertThat(client.delete("/subjects/" + s + "/versions/1").body()).isEqualTo("1");
        assertError(client.delete("/subjects/" + s + "/versions/1"), 40406,
            "Subject '" + s + "' Version 1 was soft deleted.Set permanent=true to delete permanently");
        assertThat(ok(client.get("/schemas/ids/" + id1)).get("schema").asString()).as("ids of soft-deleted schemas resolve")
            .isEqualTo(USER);
        assertError(client.get("/subjects/" + s + "/versions/1"), 40402, "Version 1 not found.");
        assertThat(ok(client.get("/subjects/" + s + "/versions/1?deleted=true")).get("id").asInt()).isEqualTo(id1);
        assertError(client.delete("/subjects/" + s + "?permanent=true"), 40405,
            "Subject '" + s + "' was not deleted first before being permanently deleted");

        assertThat(client.delete("/subjects/" + s).body()).isEqualTo("[2]");
        assertError(client.delete("/subjects/" + s), 40404,
            "Subject '" + s + "' was soft deleted.Set permanent=true to delete permanently");
        assertError(client.get("/subjects/" + s + "/versions"), 40401, "Subject '" + s + "' not found.");
        assertThat(client.get("/subjects?deleted=true").json()).extracting(JsonNode::asString).contains(s);
        assertThat(client.get("/subjects").json()).extracting(JsonNode::asString).doesNotContain(s);
        assertThat(client.get("/subjects?deletedOnly=true").json()).extracting(JsonNode::asString).contains(s);

        JsonNode again = ok(client.post("/subjects/" + s + "/versions", schemaBody(USER_WITH_EMAIL)));
        assertThat(again.get("version").asInt()).as("version numbers are never reused").isEqualTo(3);
        assertThat(client.get("/subjects/" + s + "/versions?deleted=true").body())
            .as("re-registering a soft-deleted schema tombstones its old version").isEqualTo("[1,3]");
        client.delete("/subjects/" + s);
        assertThat(client.delete("/subjects/" + s + "?permanent=true").body()).isEqualTo("[1,3]");
        assertError(client.get("/subjects/" + s + "/versions?deleted=true"), 40401, null);
        assertError(client.delete("/subjects/" + s + "?permanent=true"), 40401, "Subject '" + s + "' not found.");
    }

    @Test
    void referencesAreStoredReturnedAndProtectTheirTarget() {
        String address = subject("address");
        String person = subject("person");
        register(address, "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"gt.test\",\"fields\":["
            + "{\"name\":\"street\",\"type\":\"string\"}]}");
        String body = "{\"schema\":" + RegistryFixture.JSON.writeValueAsString("{\"type\":\"record\",\"name\":\"Person\","
            + "\"namespace\":\"gt.test\",\"fields\":[{\"name\":\"home\",\"type\":\"gt.test.Address\"}]}")
            + ",\"references\":[{\"name\":\"gt.test.Address\",\"subject\":\"" + address + "\",\"version\":1}]}";

        JsonNode registered = ok(client.post("/subjects/" + person + "/versions", body));

        int id = registered.get("id").asInt();
        assertThat(registered.get("references").get(0).get("subject").asString()).isEqualTo(address);
        assertThat(ok(client.get("/schemas/ids/" + id)).get("references").get(0).get("name").asString())
            .isEqualTo("gt.test.Address");
        assertThat(client.get("/subjects/" + address + "/versions/1/referencedby").body()).isEqualTo("[" + id + "]");
        assertError(client.delete("/subjects/" + address + "/versions/1"), 42206, null);
        assertError(client.delete("/subjects/" + address), 42206, null);
        assertThat(ok(client.post("/subjects/" + person, body)).get("id").asInt()).isEqualTo(id);
    }

    @Test
    void listingsFilterByPrefixDeletionAndLatest() {
        String prefix = "list" + UUID.randomUUID().toString().substring(0, 6);
        register(prefix + "-a", USER);
        register(prefix + "-a", USER_WITH_EMAIL);
        register(prefix + "-b", USER);

        assertThat(client.get("/subjects?subjectPrefix=" + prefix).body())
            .isEqualTo("[\"" + prefix + "-a\",\"" + prefix + "-b\"]");
        assertThat(client.get("/subjects?subjectPrefix=:*:" + prefix + "-b").body()).isEqualTo("[\"" + prefix + "-b\"]");
        assertThat(ok(client.get("/schemas?subjectPrefix=" + prefix))).hasSize(3);
        JsonNode latest = ok(client.get("/schemas?subjectPrefix=" + prefix + "&latestOnly=TRUE"));
        assertThat(latest).hasSize(2);
        assertThat(latest.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(ok(client.get("/schemas?subjectPrefix=" + prefix + "&offset=1&limit=1"))).hasSize(1);
    }

    // ---- hostile input -------------------------------------------------------------------------------------

    @Test
    void hostileInputNeverGivesA500() {
        String s = subject("hostile");
        Response garbage = client.post("/subjects/" + s + "/versions", "{\"schema\": oops");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.errorCode()).isEqualTo(400);

        assertError(client.post("/subjects/" + s + "/versions", "[1,2]"), 400, null);
        assertError(client.post("/subjects/" + s + "/versions", "{\"schema\":{\"type\":\"string\"}}"), 400, null);
        assertError(client.post("/subjects/" + s + "/versions", "{}"), 42201, "Empty schema");
        assertError(client.post("/subjects/" + s + "/versions", schemaBody("{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"type\":\"object\"}")), 42201, null);
        assertError(client.post("/subjects/" + s + "/versions", schemaBody("hello, I am not a schema")), 42201, null);

        String huge = "{\"type\":\"record\",\"name\":\"Huge\",\"doc\":\"" + "x".repeat(5 * 1024 * 1024)
            + "\",\"fields\":[]}";
        assertError(client.post("/subjects/" + s + "/versions", schemaBody(huge)), 42209,
            "Register operation failed because schema is too large");

        String control = URLEncoder.encode("bad\u0001subject", StandardCharsets.UTF_8);
        assertError(client.post("/subjects/" + control + "/versions", schemaBody(USER)), 42208,
            "The specified subject 'bad\u0001subject' is not a valid.");
        assertError(client.post("/subjects/" + "s".repeat(1001) + "/versions", schemaBody(USER)), 42208, null);

        Response nul = client.get("/subjects/bad%00subject/versions");
        assertThat(nul.status()).as(nul.toString()).isBetween(400, 499);
        assertThat(nul.errorCode()).isBetween(400, 49999);
        assertError(client.get("/schemas/ids/999999"), 40403, "Schema 999999 not found");
        assertError(client.get("/schemas/ids/999999/subjects"), 40403, "Schema not found");
        assertError(client.get("/schemas/ids/abc"), 404, "HTTP 404 Not Found");
        assertError(client.get("/schemas/guids/" + UUID.randomUUID()), 40403, null);
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405InJson() {
        assertError(client.get("/no/such/route"), 404, "HTTP 404 Not Found");
        assertError(client.send("PATCH", "/config", "{}", V1, null), 405, "HTTP 405 Method Not Allowed");
        assertError(client.delete("/schemas/types"), 405, "HTTP 405 Method Not Allowed");
        for (String method : List.of("GET", "POST", "DELETE")) {
            Response associations = client.send(method, "/associations/resources/lkc-1/orders?resourceType=topic",
                method.equals("POST") ? "{}" : null, V1, null);
            assertError(associations, 404, "HTTP 404 Not Found");
        }
    }

    @Test
    void subjectsAreUrlDecodedIncludingSlashes() {
        String s = "gt.renap/birth registered-" + UUID.randomUUID().toString().substring(0, 6);
        String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        ok(client.post("/subjects/" + encoded + "/versions", schemaBody(USER)));
        assertThat(ok(client.get("/subjects/" + encoded + "/versions/1")).get("subject").asString()).isEqualTo(s);
    }

    // ---- content types -------------------------------------------------------------------------------------

    @Test
    void everyAcceptedContentTypeIsReadAsJsonAndResponsesDefaultToTheV1Type() {
        String s = subject("content");
        for (String type : List.of(V1, "application/vnd.schemaregistry+json", "application/json",
            "application/octet-stream", "application/json; charset=utf-8")) {
            Response r = client.send("POST", "/subjects/" + s + "/versions", schemaBody(USER), type, null);
            assertThat(r.status()).as(type).isEqualTo(200);
        }
        assertError(client.send("POST", "/subjects/" + s + "/versions", schemaBody(USER), "text/plain", null), 415, null);

        assertThat(client.send("GET", "/subjects/" + s + "/versions", null, null, null).contentType()).isEqualTo(V1);
        assertThat(client.send("GET", "/subjects/" + s + "/versions", null, null, "*/*").contentType()).isEqualTo(V1);
        assertThat(client.send("GET", "/subjects/" + s + "/versions", null, null, "application/json").contentType())
            .isEqualTo("application/json");
        assertThat(client.send("GET", "/subjects/" + s + "/versions", null, null, "application/vnd.schemaregistry+json")
            .contentType()).isEqualTo("application/vnd.schemaregistry+json");
        assertThat(client.send("GET", "/subjects/" + s + "/versions", null, null,
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json").contentType())
            .isEqualTo(V1);
        assertThat(client.send("GET", "/nope", null, null, null).contentType()).isEqualTo(V1);
    }

    @Test
    void idLookupsAnswerTheSameBytesOnEveryRequestWhateverTheAcceptHeaderAndAfterDeletes() {
        String s = subject("cached");
        String other = subject("cached-other");
        String schema = "{\"type\":\"record\",\"name\":\"Cached" + UUID.randomUUID().toString().replace("-", "")
            + "\",\"namespace\":\"gt.test\",\"fields\":[{\"name\":\"a\",\"type\":\"string\",\"doc\":\"Código\"}]}";
        int id = register(s, schema);
        assertThat(register(other, schema)).isEqualTo(id);
        Map<String, String> expectedTypes = new java.util.LinkedHashMap<>();
        expectedTypes.put("", V1);
        expectedTypes.put("*/*", V1);
        expectedTypes.put(V1, V1);
        expectedTypes.put("application/vnd.schemaregistry+json", "application/vnd.schemaregistry+json");
        expectedTypes.put("application/json", "application/json");
        expectedTypes.put("application/json; charset=UTF-8", "application/json;charset=UTF-8");
        expectedTypes.put("application/json;q=0.5, application/vnd.schemaregistry+json", "application/vnd.schemaregistry+json");
        expectedTypes.put("application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, "
            + "application/json; qs=0.5", V1);
        String plain = client.get("/schemas/ids/" + id).body();
        assertThat(ok(client.get("/schemas/ids/" + id)).has("subject")).isFalse();
        for (Map.Entry<String, String> accept : expectedTypes.entrySet()) {
            for (String query : List.of("", "?fetchMaxId=false", "?subject=" + s, "?subject=" + other + "&fetchMaxId=false",
                "?subject=nobody", "?subject=")) {
                Response first = client.send("GET", "/schemas/ids/" + id + query, null, null,
                    accept.getKey().isEmpty() ? null : accept.getKey());
                for (int i = 0; i < 3; i++) {
                    Response again = client.send("GET", "/schemas/ids/" + id + query, null, null,
                        accept.getKey().isEmpty() ? null : accept.getKey());
                    assertThat(again).as(accept.getKey() + " " + query).isEqualTo(first);
                }
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.contentType()).as(accept.getKey()).isEqualTo(accept.getValue());
                if (query.contains("subject=" + s) || query.contains("subject=" + other)) {
                    String expected = query.contains(s) ? s : other;
                    assertThat(first.json().get("subject").asString()).isEqualTo(expected);
                    assertThat(first.json().get("version").asInt()).isEqualTo(1);
                } else {
                    assertThat(first.body()).isEqualTo(plain);
                }
            }
        }
        assertThat(client.send("GET", "/schemas/ids/" + id, null, null, "text/html").status()).isEqualTo(406);
        assertThat(client.send("GET", "/schemas/ids/" + id, null, null, "text/html").status()).isEqualTo(406);

        ok(client.delete("/subjects/" + s));
        for (int i = 0; i < 2; i++) {
            assertThat(client.get("/schemas/ids/" + id).body()).isEqualTo(plain);
            assertThat(ok(client.get("/schemas/ids/" + id + "?subject=" + s)).get("subject").asString()).isEqualTo(s);
        }
        ok(client.delete("/subjects/" + s + "?permanent=true"));
        for (int i = 0; i < 2; i++) {
            assertThat(client.get("/schemas/ids/" + id).body()).isEqualTo(plain);
            assertThat(client.get("/schemas/ids/" + id + "?subject=" + s).body()).isEqualTo(plain);
        }
        ok(client.delete("/subjects/" + other));
        ok(client.delete("/subjects/" + other + "?permanent=true"));
        for (int i = 0; i < 2; i++) {
            assertError(client.get("/schemas/ids/" + id), 40403, "Schema " + id + " not found");
            assertError(client.get("/schemas/ids/" + id + "?subject=" + other), 40403, null);
        }
    }

    @Test
    void aWriteThatKafkaDoesNotConfirmInTimeIs50002AndReadsKeepWorking(EmbeddedBroker broker) {
        try (RegistryServer slow = RegistryFixture.start(broker, RegistryFixture.uniqueTopic(),
            Map.of("enlace.registry.write-timeout", "1ns"))) {
            Client c = new Client(slow);
            assertError(c.post("/subjects/" + subject("slow") + "/versions", schemaBody(USER)), 50002, null);
            assertError(c.put("/config", "{\"compatibility\":\"NONE\"}"), 50002, null);
            assertThat(c.get("/config").status()).isEqualTo(200);
        }
    }

    @Test
    void aSecondRegistryOnTheSameTopicSeesTheSameIds() {
        String s = subject("shared");
        int id = register(s, USER_WITH_EMAIL);
        try (RegistryServer second = RegistryFixture.start(kafka, topic, Map.of())) {
            assertThat(ok(new Client(second).get("/schemas/ids/" + id)).get("schema").asString()).isEqualTo(USER_WITH_EMAIL);
        }
    }
}
