package gt.enlace.platform.web;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** The Kafka cluster is up when it answers a metadata request within two seconds. */
public final class BrokerHealth implements ComponentHealth {

    private static final int TIMEOUT_MS = 2000;

    private final Admin admin;
    private final String bootstrapServers;

    public BrokerHealth(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public Status check() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                .nodes().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
            return Status.up(Map.of("bootstrapServers", bootstrapServers, "nodes", nodes));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.down("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return Status.down("no answer from Kafka at " + bootstrapServers + ": "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }
}
