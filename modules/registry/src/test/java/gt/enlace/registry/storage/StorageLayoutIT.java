package gt.enlace.registry.storage;

import static gt.enlace.registry.RegistryFixture.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.registry.RegistryFixture;
import gt.enlace.registry.RegistryFixture.Client;
import gt.enlace.registry.RegistryServer;
import gt.enlace.registry.avro.AvroSchemas;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The bytes in the topic are Confluent's: a Confluent registry on the same cluster must read them, and vice versa. */
@ExtendWith(EmbeddedKafkaExtension.class)
class StorageLayoutIT {

    @Test
    void recordsInTheTopicUseConfluentsKeyAndValueLayouts(EmbeddedBroker broker) throws Exception {
        String topic = RegistryFixture.uniqueTopic();
        try (RegistryServer server = RegistryFixture.start(broker, topic, Map.of())) {
            Client c = new Client(server);
            c.post("/subjects/t-value/versions", schemaBody("\"string\""));
            c.put("/config", "{\"compatibility\":\"FULL\"}");
            c.put("/config/t-value", "{\"compatibility\":\"NONE\"}");
            c.put("/mode/t-value", "{\"mode\":\"READWRITE\"}");
            c.delete("/subjects/t-value");
        }

        List<ConsumerRecord<String, String>> records = readAll(broker, topic, 5);
        assertThat(records).extracting(ConsumerRecord::key).containsExactly(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}",
            "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
            "{\"keytype\":\"CONFIG\",\"subject\":\"t-value\",\"magic\":0}",
            "{\"keytype\":\"MODE\",\"subject\":\"t-value\",\"magic\":0}",
            "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"t-value\",\"magic\":0}");
        JsonNode schema = RegistryFixture.JSON.readTree(records.get(0).value());
        assertThat(schema.propertyNames()).containsExactly("subject", "version", "id", "md5", "schema", "deleted");
        assertThat(schema.get("subject").asString()).isEqualTo("t-value");
        assertThat(schema.get("version").asInt()).isEqualTo(1);
        assertThat(schema.get("id").asInt()).isEqualTo(1);
        assertThat(schema.get("schema").asString()).isEqualTo("\"string\"");
        assertThat(schema.get("deleted").asBoolean()).isFalse();
        assertThat(Base64.getDecoder().decode(schema.get("md5").asString()))
            .isEqualTo(AvroSchemas.md5("\"string\"", List.of(), null, null));
        assertThat(records.get(1).value()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(records.get(2).value()).isEqualTo("{\"subject\":\"t-value\",\"compatibilityLevel\":\"NONE\"}");
        assertThat(records.get(3).value()).isEqualTo("{\"subject\":\"t-value\",\"mode\":\"READWRITE\"}");
        assertThat(records.get(4).value()).isEqualTo("{\"subject\":\"t-value\",\"version\":1}");

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                .isEqualTo("compact");
        }
    }

    @Test
    void recordsWrittenByAConfluentRegistryAreReadAndUnknownOnesSkipped(EmbeddedBroker broker) throws Exception {
        String topic = RegistryFixture.uniqueTopic();
        try (RegistryServer server = RegistryFixture.start(broker, topic, Map.of())) {
            server.close();
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"NOOP\",\"magic\":0}", null)).get();
            producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"SCHEMA\",\"subject\":\"c-value\",\"version\":1,"
                + "\"magic\":1}", "{\"subject\":\"c-value\",\"version\":1,\"id\":42,\"schema\":\"\\\"bytes\\\"\","
                + "\"deleted\":false}")).get();
            producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"ASSOCIATION\",\"tenant\":\"default\",\"magic\":0}",
                "{\"whatever\":true}")).get();
            producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
                "{\"compatibilityLevel\":\"FULL_TRANSITIVE\",\"alias\":null}")).get();
        }

        try (RegistryServer server = RegistryFixture.start(broker, topic, Map.of())) {
            Client c = new Client(server);
            assertThat(c.get("/schemas/ids/42").json().get("schema").asString()).isEqualTo("\"bytes\"");
            assertThat(c.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
            assertThat(c.post("/subjects/d-value/versions", schemaBody("\"int\"")).json().get("id").asInt()).isEqualTo(43);
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(EmbeddedBroker broker, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
