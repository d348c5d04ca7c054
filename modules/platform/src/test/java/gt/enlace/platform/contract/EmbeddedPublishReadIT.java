package gt.enlace.platform.contract;

import java.nio.file.Path;

import gt.enlace.broker.EmbeddedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PublishReadContract} on a three-node embedded KRaft cluster in this JVM (every node broker and controller
 * voter, replication factor 3, {@code min.insync.replicas=2}): the cluster shape of {@link KafkaContainerPublishReadIT}
 * and of the root {@code docker-compose.yml}, and what CI without Docker exercises.
 */
class EmbeddedPublishReadIT extends PublishReadContract {

    private static final int NODES = 3;

    @TempDir
    static Path clusterDir;

    private static EmbeddedCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedCluster.builder().nodes(NODES).baseDir(clusterDir).build().start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    protected int brokers() {
        return NODES;
    }
}
