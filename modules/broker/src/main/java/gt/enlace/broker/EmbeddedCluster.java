package gt.enlace.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>A node in this JVM can only be stopped cleanly. To test an abrupt failure, name the node in
 * {@link Builder#forkedNodes}: it then runs in a child JVM started from this JVM's class path, and
 * {@link #kill(int)} ends it with {@code SIGKILL}, as a crash or the OOM killer would. A forked node writes
 * its output to {@code node-<id>.log} under the base directory, and stops by itself when this JVM ends.
 *
 * <pre>{@code
 * try (EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(3).baseDir(dir).forkedNodes(3).build().start()) {
 *     cluster.stop(1);   // clean stop: the cluster carries on with two nodes
 *     cluster.start(1);  // back on its own data
 *     cluster.kill(3);   // SIGKILL: still two nodes, and no acknowledged record lost
 * }
 * }</pre>
 */
public final class EmbeddedCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Map<Integer, Node> nodes = new LinkedHashMap<>();
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
        Map<String, String> brokerConfigs = new LinkedHashMap<>();
        brokerConfigs.put("default.replication.factor", replicas);
        brokerConfigs.put("min.insync.replicas", minIsr);
        brokerConfigs.put("offsets.topic.replication.factor", replicas);
        brokerConfigs.put("transaction.state.log.replication.factor", replicas);
        brokerConfigs.put("transaction.state.log.min.isr", minIsr);
        brokerConfigs.put("share.coordinator.state.topic.replication.factor", replicas);
        brokerConfigs.put("share.coordinator.state.topic.min.isr", minIsr);
        brokerConfigs.putAll(builder.overrides);
        for (int id = 1; id <= builder.nodes; id++) {
            if (builder.forked.contains(id)) {
                nodes.put(id, new ForkedNode(id, builder.baseDir, clusterId, voters, clientPorts.get(id),
                    controllerPorts.get(id), builder.startTimeout, brokerConfigs));
                continue;
            }
            EmbeddedBroker.Builder node = EmbeddedBroker.builder()
                .dataDir(builder.baseDir.resolve("node-" + id))
                .nodeId(id)
                .clusterId(clusterId)
                .quorumVoters(voters)
                .port(clientPorts.get(id))
                .controllerPort(controllerPorts.get(id))
                .startTimeout(builder.startTimeout);
            brokerConfigs.forEach(node::brokerConfig);
            nodes.put(id, new InProcessNode(node.build()));
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
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (Node node : nodes.values()) {
                starting.add(CompletableFuture.runAsync(node::start, pool));
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

    /**
     * One node running in this JVM, by id.
     *
     * @throws IllegalStateException if the node is {@linkplain Builder#forkedNodes forked} into a child JVM
     */
    public EmbeddedBroker node(int nodeId) {
        if (lookup(nodeId) instanceof InProcessNode inProcess) {
            return inProcess.broker();
        }
        throw new IllegalStateException("Node " + nodeId + " runs in a child JVM; there is no EmbeddedBroker for it here");
    }

    /** Whether the node runs in a child JVM ({@link Builder#forkedNodes}) and so can be {@link #kill killed}. */
    public boolean isForked(int nodeId) {
        return lookup(nodeId) instanceof ForkedNode;
    }

    /** Whether the node is running now. */
    public boolean isRunning(int nodeId) {
        return lookup(nodeId).isRunning();
    }

    /** Stops one node cleanly (its data stays); the others carry on if a majority is left. */
    public void stop(int nodeId) {
        lookup(nodeId).close();
    }

    /**
     * Kills one {@linkplain Builder#forkedNodes forked} node abruptly with {@code SIGKILL} and waits until
     * its JVM is gone: no controlled shutdown, no clean close of its logs, connections cut. Its data stays, as a
     * crashed broker's would; the others carry on if a majority is left.
     *
     * @return the exit value of the node's JVM: 137 (128 + signal 9) on Linux
     * @throws IllegalStateException if the node runs in this JVM or is not running
     */
    public int kill(int nodeId) {
        if (lookup(nodeId) instanceof ForkedNode forked) {
            return forked.kill();
        }
        throw new IllegalStateException("Node " + nodeId + " runs in this JVM and can only be stopped cleanly;"
            + " name it in EmbeddedCluster.Builder.forkedNodes to be able to kill it");
    }

    /**
     * Starts a stopped or killed node again, on its own data directory and ports, and returns when it
     * answers metadata requests; it then catches up with the others as a restarted broker would.
     *
     * @throws BrokerStartException if the node does not start
     */
    public void start(int nodeId) {
        lookup(nodeId).start();
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
        return nodes.values().stream().filter(Node::isRunning).map(Node::bootstrapServers)
            .collect(Collectors.joining(","));
    }

    /**
     * Stops every node. The nodes in this JVM stop cleanly and in parallel, while the forked ones still run: a
     * clean stop waits for the active controller to approve the broker's controlled shutdown, which needs a quorum of
     * voters, and a node whose request came last used to wait five minutes for a quorum already gone. The forked
     * nodes are then killed: nothing in them is needed any more.
     */
    @Override
    public void close() {
        List<Node> inProcess = nodes.values().stream().filter(node -> !(node instanceof ForkedNode)).toList();
        if (!inProcess.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(inProcess.size());
            try {
                CompletableFuture.allOf(inProcess.stream()
                    .map(node -> CompletableFuture.runAsync(node::close, pool))
                    .toArray(CompletableFuture[]::new)).join();
            } finally {
                pool.shutdown();
            }
        }
        for (Node node : nodes.values()) {
            if (node instanceof ForkedNode forked) {
                if (forked.isRunning()) {
                    forked.kill();
                } else {
                    forked.close();
                }
            }
        }
    }

    private Node lookup(int nodeId) {
        return Objects.requireNonNull(nodes.get(nodeId), () -> "No node " + nodeId + "; nodes are " + nodes.keySet());
    }

    /** What the cluster needs of a node, wherever it runs. */
    interface Node {
        /** Starts the node and returns when it answers; fails with a {@link BrokerStartException}. */
        void start();

        /** Stops the node cleanly; nothing happens if it is not running. */
        void close();

        boolean isRunning();

        String bootstrapServers();
    }

    private record InProcessNode(EmbeddedBroker broker) implements Node {
        @Override
        public void start() {
            broker.start();
        }

        @Override
        public void close() {
            broker.close();
        }

        @Override
        public boolean isRunning() {
            return broker.isRunning();
        }

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }
    }

    /** Builder for {@link EmbeddedCluster}. */
    public static final class Builder {
        private int nodes = 3;
        private Path baseDir;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Set<Integer> forked = new TreeSet<>();

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

        /**
         * Runs these nodes (ids 1 to n) each in a child JVM, so that {@link EmbeddedCluster#kill} can kill
         * them abruptly; default none, every node in this JVM. A child JVM runs with this JVM's {@code java}
         * command and class path (which must therefore hold this module and Kafka's server jars, as a test
         * class path does) and takes a few seconds more to start than a node in this JVM.
         */
        public Builder forkedNodes(int... nodeIds) {
            for (int id : nodeIds) {
                forked.add(id);
            }
            return this;
        }

        public EmbeddedCluster build() {
            if (baseDir == null) {
                throw new IllegalStateException("'baseDir' must be set");
            }
            for (int id : forked) {
                if (id < 1 || id > nodes) {
                    throw new IllegalStateException("'forkedNodes' names node " + id + " but node ids are 1 to " + nodes);
                }
            }
            return new EmbeddedCluster(this);
        }
    }
}
