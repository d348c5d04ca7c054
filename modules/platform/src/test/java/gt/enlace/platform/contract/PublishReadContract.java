package gt.enlace.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

import com.fasterxml.jackson.databind.JsonNode;
import gt.enlace.platform.TypedRecords;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's publish and read path against whatever Kafka cluster a subclass provides: the
 * registry and gateway roles start with {@code --bootstrap-servers}, create the catalog's topics and
 * register its schemas; an event posted to the gateway is read back, typed, from where Kafka put it.
 * {@link EmbeddedPublishReadIT} runs it on the embedded broker (always); {@link KafkaContainerPublishReadIT}
 * on an {@code apache/kafka} container (when Docker is present).
 */
abstract class PublishReadContract {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final String BIRTHS = "gt.renap.birth-registered.v1";

    @TempDir
    Path dataDir;

    /** {@code bootstrap.servers} of the cluster under test. */
    protected abstract String bootstrapServers();

    @Test
    void registryAndGatewayRolesPublishAnEventThatIsReadBackTypedFromWhereKafkaPutIt() throws Exception {
        PlatformSettings settings = PlatformSettings.ephemeral(dataDir,
            EnumSet.of(PlatformRole.REGISTRY, PlatformRole.GATEWAY), bootstrapServers(), null);
        try (Platform platform = Platform.start(settings, CATALOG, line -> { })) {
            HttpClient http = HttpClient.newHttpClient();
            String subjects = http.send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            for (TopicDefinition topic : CATALOG.topics()) {
                assertThat(subjects).contains("\"" + topic.subject() + "\"");
            }

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(platform.httpUrl() + "/api/v1/topics/" + BIRTHS + "/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                    JsonText.mapper().writeValueAsBytes(PlainJson.toJson(SampleEvents.sampleFor(BIRTHS, 7)))))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode event = JsonText.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
                .get("events").get(0);

            SpecificRecord expected = SampleEvents.sampleFor(BIRTHS, 7);
            SpecificRecord actual = (SpecificRecord) TypedRecords.readAt(platform, BIRTHS, event.get("partition").asInt(), event.get("offset").asLong()).value();
            for (int f = 0; f < expected.getSchema().getFields().size(); f++) {
                assertThat(actual.get(f)).as(expected.getSchema().getFields().get(f).name()).isEqualTo(expected.get(f));
            }
        }
    }
}
