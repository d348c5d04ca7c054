package gt.enlace.registry.cluster;

import static gt.enlace.registry.RegistryFixture.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.registry.RegistryFixture;
import gt.enlace.registry.RegistryFixture.Client;
import gt.enlace.registry.RegistryFixture.Response;
import gt.enlace.registry.RegistryServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class TwoInstancesIT {

    @Test
    void twoInstancesOnOneTopicNeverHandOutTheSameIdAndFollowersForwardWrites(EmbeddedBroker broker) throws Exception {
        String topic = RegistryFixture.uniqueTopic();
        String group = "g-" + topic;
        try (RegistryServer a = RegistryFixture.start(broker, topic, Map.of("enlace.registry.group-id", group));
             RegistryServer b = RegistryFixture.start(broker, topic, Map.of("enlace.registry.group-id", group))) {
            Client ca = new Client(a);
            Client cb = new Client(b);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Response>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    Client c = i % 2 == 0 ? ca : cb;
                    String schema = "{\"type\":\"record\",\"name\":\"R" + i + "\",\"fields\":[]}";
                    String subject = "two-" + i + "-value";
                    results.add(pool.submit((Callable<Response>) () -> c.post("/subjects/" + subject + "/versions",
                        schemaBody(schema))));
                }
                Set<Integer> ids = new HashSet<>();
                for (Future<Response> result : results) {
                    Response r = result.get(60, TimeUnit.SECONDS);
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                    ids.add(r.json().get("id").asInt());
                }
                assertThat(ids).hasSize(40);
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < 40; i++) {
                assertThat(ca.get("/subjects/two-" + i + "-value/versions/1").status()).isEqualTo(200);
                assertThat(cb.get("/subjects/two-" + i + "-value/versions/1").status()).isEqualTo(200);
            }
            // a write is visible on the instance that answered it, whichever one is the leader
            assertThat(cb.put("/config/two-0-value", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
            assertThat(cb.get("/config/two-0-value").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            assertThat(ca.put("/config/two-2-value", "{\"compatibility\":\"FULL\"}").status()).isEqualTo(200);
            assertThat(ca.get("/config/two-2-value").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
            assertThat(ca.delete("/subjects/two-1-value").body()).isEqualTo("[1]");
            assertThat(ca.get("/subjects/two-1-value/versions").status()).isEqualTo(404);
            // The other instance reads its own copy of _schemas: it converges, as Confluent's followers do.
            Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(cb.get("/subjects/two-1-value/versions").status()).isEqualTo(404));
        }
    }

    @Test
    void whenTheLeaderStopsTheOtherInstanceTakesOverWrites(EmbeddedBroker broker) {
        String topic = RegistryFixture.uniqueTopic();
        String group = "g-" + topic;
        RegistryServer a = RegistryFixture.start(broker, topic, Map.of("enlace.registry.group-id", group));
        try (RegistryServer b = RegistryFixture.start(broker, topic, Map.of("enlace.registry.group-id", group))) {
            Client cb = new Client(b);
            assertThat(cb.post("/subjects/x-value/versions", schemaBody("\"string\"")).json().get("id").asInt()).isEqualTo(1);
            a.close();
            Response after = cb.post("/subjects/y-value/versions", schemaBody("\"int\""));
            assertThat(after.status()).as(after.toString()).isEqualTo(200);
            assertThat(after.json().get("id").asInt()).isEqualTo(2);
        } finally {
            a.close();
        }
    }
}
