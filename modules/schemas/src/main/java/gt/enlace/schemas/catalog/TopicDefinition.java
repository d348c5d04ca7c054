package gt.enlace.schemas.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.Schema;

/**
 * A topic of the catalog's {@code topics:} list, validated: its name follows the
 * {@code gt.<institution>.<event>.v<N>} rules, its owner is a listed institution, and its schema parsed
 * with the common types resolved.
 *
 * @param name           topic name, e.g. {@code gt.renap.birth-registered.v1}
 * @param owner          code of the owning institution, e.g. {@code renap}
 * @param schemaPath     path of the {@code .avsc} file relative to the catalog's folder, e.g. {@code renap/BirthRegistered.avsc}
 * @param recordName     full name of the top-level record, e.g. {@code gt.enlace.renap.BirthRegistered}
 * @param schema         the parsed schema of {@code recordName}, with the types it references resolved
 * @param descriptionEs  what one record means, in Spanish
 * @param descriptionEn  what one record means, in English
 * @param classification information class under Decreto 57-2008, carried in {@code ce_classification}
 * @param legalBasis     the law under which the owner keeps and shares the records, carried in {@code ce_legalbasis}
 * @param partitions     number of partitions, 1 or more
 * @param retentionMs    Kafka {@code retention.ms}: milliseconds records are kept, or {@link #INFINITE_RETENTION}
 * @param cleanupPolicy  Kafka {@code cleanup.policy}: {@code delete}, {@code compact} or {@code compact,delete}
 * @param compatibility  schema-registry compatibility level of {@link #subject()}, e.g. {@code BACKWARD}
 */
public record TopicDefinition(String name, String owner, String schemaPath, String recordName, Schema schema,
                              String descriptionEs, String descriptionEn, Classification classification,
                              String legalBasis, int partitions, long retentionMs, String cleanupPolicy,
                              String compatibility) {

    /** {@link #retentionMs()} of a topic whose records are kept forever (Kafka's {@code retention.ms=-1}). */
    public static final long INFINITE_RETENTION = -1L;

    /** The cleanup policies a catalog may declare, as Kafka spells them. */
    public static final List<String> CLEANUP_POLICIES = List.of("delete", "compact", "compact,delete");

    /** The compatibility levels a catalog may declare, as the Confluent schema-registry API spells them. */
    public static final List<String> COMPATIBILITY_LEVELS = List.of("BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
            "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE");

    /** Compatibility level of a topic that declares none. */
    public static final String DEFAULT_COMPATIBILITY = "BACKWARD";

    /** Checks the components that the catalog's validation guarantees. */
    public TopicDefinition {
        TopicName.parse(name);
        Objects.requireNonNull(owner, "'owner' cannot be null");
        Objects.requireNonNull(schemaPath, "'schemaPath' cannot be null");
        Objects.requireNonNull(recordName, "'recordName' cannot be null");
        Objects.requireNonNull(schema, "'schema' cannot be null");
        Objects.requireNonNull(descriptionEs, "'descriptionEs' cannot be null");
        Objects.requireNonNull(descriptionEn, "'descriptionEn' cannot be null");
        Objects.requireNonNull(classification, "'classification' cannot be null");
        Objects.requireNonNull(legalBasis, "'legalBasis' cannot be null");
        if (partitions < 1) {
            throw new IllegalArgumentException("'partitions' must be 1 or more, got " + partitions);
        }
        if (retentionMs < 1 && retentionMs != INFINITE_RETENTION) {
            throw new IllegalArgumentException("'retentionMs' must be positive or -1 (infinite), got " + retentionMs);
        }
        if (!CLEANUP_POLICIES.contains(cleanupPolicy)) {
            throw new IllegalArgumentException("'cleanupPolicy' must be one of " + CLEANUP_POLICIES + ", got " + cleanupPolicy);
        }
        if (!COMPATIBILITY_LEVELS.contains(compatibility)) {
            throw new IllegalArgumentException("'compatibility' must be one of " + COMPATIBILITY_LEVELS + ", got " + compatibility);
        }
    }

    /** The parsed, validated topic name. */
    public TopicName topicName() {
        return TopicName.parse(name);
    }

    /** The value subject under Confluent's TopicNameStrategy: {@code <name>-value}. */
    public String subject() {
        return name + TopicName.VALUE_SUBJECT_SUFFIX;
    }

    /** The dead-letter topic where records that cannot be deserialised or handled go: {@code <name>.dlt}. */
    public String deadLetterTopic() {
        return name + TopicName.DEAD_LETTER_SUFFIX;
    }

    /** Whether records are kept forever. */
    public boolean infiniteRetention() {
        return retentionMs == INFINITE_RETENTION;
    }

    /**
     * The Kafka topic configuration this definition implies: {@code cleanup.policy} and {@code retention.ms},
     * ready for {@code Admin.createTopics} or {@code incrementalAlterConfigs}.
     */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy);
        configs.put("retention.ms", Long.toString(retentionMs));
        return Collections.unmodifiableMap(configs);
    }
}
