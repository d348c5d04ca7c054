package gt.enlace.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Several real Kafka nodes in this JVM forming one KRaft cluster: every node is broker and controller
 * ({@link EmbeddedBroker} with a shared cluster id), and all of them are voters of the controller
 * quorum, so the cluster survives the loss of a minority of nodes. Made for tests of replication and
 * fail-over without Docker; production settings for such tests are on by default: replication factor
 * equal to the number of nodes (at most 3), {@code min.insync.replicas} one less, and the internal
 * topics replicated as widely.
 *
 * <pre>{@code
 * try (EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(3).baseDir(dir).build().start()) {
 *     cluster.stop(cluster.nodeIds().get(0));   // the cluster carries on with two nodes
 * }
 * }</pre>
 */
public final class EmbeddedCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Map<Integer, EmbeddedBroker> nodes = new LinkedHashMap<>();
    private final String bootstrapServers;

    private EmbeddedCluster(Builder builder) {
        String clusterId = Uuid.randomUuid().toString();
        Map<Integer, Integer> clientPorts = new LinkedHashMap<>();
        Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
        for (int id = 1; id <= builder.nodes; id++) {
            clientPorts.put(id, EmbeddedBroker.freePort());
            controllerPorts.put(id, EmbeddedBroker.freePort());
        }
        String voters = controllerPorts.entrySet().stream()
            .map(e -> e.getKey() + "@" + HOST + ":" + e.getValue()).collect(Collectors.joining(","));
        String replicas = String.valueOf(Math.min(3, builder.nodes));
        String minIsr = String.valueOf(Math.max(1, Math.min(3, builder.nodes) - 1));
        for (int id = 1; id <= builder.nodes; id++) {
            EmbeddedBroker.Builder node = EmbeddedBroker.builder()
                .dataDir(builder.baseDir.resolve("node-" + id))
                .nodeId(id)
                .clusterId(clusterId)
                .quorumVoters(voters)
                .port(clientPorts.get(id))
                .controllerPort(controllerPorts.get(id))
                .startTimeout(builder.startTimeout)
                .brokerConfig("default.replication.factor", replicas)
                .brokerConfig("min.insync.replicas", minIsr)
                .brokerConfig("offsets.topic.replication.factor", replicas)
                .brokerConfig("transaction.state.log.replication.factor", replicas)
                .brokerConfig("transaction.state.log.min.isr", minIsr)
                .brokerConfig("share.coordinator.state.topic.replication.factor", replicas)
                .brokerConfig("share.coordinator.state.topic.min.isr", minIsr);
            builder.overrides.forEach(node::brokerConfig);
            nodes.put(id, node.build());
        }
        bootstrapServers = clientPorts.values().stream().map(p -> HOST + ":" + p).collect(Collectors.joining(","));
    }

    /** Returns a builder with defaults: 3 nodes, free ports, 60 s start timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every node at once (a node's broker waits for a quorum leader, which needs a majority of
     * the controllers) and returns when each answers metadata requests.
     *
     * @throws BrokerStartException if a node does not start; the nodes that did are stopped
     */
    public EmbeddedCluster start() {
        // One thread per node: the common pool may have a single thread on a small machine, and nodes
        // started one after the other would each wait for a quorum that never forms.
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<CompletableFuture<EmbeddedBroker>> starting = new ArrayList<>();
            for (EmbeddedBroker node : nodes.values()) {
                starting.add(CompletableFuture.supplyAsync(node::start, pool));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof BrokerStartException b ? b
                : new BrokerStartException("Kafka cluster failed to start: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
        return this;
    }

    /** {@code bootstrap.servers} listing every node, running or not. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The nodes' ids, 1 to n. */
    public List<Integer> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    /** One node, by id. */
    public EmbeddedBroker node(int nodeId) {
        return Objects.requireNonNull(nodes.get(nodeId), () -> "No node " + nodeId + "; nodes are " + nodes.keySet());
    }

    /** Stops one node cleanly (its data stays); the others carry on if a majority is left. */
    public void stop(int nodeId) {
        node(nodeId).close();
    }

    /** The id of the current leader of the controller quorum, as the cluster reports it. */
    public int controllerLeaderId(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runningBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.describeMetadataQuorum().quorumInfo().get(timeout.toMillis(), TimeUnit.MILLISECONDS).leaderId();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for the quorum leader", e);
        } catch (Exception e) {
            throw new IllegalStateException("The cluster did not name its quorum leader: " + e.getMessage(), e);
        }
    }

    /** {@code bootstrap.servers} of the nodes running now. */
    public String runningBootstrapServers() {
        return nodes.values().stream().filter(EmbeddedBroker::isRunning).map(EmbeddedBroker::bootstrapServers)
            .collect(Collectors.joining(","));
    }

    /** Stops every node, in parallel so that the last ones do not wait for a lost quorum. */
    @Override
    public void close() {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            CompletableFuture.allOf(nodes.values().stream()
                .map(node -> CompletableFuture.runAsync(node::close, pool))
                .toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
    }

    /** Builder for {@link EmbeddedCluster}. */
    public static final class Builder {
        private int nodes = 3;
        private Path baseDir;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** How many nodes (each broker and controller voter); default 3. */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("'nodes' must be at least 1, got " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /** Directory under which each node keeps its data ({@code node-<id>}); required. */
        public Builder baseDir(Path baseDir) {
            this.baseDir = Objects.requireNonNull(baseDir, "'baseDir' cannot be null");
            return this;
        }

        /** How long each node may take to answer; default 60 s. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "'startTimeout' cannot be null");
            return this;
        }

        /** Overrides or adds one config on every node. */
        public Builder brokerConfig(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "'key' cannot be null"), Objects.requireNonNull(value, "'value' cannot be null"));
            return this;
        }

        public EmbeddedCluster build() {
            if (baseDir == null) {
                throw new IllegalStateException("'baseDir' must be set");
            }
            return new EmbeddedCluster(this);
        }
    }
}
