package gt.enlace.schemas.catalog;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated Enlace topic name, {@code gt.<institution>.<event>.v<N>}, e.g.
 * {@code gt.renap.birth-registered.v1}.
 *
 * <ul>
 *   <li>{@code institution}: the owning institution's code, a lower-case letter followed by lower-case
 *       letters or digits ({@code renap}, {@code sat}, {@code rm});</li>
 *   <li>{@code event}: lower-case kebab case, words of lower-case letters or digits joined by single
 *       hyphens, starting with a letter ({@code birth-registered});</li>
 *   <li>{@code N}: the major version of the contract, 1 or more, without leading zeros.</li>
 * </ul>
 * The whole name, with the {@code .dlt} suffix of its dead-letter topic, must fit Kafka's 249-character
 * limit. {@link #parse(String)} rejects a bad name with the rule it broke; {@link #problem(String)} returns
 * that reason without throwing.
 *
 * @param value       the full topic name
 * @param institution the institution segment, e.g. {@code renap}
 * @param event       the event segment, e.g. {@code birth-registered}
 * @param version     the major version, 1 or more
 */
public record TopicName(String value, String institution, String event, int version) {

    /** Every Enlace topic name starts with this segment. */
    public static final String PREFIX = "gt";

    /** Suffix of a topic's dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Suffix of a topic's value subject under Confluent's TopicNameStrategy. */
    public static final String VALUE_SUBJECT_SUFFIX = "-value";

    /** Kafka's limit on topic-name length. */
    public static final int MAX_KAFKA_TOPIC_LENGTH = 249;

    private static final Pattern INSTITUTION = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]{0,8}");

    /** Checks the components; use {@link #parse(String)} or {@link #of(String, String, int)} to build one. */
    public TopicName {
        Objects.requireNonNull(value, "'value' cannot be null");
        String reason = problem(value).orElse(null);
        if (reason != null) {
            throw new IllegalArgumentException("invalid topic name '" + value + "': " + reason);
        }
        String expected = PREFIX + "." + institution + "." + event + ".v" + version;
        if (!expected.equals(value)) {
            throw new IllegalArgumentException("topic name '" + value + "' does not match its parts '" + expected + "'");
        }
    }

    /**
     * Parses and validates a topic name.
     *
     * @throws IllegalArgumentException naming the rule the name breaks, e.g.
     *         {@code invalid topic name 'gt.renap.Birth.v1': event segment 'Birth' must be lower-case kebab ...}
     */
    public static TopicName parse(String name) {
        String reason = problem(name).orElse(null);
        if (reason != null) {
            throw new IllegalArgumentException("invalid topic name '" + name + "': " + reason);
        }
        String[] parts = name.split("\\.", -1);
        return new TopicName(name, parts[1], parts[2], Integer.parseInt(parts[3].substring(1)));
    }

    /** Builds the name {@code gt.<institution>.<event>.v<version>}, validating each part. */
    public static TopicName of(String institution, String event, int version) {
        return parse(PREFIX + "." + institution + "." + event + ".v" + version);
    }

    /** Whether {@code name} is a valid topic name. */
    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /**
     * The reason {@code name} is not a valid topic name, or empty when it is valid.
     * Reasons name the broken rule, e.g. {@code must have 4 dot-separated segments gt.<institution>.<event>.v<N>, found 3}.
     */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.of("must have 4 dot-separated segments gt.<institution>.<event>.v<N>, found " + parts.length);
        }
        if (!PREFIX.equals(parts[0])) {
            return Optional.of("must start with 'gt.', found '" + parts[0] + "'");
        }
        if (!INSTITUTION.matcher(parts[1]).matches()) {
            return Optional.of("institution segment '" + parts[1]
                    + "' must be a lower-case letter followed by lower-case letters or digits");
        }
        if (!EVENT.matcher(parts[2]).matches()) {
            return Optional.of("event segment '" + parts[2]
                    + "' must be lower-case kebab case (words of a-z and 0-9 joined by single hyphens, starting with a letter)");
        }
        if (!VERSION.matcher(parts[3]).matches()) {
            return Optional.of("version segment '" + parts[3]
                    + "' must be 'v' followed by a major version of 1 or more without leading zeros, e.g. v1");
        }
        if (name.length() + DEAD_LETTER_SUFFIX.length() > MAX_KAFKA_TOPIC_LENGTH) {
            return Optional.of("is " + name.length() + " characters long; with '" + DEAD_LETTER_SUFFIX
                    + "' it must fit Kafka's limit of " + MAX_KAFKA_TOPIC_LENGTH);
        }
        return Optional.empty();
    }

    /** The dead-letter topic, {@code <name>.dlt}. */
    public String deadLetterTopic() {
        return value + DEAD_LETTER_SUFFIX;
    }

    /** The value subject under Confluent's TopicNameStrategy, {@code <name>-value}. */
    public String subject() {
        return value + VALUE_SUBJECT_SUFFIX;
    }

    /** The CloudEvents {@code ce_type} of records on this topic: the name without its version, e.g. {@code gt.renap.birth-registered}. */
    public String eventType() {
        return PREFIX + "." + institution + "." + event;
    }

    /** The full topic name. */
    @Override
    public String toString() {
        return value;
    }
}
