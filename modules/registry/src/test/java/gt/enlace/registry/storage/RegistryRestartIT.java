package gt.enlace.registry.storage;

import static gt.enlace.registry.RegistryFixture.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.registry.RegistryFixture;
import gt.enlace.registry.RegistryFixture.Client;
import gt.enlace.registry.RegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class RegistryRestartIT {

    private static final List<String> PATHS = List.of(
        "/subjects?deleted=true", "/subjects", "/schemas?deleted=true", "/config", "/mode",
        "/subjects/a-value/versions?deleted=true", "/subjects/b-value/versions?deleted=true",
        "/subjects/c-value/versions?deleted=true", "/config/a-value", "/config/b-value", "/mode/c-value",
        "/schemas/ids/1", "/schemas/ids/2", "/schemas/ids/3", "/schemas/ids/4",
        "/subjects/a-value/versions/1?deleted=true", "/subjects/a-value/versions/2?deleted=true",
        "/subjects/b-value/versions/1?deleted=true", "/subjects/c-value/versions/latest");

    @Test
    void idsVersionsConfigsAndDeletedFlagsAreIdenticalAfterARestartOnTheSameTopic(EmbeddedBroker broker) {
        String topic = RegistryFixture.uniqueTopic();
        Map<String, String> before = new LinkedHashMap<>();
        try (RegistryServer first = RegistryFixture.start(broker, topic, Map.of())) {
            Client c = new Client(first);
            c.put("/config", "{\"compatibility\":\"FORWARD\"}");
            c.put("/config/a-value", "{\"compatibility\":\"NONE\"}");
            c.put("/config/b-value", "{\"compatibility\":\"FULL\"}");
            c.put("/config/c-value", "{\"compatibility\":\"NONE\"}");
            for (String[] registration : new String[][] {{"a-value", "\"string\""}, {"a-value", "\"int\""},
                {"b-value", "{\"type\":\"record\",\"name\":\"B\",\"fields\":[]}"}, {"c-value", "\"string\""},
                {"c-value", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"X\"]}"}}) {
                assertThat(c.post("/subjects/" + registration[0] + "/versions", schemaBody(registration[1])).status())
                    .isEqualTo(200);
            }
            c.put("/mode/c-value", "{\"mode\":\"READONLY\"}");
            assertThat(c.delete("/subjects/b-value").status()).isEqualTo(200);
            assertThat(c.delete("/subjects/a-value/versions/1").status()).isEqualTo(200);
            for (String path : PATHS) {
                before.put(path, c.get(path).toString());
            }
        }

        try (RegistryServer second = RegistryFixture.start(broker, topic, Map.of())) {
            Client c = new Client(second);
            Map<String, String> after = new LinkedHashMap<>();
            for (String path : PATHS) {
                after.put(path, c.get(path).toString());
            }
            assertThat(after).containsExactlyEntriesOf(before);
            assertThat(c.get("/subjects/b-value/versions/1?deleted=true").json().get("deleted").asBoolean()).isTrue();
            assertThat(c.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
            // ids continue after the highest one read back
            assertThat(c.post("/subjects/d-value/versions", schemaBody("\"long\"")).json().get("id").asInt()).isEqualTo(5);
        }
    }

    @Test
    void theRegistryRefusesATopicWithSeveralPartitionsOrWithoutCompaction(EmbeddedBroker broker) throws Exception {
        String multi = RegistryFixture.uniqueTopic();
        String deleting = RegistryFixture.uniqueTopic();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
            topics.add(new org.apache.kafka.clients.admin.NewTopic(multi, 2, (short) 1)
                .configs(Map.of("cleanup.policy", "compact")));
            topics.add(new org.apache.kafka.clients.admin.NewTopic(deleting, 1, (short) 1));
            admin.createTopics(topics).all().get();
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegistryFixture.start(broker, multi, Map.of()))
            .hasMessageContaining("has 2 partitions; it must have exactly 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegistryFixture.start(broker, deleting, Map.of()))
            .hasMessageContaining("cleanup.policy=delete; it must be 'compact'");
    }
}
