package gt.enlace.registry.rest;

import static gt.enlace.registry.RegistryFixture.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.registry.RegistryFixture;
import gt.enlace.registry.RegistryFixture.Client;
import gt.enlace.registry.RegistryFixture.Response;
import gt.enlace.registry.RegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

@ExtendWith(EmbeddedKafkaExtension.class)
class ReadYourWritesIT {

    @Test
    void aRegisteredSchemaIsReadableByIdAndVersionImmediatelyEveryTime(EmbeddedBroker broker) {
        try (RegistryServer server = RegistryFixture.start(broker)) {
            Client c = new Client(server);
            for (int i = 0; i < 50; i++) {
                String subject = "ryw-" + i + "-value";
                String schema = "{\"type\":\"record\",\"name\":\"R" + i + "\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
                JsonNode registered = c.post("/subjects/" + subject + "/versions", schemaBody(schema)).json();
                int id = registered.get("id").asInt();

                Response byId = c.get("/schemas/ids/" + id);
                Response byVersion = c.get("/subjects/" + subject + "/versions/" + registered.get("version").asInt());
                Response latest = c.get("/subjects/" + subject + "/versions/latest");

                assertThat(byId.status()).as(byId.toString()).isEqualTo(200);
                assertThat(byVersion.status()).as(byVersion.toString()).isEqualTo(200);
                assertThat(latest.json().get("id").asInt()).isEqualTo(id);
                assertThat(c.delete("/subjects/" + subject + "/versions/1").body()).isEqualTo("1");
                assertThat(c.get("/subjects/" + subject + "/versions/1").status()).isEqualTo(404);
            }
        }
    }
}
