package gt.enlace.registry.cluster;

import static gt.enlace.registry.RegistryFixture.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.registry.RegistryFixture;
import gt.enlace.registry.RegistryFixture.Client;
import gt.enlace.registry.RegistryFixture.Response;
import gt.enlace.registry.RegistryServer;
import gt.enlace.registry.config.RegistryProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Confluent's server-side codes 50001 (the backend store failed the write), 50003 (forwarding to the leader
 * failed) and 50004 (no leader known), each driven by a real failure: a Kafka ACL that refuses the registry's
 * writes, a leader that advertises a URL nobody listens on, and a follower that may no longer see the election
 * group. Each answers HTTP 500 with Confluent's {@code {"error_code":…,"message":…}}, reads keep working, and
 * writes work again once the cause is gone. An instance the election group refused keeps trying to join, so it can
 * still take over from the leader once it is allowed.
 *
 * <p>The ACL cases run on a broker of their own with SCRAM logins and Kafka's {@code StandardAuthorizer}.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RegistryFailureCodesIT {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "adminSecret123";
    private static final String PASSWORD_SUFFIX = "-secret-123";
    private static final String STRING_SCHEMA = schemaBody("\"string\"");
    private static final String INT_SCHEMA = schemaBody("\"int\"");

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker secure;
    private static Admin admin;

    @BeforeAll
    static void startSecureBroker() {
        secure = EmbeddedBroker.builder().dataDir(dataDir).scram(ADMIN, ADMIN_PASSWORD).build().start();
        Map<String, Object> config = new HashMap<>(secure.adminClientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, secure.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        admin = Admin.create(config);
    }

    @AfterAll
    static void stopSecureBroker() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (secure != null) {
            secure.close();
        }
    }

    @Test
    @Timeout(120)
    void aWriteKafkaRefusesIs50001WhileReadsKeepWorkingAndWritesResumeOnceAllowedAgain() throws Exception {
        String topic = createTopic();
        String group = "g-" + topic;
        String user = createUser("registry-store");
        List<AclBinding> acls = registryAcls(user, topic, group);
        AclBinding write = binding(ResourceType.TOPIC, topic, user, AclOperation.WRITE);
        grant(acls);
        try (RegistryServer registry = startSecured(topic, group, user, Map.of())) {
            Client client = new Client(registry);
            assertThat(ok(client.post("/subjects/before-value/versions", STRING_SCHEMA)).get("id").asInt()).isEqualTo(1);

            revoke(write);
            assertError(client.post("/subjects/refused-value/versions", INT_SCHEMA), 50001,
                "Register schema operation failed while writing to the Kafka store");
            assertError(client.put("/config", "{\"compatibility\":\"NONE\"}"), 50001,
                "Failed to write new config value to the store");

            assertThat(ok(client.get("/subjects/before-value/versions/1")).get("schema").asString()).isEqualTo("\"string\"");
            assertThat(client.get("/subjects").body()).isEqualTo("[\"before-value\"]");
            assertThat(client.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

            grant(List.of(write));
            // The refused write left nothing behind: the next id is still 2.
            assertThat(ok(client.post("/subjects/refused-value/versions", INT_SCHEMA)).get("id").asInt()).isEqualTo(2);
            assertThat(client.put("/config", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
        }
    }

    @Test
    @Timeout(120)
    void aFollowerWhoseLeaderAdvertisesAnUnreachableUrlAnswers50003AndTheFollowerTakesOverWhenThatLeaderLeaves(
            EmbeddedBroker broker) {
        String topic = RegistryFixture.uniqueTopic();
        String group = "g-" + topic;
        String deadUrl = "http://127.0.0.1:" + EmbeddedBroker.freePort();
        int followerPort = EmbeddedBroker.freePort();
        // The election hands the partition to the member whose id sorts first; "127.0.0.1" sorts before
        // "localhost", so the instance advertising the dead URL stays the leader once the follower joins.
        RegistryServer leader = RegistryFixture.start(broker, topic, Map.of(RegistryProperties.GROUP_ID, group,
            RegistryProperties.ADVERTISED_URL, deadUrl));
        try (RegistryServer follower = RegistryFixture.start(broker, topic, Map.of(RegistryProperties.GROUP_ID, group,
            "server.port", followerPort, RegistryProperties.ADVERTISED_URL, "http://localhost:" + followerPort))) {
            Client toLeader = new Client(leader);
            Client toFollower = new Client(follower);
            assertThat(ok(toLeader.post("/subjects/direct-value/versions", STRING_SCHEMA)).get("id").asInt()).isEqualTo(1);

            String forwardingFailed = "Error while forwarding the request to the leader at " + deadUrl;
            assertError(toFollower.post("/subjects/forwarded-value/versions", INT_SCHEMA), 50003, forwardingFailed);
            assertError(toFollower.put("/config", "{\"compatibility\":\"NONE\"}"), 50003, forwardingFailed);
            assertError(toFollower.delete("/subjects/direct-value"), 50003, forwardingFailed);

            // Reads are local: the follower still serves what the leader wrote, and nothing of the failed writes.
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(toFollower.get("/subjects").body()).isEqualTo("[\"direct-value\"]"));
            assertThat(ok(toFollower.get("/schemas/ids/1")).get("schema").asString()).isEqualTo("\"string\"");
            assertThat(toFollower.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

            leader.close();
            Response afterLeaderLeft = toFollower.post("/subjects/forwarded-value/versions", INT_SCHEMA);
            assertThat(ok(afterLeaderLeft).get("id").asInt()).isEqualTo(2);
        } finally {
            leader.close();
        }
    }

    @Test
    @Timeout(120)
    void aFollowerThatCannotSeeTheElectionGroupAnswers50004AfterTheWriteTimeoutAndForwardsAgainOnceItCan()
            throws Exception {
        String topic = createTopic();
        String group = "g-" + topic;
        String leaderUser = createUser("registry-leader");
        String followerUser = createUser("registry-follower");
        grant(registryAcls(leaderUser, topic, group));
        grant(registryAcls(followerUser, topic, group));
        AclBinding followerInGroup = binding(ResourceType.GROUP, electionGroup(group, topic), followerUser, AclOperation.READ);
        int followerPort = EmbeddedBroker.freePort();
        Duration writeTimeout = Duration.ofSeconds(2);
        // "127.0.0.1" sorts before "localhost": the first instance stays the leader once the second joins.
        RegistryServer leader = startSecured(topic, group, leaderUser,
            Map.of(RegistryProperties.WRITE_TIMEOUT, writeTimeout.toMillis() + "ms"));
        try (RegistryServer follower = startSecured(topic, group, followerUser,
                 Map.of(RegistryProperties.WRITE_TIMEOUT, writeTimeout.toMillis() + "ms", "server.port", followerPort,
                     RegistryProperties.ADVERTISED_URL, "http://localhost:" + followerPort))) {
            Client toLeader = new Client(leader);
            Client toFollower = new Client(follower);
            assertThat(ok(toFollower.post("/subjects/before-value/versions", STRING_SCHEMA)).get("id").asInt()).isEqualTo(1);

            revoke(followerInGroup);
            long started = System.nanoTime();
            assertError(toFollower.post("/subjects/blind-value/versions", INT_SCHEMA), 50004,
                "Write request failed since the leader is unknown");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).as("the follower looks for a leader for the whole write timeout, and no longer")
                .isBetween(writeTimeout, writeTimeout.plusSeconds(8));

            assertThat(ok(toFollower.get("/subjects/before-value/versions/1")).get("id").asInt()).isEqualTo(1);
            assertThat(ok(toLeader.post("/subjects/on-leader-value/versions", INT_SCHEMA)).get("id").asInt()).isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(toFollower.get("/subjects").body()).isEqualTo("[\"before-value\",\"on-leader-value\"]"));

            grant(List.of(followerInGroup));
            Response again = toFollower.post("/subjects/blind-value/versions", INT_SCHEMA);
            assertThat(ok(again).get("id").asInt()).isEqualTo(2);
            assertThat(ok(toFollower.get("/subjects/blind-value/versions/1")).get("id").asInt()).isEqualTo(2);

            // The follower rejoins the election too: when the leader stops, it takes over the writes.
            leader.close();
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(toFollower.post("/subjects/after-leader-value/versions", STRING_SCHEMA).status()).isEqualTo(200));
            assertThat(ok(toFollower.get("/subjects/after-leader-value/versions/1")).get("id").asInt()).isEqualTo(1);
        } finally {
            leader.close();
        }
    }

    @Test
    @Timeout(120)
    void anInstanceTheElectionGroupRefusesKeepsTryingAndTakesOverOnceAllowed() throws Exception {
        String topic = createTopic();
        String group = "g-" + topic;
        String leaderUser = createUser("registry-leader");
        String followerUser = createUser("registry-follower");
        grant(registryAcls(leaderUser, topic, group));
        List<AclBinding> followerAcls = registryAcls(followerUser, topic, group);
        AclBinding joinGroup = followerAcls.remove(followerAcls.size() - 1);
        // The follower may find the leader (DESCRIBE) but not join the election (READ): its first join is refused.
        followerAcls.add(binding(ResourceType.GROUP, electionGroup(group, topic), followerUser, AclOperation.DESCRIBE));
        grant(followerAcls);
        Map<String, Object> timeout = Map.of(RegistryProperties.WRITE_TIMEOUT, "2s");
        RegistryServer leader = startSecured(topic, group, leaderUser, timeout);
        try (RegistryServer follower = startSecured(topic, group, followerUser, timeout)) {
            Client toFollower = new Client(follower);
            assertThat(ok(toFollower.post("/subjects/forwarded-value/versions", STRING_SCHEMA)).get("id").asInt()).isEqualTo(1);

            grant(List.of(joinGroup));
            leader.close();
            // An instance that gave up after the refusal would never rejoin: with the leader gone, every write would be 50004.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(toFollower.post("/subjects/taken-over-value/versions", INT_SCHEMA).status()).isEqualTo(200));
            assertThat(ok(toFollower.get("/subjects/taken-over-value/versions/1")).get("id").asInt()).isEqualTo(2);
        } finally {
            leader.close();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void assertError(Response response, int code, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(response.contentType()).startsWith(RegistryFixture.V1);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
        assertThat(response.message()).isEqualTo(message);
        assertThat(response.json().size()).as(response.toString()).isEqualTo(2);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** A registry that logs in to the secure broker as {@code user}. */
    private static RegistryServer startSecured(String topic, String group, String user, Map<String, ?> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(RegistryProperties.BOOTSTRAP_SERVERS, secure.bootstrapServers());
        props.put(RegistryProperties.GROUP_ID, group);
        props.put(RegistryProperties.INIT_TIMEOUT, "30s");
        EmbeddedBroker.scramClientProperties(user, user + PASSWORD_SUFFIX)
            .forEach((key, value) -> props.put(RegistryProperties.KAFKA + "." + key, value));
        props.putAll(extra);
        return RegistryFixture.start(secure, topic, props);
    }

    /** The registry topic, created by the administrator as the registry would (1 partition, compacted). */
    private static String createTopic() throws Exception {
        String topic = RegistryFixture.uniqueTopic();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
            .all().get(30, TimeUnit.SECONDS);
        return topic;
    }

    private static String createUser(String prefix) throws Exception {
        String user = prefix + "-" + Long.toHexString(System.nanoTime());
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), user + PASSWORD_SUFFIX))).all()
            .get(30, TimeUnit.SECONDS);
        return user;
    }

    private static String electionGroup(String group, String topic) {
        return group + "-enlace-" + topic;
    }

    /** What one registry instance needs: read, write and describe its topic, and join the election group. */
    private static List<AclBinding> registryAcls(String user, String topic, String group) {
        List<AclBinding> acls = new ArrayList<>(Arrays.stream(new AclOperation[] {AclOperation.READ,
            AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS})
            .map(operation -> binding(ResourceType.TOPIC, topic, user, operation)).toList());
        acls.add(binding(ResourceType.GROUP, electionGroup(group, topic), user, AclOperation.READ));
        return acls;
    }

    private static AclBinding binding(ResourceType type, String name, String user, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
            new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    /** Adds the ACLs and waits until the broker that authorizes clients applies them. */
    private static void grant(List<AclBinding> acls) throws Exception {
        admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        for (AclBinding acl : acls) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                admin.describeAcls(acl.toFilter()).values().get(30, TimeUnit.SECONDS).contains(acl));
        }
    }

    /** Removes the ACL and waits until the broker that authorizes clients no longer has it. */
    private static void revoke(AclBinding acl) throws Exception {
        AclBindingFilter filter = acl.toFilter();
        admin.deleteAcls(List.of(filter)).all().get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            admin.describeAcls(filter).values().get(30, TimeUnit.SECONDS).isEmpty());
    }
}
