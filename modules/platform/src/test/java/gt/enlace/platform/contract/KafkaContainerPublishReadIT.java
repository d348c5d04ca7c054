package gt.enlace.platform.contract;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * {@link PublishReadContract} on Apache Kafka's own image in a container, the same version the platform
 * embeds. Skipped where Docker is not available: JUnit reports it disabled and {@link DockerSkipNotice} says so in the
 * build's output.
 */
@ExtendWith(DockerSkipNotice.class)
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerPublishReadIT extends PublishReadContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.1");

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }

    @AfterAll
    static void logWhereItRan() {
        System.out.println("KafkaContainerPublishReadIT ran against " + KAFKA.getBootstrapServers());
    }
}
