package gt.enlace.publisher;

import gt.enlace.schemas.catalog.TopicCatalog;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/** An {@link EventPublisher} over a {@link MockProducer} whose history holds the records as objects. */
public final class MockPublishers {

    private MockPublishers() {
    }

    public record Mock(EventPublisher publisher, MockProducer<String, Object> producer) {
    }

    public static Mock forInstitution(String institution) {
        MockProducer<String, Object> producer = new MockProducer<>(true, null, new StringSerializer(), (topic, data) -> new byte[0]);
        PublisherConfig config = new PublisherConfig(Map.of(
            PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
            PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://unused",
            PublisherConfig.INSTITUTION_CONFIG, institution));
        return new Mock(new EventPublisher(config, TopicCatalog.loadDefault(), producer), producer);
    }
}
