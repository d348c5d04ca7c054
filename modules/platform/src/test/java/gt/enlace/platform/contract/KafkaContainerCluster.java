package gt.enlace.platform.contract;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;

/**
 * A KRaft cluster of {@code apache/kafka} containers on one Docker network, configured as the root
 * {@code docker-compose.yml} is: every node broker and controller voter, internal topics and new topics replicated on
 * every node (at most three), {@code min.insync.replicas=2}. Each node keeps Testcontainers' listeners (clients on the
 * mapped port, brokers among themselves on {@code BROKER}, controllers on 9094) and is told the whole voter set.
 */
final class KafkaContainerCluster implements Startable {

    private final Network network = Network.newNetwork();
    private final List<KafkaContainer> nodes;

    /**
     * @param image the Apache Kafka image, e.g. {@code apache/kafka:4.2.1}
     * @param size  number of nodes, at least 3 so that a replication factor of 3 and two in-sync replicas are real
     */
    KafkaContainerCluster(String image, int size) {
        if (size < 3) {
            throw new IllegalArgumentException("A cluster needs at least 3 nodes, not " + size);
        }
        String clusterId = Uuid.randomUuid().toString();
        String voters = IntStream.range(0, size).mapToObj(id -> id + "@" + alias(id) + ":9094")
            .collect(Collectors.joining(","));
        String replicas = String.valueOf(Math.min(3, size));
        this.nodes = IntStream.range(0, size).mapToObj(id -> new KafkaContainer(image)
                .withNetwork(network)
                .withNetworkAliases(alias(id))
                .withEnv("CLUSTER_ID", clusterId)
                .withEnv("KAFKA_NODE_ID", String.valueOf(id))
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", replicas)
                .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", replicas)
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", replicas)
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withStartupTimeout(Duration.ofMinutes(2)))
            .toList();
    }

    private static String alias(int nodeId) {
        return "kafka-" + nodeId;
    }

    /** Every node's address for clients outside Docker. */
    String bootstrapServers() {
        return nodes.stream().map(KafkaContainer::getBootstrapServers).collect(Collectors.joining(","));
    }

    /** Number of nodes. */
    int size() {
        return nodes.size();
    }

    @Override
    public void start() {
        // A node reports itself running only once the quorum has formed, so the nodes must start together.
        nodes.parallelStream().forEach(KafkaContainer::start);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Awaitility.await("all " + size() + " brokers registered").atMost(Duration.ofSeconds(60))
                .until(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == size());
        }
    }

    @Override
    public void stop() {
        nodes.parallelStream().forEach(KafkaContainer::stop);
        network.close();
    }
}
