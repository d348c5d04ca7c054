package gt.enlace.platform.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gt.enlace.publisher.TopicReadiness;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster match the topic catalog: creates missing topics and their dead-letter topics,
 * raises partition counts that are below the catalog's, and applies the catalog's cleanup policy
 * and retention. It never deletes a topic and never lowers a partition count (Kafka cannot), so
 * running it again is harmless.
 */
public final class TopicProvisioner {

    /** Dead letters are kept longer than most data: operators need time to look at them. */
    static final long DEAD_LETTER_RETENTION_MS = TimeUnit.DAYS.toMillis(30);

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_S = 30;

    private final Admin admin;
    private final short replicationFactor;

    /**
     * @param admin             client of the target cluster
     * @param replicationFactor replicas per new topic (1 on the embedded broker)
     */
    public TopicProvisioner(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** What one run changed. */
    public record Result(List<String> created, List<String> partitionsRaised, List<String> reconfigured) {
    }

    /** Brings every catalog topic and its {@code .dlt} topic in line with the catalog. */
    public Result provision(TopicCatalog catalog) {
        Map<String, Spec> wanted = new HashMap<>();
        for (TopicDefinition topic : catalog.topics()) {
            wanted.put(topic.name(), new Spec(topic.partitions(), Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy(),
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.retentionMs()))));
            wanted.put(topic.deadLetterTopic(), new Spec(topic.partitions(), Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(DEAD_LETTER_RETENTION_MS))));
        }
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<String> created = create(wanted, existing);
            List<String> raised = raisePartitions(wanted, existing);
            List<String> reconfigured = reconfigure(wanted, existing);
            // A new topic or partition is in the metadata before its log is open; a producer that sends at once
            // gets its first batch refused and, with idempotence, later batches rejected as out of order.
            List<String> fresh = new ArrayList<>(created);
            fresh.addAll(raised);
            TopicReadiness.await(admin, fresh, Duration.ofSeconds(TIMEOUT_S));
            log.info("Catalog topics: {} created, {} with more partitions, {} reconfigured, {} in all",
                created.size(), raised.size(), reconfigured.size(), wanted.size());
            return new Result(created, raised, reconfigured);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("Interrupted while creating the catalog's topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new TopicProvisioningException("Cannot create the catalog's topics: " + cause.getMessage(), cause);
        }
    }

    private List<String> create(Map<String, Spec> wanted, Set<String> existing)
        throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> missing = new ArrayList<>();
        wanted.forEach((name, spec) -> {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, spec.partitions(), replicationFactor).configs(spec.configs()));
            }
        });
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        return missing.stream().map(NewTopic::name).sorted().toList();
    }

    private List<String> raisePartitions(Map<String, Spec> wanted, Set<String> existing)
        throws InterruptedException, ExecutionException, TimeoutException {
        Collection<String> present = wanted.keySet().stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, NewPartitions> increases = new HashMap<>();
        descriptions.forEach((name, description) -> {
            int have = description.partitions().size();
            int want = wanted.get(name).partitions();
            if (have < want) {
                increases.put(name, NewPartitions.increaseTo(want));
            } else if (have > want) {
                log.warn("Topic {} has {} partitions but the catalog declares {}; Kafka cannot remove partitions, leaving it as is",
                    name, have, want);
            }
        });
        if (!increases.isEmpty()) {
            admin.createPartitions(increases).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        return increases.keySet().stream().sorted().toList();
    }

    private List<String> reconfigure(Map<String, Spec> wanted, Set<String> existing)
        throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> resources = wanted.keySet().stream().filter(existing::contains)
            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        if (resources.isEmpty()) {
            return List.of();
        }
        Map<ConfigResource, org.apache.kafka.clients.admin.Config> current =
            admin.describeConfigs(resources).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        current.forEach((resource, config) -> {
            List<AlterConfigOp> ops = new ArrayList<>();
            wanted.get(resource.name()).configs().forEach((key, value) -> {
                ConfigEntry entry = config.get(key);
                if (entry == null || !value.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        return changes.keySet().stream().map(ConfigResource::name).sorted().toList();
    }

    private record Spec(int partitions, Map<String, String> configs) {
    }
}
