package gt.enlace.registry.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typed configuration of the schema registry, bound from the {@code enlace.registry.*} keys.
 *
 * <p>Every key is public API: it is never renamed, only deprecated. The Confluent equivalent is given
 * where one exists, so an operator moving from Confluent Schema Registry finds the same knobs.
 *
 * @param bootstrapServers     {@value #BOOTSTRAP_SERVERS}: Kafka {@code bootstrap.servers} of the cluster that
 *                             holds the registry topic; required (Confluent: {@code kafkastore.bootstrap.servers})
 * @param topic                {@value #TOPIC}: the topic that stores schemas, configs and modes; default
 *                             {@code _schemas} (Confluent: {@code kafkastore.topic}). Created on first start with
 *                             1 partition, {@code cleanup.policy=compact} and replication factor
 *                             min({@code topicReplicationFactor}, brokers)
 * @param topicReplicationFactor {@value #TOPIC_REPLICATION_FACTOR}: desired replication factor of a newly created
 *                             topic; default 3, capped at the number of brokers
 * @param groupId              {@value #GROUP_ID}: the group that registry instances of one cluster share;
 *                             default {@code schema-registry} (Confluent: {@code schema.registry.group.id}). Used as
 *                             the Kafka client id prefix and, suffixed with {@code -enlace-<topic>}, as the consumer
 *                             group that elects the leader among instances on one topic (the suffix keeps it apart
 *                             from Confluent's own group of the same name, whose protocol differs)
 * @param defaultCompatibility {@value #DEFAULT_COMPATIBILITY}: compatibility level used when neither the subject
 *                             nor the global config sets one; default {@code BACKWARD}
 *                             (Confluent: {@code schema.compatibility.level})
 * @param maxSchemaBytes       {@value #MAX_SCHEMA_BYTES}: largest schema string accepted, in UTF-8 bytes; bigger
 *                             ones are refused with 42209. Default 1,000,000 (a Kafka record is 1 MiB by default)
 * @param maxSubjectLength     {@value #MAX_SUBJECT_LENGTH}: longest subject name accepted, in characters; longer
 *                             ones are refused with 42208. Default 1000
 * @param initTimeout          {@value #INIT_TIMEOUT}: how long start-up may take to create or check the topic and to
 *                             read it to its end; default 60 s (Confluent: {@code kafkastore.init.timeout.ms})
 * @param kafka                {@value #KAFKA}{@code .*}: extra Kafka client properties (security) for every client
 * @param advertisedUrl        {@value #ADVERTISED_URL}: the URL other instances use to forward writes to this one
 *                             when it is the leader; default {@code http://<server.address>:<port>}
 * @param writeTimeout         {@value #WRITE_TIMEOUT}: how long a write waits for Kafka's acknowledgement and then
 *                             for the reader to apply it; default 10 s; exceeding it answers 50002
 *                             (Confluent: {@code kafkastore.timeout.ms})
 */
@ConfigurationProperties(prefix = RegistryProperties.PREFIX)
public record RegistryProperties(
        String bootstrapServers,
        @DefaultValue(DEFAULT_TOPIC) String topic,
        @DefaultValue("3") int topicReplicationFactor,
        @DefaultValue(DEFAULT_GROUP_ID) String groupId,
        @DefaultValue("BACKWARD") String defaultCompatibility,
        @DefaultValue("1000000") int maxSchemaBytes,
        @DefaultValue("1000") int maxSubjectLength,
        @DefaultValue("60s") Duration initTimeout,
        @DefaultValue("10s") Duration writeTimeout,
        String advertisedUrl,
        java.util.Map<String, String> kafka) {

    /** Prefix of every key. */
    public static final String PREFIX = "enlace.registry";
    /** Key of {@link #bootstrapServers()}. */
    public static final String BOOTSTRAP_SERVERS = "enlace.registry.bootstrap-servers";
    /** Key of {@link #topic()}. */
    public static final String TOPIC = "enlace.registry.topic";
    /** Key of {@link #topicReplicationFactor()}. */
    public static final String TOPIC_REPLICATION_FACTOR = "enlace.registry.topic-replication-factor";
    /** Key of {@link #groupId()}. */
    public static final String GROUP_ID = "enlace.registry.group-id";
    /** Key of {@link #defaultCompatibility()}. */
    public static final String DEFAULT_COMPATIBILITY = "enlace.registry.default-compatibility";
    /** Key of {@link #maxSchemaBytes()}. */
    public static final String MAX_SCHEMA_BYTES = "enlace.registry.max-schema-bytes";
    /** Key of {@link #maxSubjectLength()}. */
    public static final String MAX_SUBJECT_LENGTH = "enlace.registry.max-subject-length";
    /** Key of {@link #initTimeout()}. */
    public static final String INIT_TIMEOUT = "enlace.registry.init-timeout";
    /** Key of {@link #advertisedUrl()}. */
    public static final String ADVERTISED_URL = "enlace.registry.advertised-url";
    /**
     * Prefix of {@link #kafka()}: extra Kafka client properties every registry client adds, e.g.
     * {@code enlace.registry.kafka.security.protocol=SASL_PLAINTEXT} on a secure cluster. Default none.
     */
    public static final String KAFKA = "enlace.registry.kafka";
    /** Key of {@link #writeTimeout()}. */
    public static final String WRITE_TIMEOUT = "enlace.registry.write-timeout";

    /** Default of {@link #topic()}, Confluent's name so both registries can share a cluster. */
    public static final String DEFAULT_TOPIC = "_schemas";
    private static final java.util.List<String> LEVELS = java.util.List.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE",
        "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    /** Default of {@link #groupId()}. */
    public static final String DEFAULT_GROUP_ID = "schema-registry";

    public RegistryProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("'" + BOOTSTRAP_SERVERS + "' must be set to the Kafka cluster that holds the "
                + "registry topic, e.g. 127.0.0.1:9092");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("'" + TOPIC + "' cannot be blank");
        }
        if (topicReplicationFactor < 1) {
            throw new IllegalArgumentException("'" + TOPIC_REPLICATION_FACTOR + "' must be at least 1, got " + topicReplicationFactor);
        }
        if (maxSchemaBytes < 1) {
            throw new IllegalArgumentException("'" + MAX_SCHEMA_BYTES + "' must be positive, got " + maxSchemaBytes);
        }
        if (maxSubjectLength < 1) {
            throw new IllegalArgumentException("'" + MAX_SUBJECT_LENGTH + "' must be positive, got " + maxSubjectLength);
        }
        if (initTimeout == null || initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("'" + INIT_TIMEOUT + "' must be positive");
        }
        if (writeTimeout == null || writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("'" + WRITE_TIMEOUT + "' must be positive");
        }
        if (defaultCompatibility == null || !LEVELS.contains(defaultCompatibility.trim().toUpperCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("'" + DEFAULT_COMPATIBILITY + "' must be one of " + LEVELS + ", got "
                + defaultCompatibility);
        }
        if (groupId == null || groupId.isBlank()) {
            groupId = DEFAULT_GROUP_ID;
        }
        kafka = kafka == null ? java.util.Map.of() : java.util.Map.copyOf(kafka);
    }
}
