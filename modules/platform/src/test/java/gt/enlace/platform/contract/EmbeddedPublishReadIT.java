package gt.enlace.platform.contract;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link PublishReadContract} on the shared embedded broker: what CI without Docker exercises. */
@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedPublishReadIT extends PublishReadContract {

    private String bootstrapServers;

    @BeforeEach
    void useSharedBroker(EmbeddedBroker broker) {
        bootstrapServers = broker.bootstrapServers();
    }

    @Override
    protected String bootstrapServers() {
        return bootstrapServers;
    }
}
