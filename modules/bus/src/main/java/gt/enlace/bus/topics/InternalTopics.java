package gt.enlace.bus.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the bus's small internal topics ({@code _enlace.*}): one partition (their records must stay in order), a
 * replication factor of as many brokers as the cluster has, up to 3, and {@code min.insync.replicas=2} from 3 brokers
 * on, so that on a production cluster an acknowledged write survives the loss of a broker.
 */
public final class InternalTopics {

    private InternalTopics() {
    }

    /**
     * Creates {@code topic} unless it exists. Another process creating it at the same time is not an error.
     *
     * @param admin   a connected admin client
     * @param topic   the topic's name
     * @param configs topic configs, e.g. {@code cleanup.policy}; {@code min.insync.replicas} is added unless given
     * @param timeout how long each request to Kafka may take
     * @return true when this call created the topic
     * @throws IllegalStateException when Kafka refuses or does not answer in time; the message names the topic
     */
    public static boolean ensure(Admin admin, String topic, Map<String, String> configs, Duration timeout) {
        long millis = timeout.toMillis();
        try {
            if (admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS).contains(topic)) {
                return false;
            }
            int brokers = admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS).size();
            Map<String, String> all = new HashMap<>(configs);
            all.putIfAbsent("min.insync.replicas", brokers >= 3 ? "2" : "1");
            NewTopic newTopic = new NewTopic(topic, 1, replicationFactor(brokers)).configs(all);
            admin.createTopics(List.of(newTopic)).all().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("Cannot create " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout.toSeconds() + " s while creating "
                + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topic, e);
        }
    }

    /** Replicas for a new internal topic on a cluster of {@code brokers}: all of them, at least 1, at most 3. */
    public static short replicationFactor(int brokers) {
        return (short) Math.max(1, Math.min(3, brokers));
    }
}
