package gt.enlace.survey.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import gt.enlace.bus.topics.InternalTopics;
import gt.enlace.bus.topics.Topics;
import org.apache.kafka.clients.admin.Admin;

/**
 * The subscription samples topic {@value #TOPIC}: one record each time the {@link SubscriptionSampler} sees a
 * consumer group's committed offset on a data topic advance (at most one per group, topic and calendar day). Key
 * {@code <group>@<topic>} (a topic name has no {@code @}; the last one splits), value a JSON object for people
 * and other readers ({@code group}, {@code topic}, {@code provider}, {@code committed}, {@code previous},
 * {@code sampledAt}), timestamp the sampling time. The observed-metrics topology reads only the key and the timestamp.
 */
public final class SubscriptionSamples {

    /** The topic: cleanup {@code delete}, retention infinite (a few records per subscription and day). */
    public static final String TOPIC = "_enlace.subscription-samples";

    private SubscriptionSamples() {
    }

    /** The key of a sample: {@code <group>@<topic>}. */
    public static String key(String group, String topic) {
        return group + "@" + topic;
    }

    /** The topic of a sample key, or empty when the key does not end in {@code @<data topic>}. */
    public static Optional<String> topicOf(String key) {
        int at = key == null ? -1 : key.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String topic = key.substring(at + 1);
        return Topics.isValid(topic) ? Optional.of(topic) : Optional.empty();
    }

    /**
     * Creates the topic unless it exists: 1 partition, {@code cleanup.policy=delete}, {@code retention.ms=-1},
     * replication factor up to 3.
     *
     * @throws IllegalStateException when Kafka refuses or does not answer within 30 s
     */
    public static void ensureTopic(Admin admin) {
        InternalTopics.ensure(admin, TOPIC, Map.of("cleanup.policy", "delete", "retention.ms", "-1"), Duration.ofSeconds(30));
    }
}
