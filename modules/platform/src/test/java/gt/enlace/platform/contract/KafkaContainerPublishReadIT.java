package gt.enlace.platform.contract;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link PublishReadContract} on a three-node cluster of Apache Kafka's own image in containers
 * ({@link KafkaContainerCluster}), the same version the platform embeds. Skipped where Docker is not available:
 * JUnit reports it disabled and {@link DockerSkipNotice} says so in the build's output.
 */
@ExtendWith(DockerSkipNotice.class)
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerPublishReadIT extends PublishReadContract {

    @Container
    static final KafkaContainerCluster CLUSTER = new KafkaContainerCluster("apache/kafka:4.2.1", 3);

    @Override
    protected String bootstrapServers() {
        return CLUSTER.bootstrapServers();
    }

    @Override
    protected int brokers() {
        return CLUSTER.size();
    }

    @AfterAll
    static void logWhereItRan() {
        System.out.println("KafkaContainerPublishReadIT ran against " + CLUSTER.bootstrapServers());
    }
}
