package gt.enlace.bus.topics;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules and helpers for topic names.
 *
 * <ul>
 *   <li>Event topics are {@code gt.<institution>.<event>.v<N>}, e.g. {@code gt.renap.birth-registered.v1}:
 *       the institution code a lower-case letter then lower-case letters or digits ({@code renap},
 *       {@code rm}), the event lower-case kebab (the same, plus single hyphens between words), N the
 *       schema's major version from 1 with no leading zeros. These are the topic catalog's rules.</li>
 *   <li>The CloudEvents {@code ce_type} of an event is its topic without the version:
 *       {@code gt.renap.birth-registered}.</li>
 *   <li>Dead letters go to {@code <topic>.dlt}.</li>
 *   <li>The platform's own topics start with {@code _enlace.}; {@code _schemas} keeps Confluent's
 *       name so a Confluent Schema Registry can share the cluster.</li>
 * </ul>
 *
 * <p>An event topic may be at most {@value #MAX_EVENT_TOPIC_LENGTH} characters, so that its dead-letter
 * topic stays within Kafka's limit of 249.
 */
public final class Topics {

    /** Prefix of every event topic. */
    public static final String EVENT_PREFIX = "gt.";

    /** Suffix of a dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Prefix of the platform's internal topics. */
    public static final String INTERNAL_PREFIX = "_enlace.";

    /** The schema registry's topic, named as Confluent names it. */
    public static final String SCHEMAS_TOPIC = "_schemas";

    /** Kafka's limit on a topic name. */
    public static final int KAFKA_MAX_LENGTH = 249;

    /** Longest event topic whose dead-letter topic is still a legal Kafka name. */
    public static final int MAX_EVENT_TOPIC_LENGTH = KAFKA_MAX_LENGTH - 4;

    private static final Pattern INSTITUTION = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]{0,8}");
    private static final Pattern INTERNAL_NAME = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

    private Topics() {
    }

    /**
     * Why {@code topic} is not a valid event topic.
     *
     * @param topic the candidate, may be null
     * @return the rule it breaks, empty when it is valid
     */
    public static Optional<String> invalidReason(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("it is " + (topic == null ? "null" : "empty")
                    + "; expected gt.<institution>.<event>.v<N>");
        }
        if (topic.length() > MAX_EVENT_TOPIC_LENGTH) {
            return Optional.of("it has " + topic.length() + " characters; at most " + MAX_EVENT_TOPIC_LENGTH
                    + " are allowed so that its dead-letter topic fits Kafka's limit of " + KAFKA_MAX_LENGTH);
        }
        if (topic.endsWith(DEAD_LETTER_SUFFIX)) {
            return Optional.of("it is a dead-letter topic; expected gt.<institution>.<event>.v<N>");
        }
        String[] parts = topic.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.of("it has " + parts.length + " dot-separated parts; expected 4: gt.<institution>.<event>.v<N>");
        }
        return checkParts(parts[0], parts[1], parts[2]).or(() -> VERSION.matcher(parts[3]).matches()
                ? Optional.empty()
                : Optional.of("the version '" + parts[3] + "' must be v<N> with N a major version from 1, no leading zeros"));
    }

    /**
     * Why {@code type} is not a valid CloudEvents type, i.e. an event topic without its version.
     *
     * @param type the candidate, may be null
     * @return the rule it breaks, empty when it is valid
     */
    public static Optional<String> invalidTypeReason(String type) {
        if (type == null || type.isEmpty()) {
            return Optional.of("it is " + (type == null ? "null" : "empty") + "; expected gt.<institution>.<event>");
        }
        String[] parts = type.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.of("it has " + parts.length + " dot-separated parts; expected 3: gt.<institution>.<event>"
                    + (parts.length == 4 && VERSION.matcher(parts[3]).matches() ? " (the type has no version suffix)" : ""));
        }
        return checkParts(parts[0], parts[1], parts[2]);
    }

    /**
     * Whether {@code topic} is a valid event topic.
     *
     * @param topic the candidate, may be null
     * @return true for {@code gt.<institution>.<event>.v<N>}
     */
    public static boolean isValid(String topic) {
        return invalidReason(topic).isEmpty();
    }

    /**
     * Checks an event topic.
     *
     * @param topic the candidate
     * @return {@code topic}
     * @throws InvalidTopicException naming the rule it breaks
     */
    public static String requireValid(String topic) {
        Optional<String> reason = invalidReason(topic);
        if (reason.isPresent()) {
            throw new InvalidTopicException(topic, reason.get());
        }
        return topic;
    }

    /**
     * The dead-letter topic of an event topic.
     *
     * @param topic a valid event topic, e.g. {@code gt.renap.birth-registered.v1}
     * @return {@code gt.renap.birth-registered.v1.dlt}
     * @throws InvalidTopicException if {@code topic} is not a valid event topic (a dead-letter topic
     *                               has no dead-letter topic of its own)
     */
    public static String deadLetterTopic(String topic) {
        return requireValid(topic) + DEAD_LETTER_SUFFIX;
    }

    /**
     * Whether {@code topic} is the dead-letter topic of a valid event topic.
     *
     * @param topic the candidate, may be null
     * @return true for {@code <event topic>.dlt}
     */
    public static boolean isDeadLetterTopic(String topic) {
        return topic != null && topic.endsWith(DEAD_LETTER_SUFFIX)
                && isValid(topic.substring(0, topic.length() - DEAD_LETTER_SUFFIX.length()));
    }

    /**
     * The CloudEvents type of an event topic: the topic without its version.
     *
     * @param topic a valid event topic, e.g. {@code gt.renap.birth-registered.v1}
     * @return {@code gt.renap.birth-registered}
     * @throws InvalidTopicException if {@code topic} is not a valid event topic
     */
    public static String eventType(String topic) {
        requireValid(topic);
        return topic.substring(0, topic.lastIndexOf('.'));
    }

    /**
     * The institution that owns an event topic.
     *
     * @param topic a valid event topic, e.g. {@code gt.renap.birth-registered.v1}
     * @return the institution code, {@code renap}
     * @throws InvalidTopicException if {@code topic} is not a valid event topic
     */
    public static String institutionOf(String topic) {
        requireValid(topic);
        return topic.split("\\.")[1];
    }

    /**
     * The major version of an event topic.
     *
     * @param topic a valid event topic, e.g. {@code gt.renap.birth-registered.v2}
     * @return {@code 2}
     * @throws InvalidTopicException if {@code topic} is not a valid event topic
     */
    public static int majorVersion(String topic) {
        requireValid(topic);
        return Integer.parseInt(topic.substring(topic.lastIndexOf('.') + 2));
    }

    /**
     * The event topic for a type and major version.
     *
     * @param type         e.g. {@code gt.renap.birth-registered}
     * @param majorVersion from 1
     * @return {@code gt.renap.birth-registered.v1}
     * @throws InvalidTopicException if the result is not a valid event topic
     */
    public static String topicOf(String type, int majorVersion) {
        Objects.requireNonNull(type, "'type' cannot be null");
        return requireValid(type + ".v" + majorVersion);
    }

    /**
     * The name of an internal topic.
     *
     * @param name lower case, e.g. {@code agreements}
     * @return {@code _enlace.agreements}
     * @throws IllegalArgumentException if {@code name} is not lower-case letters and digits separated by
     *                                  single dots or hyphens
     */
    public static String internalTopic(String name) {
        Objects.requireNonNull(name, "'name' cannot be null");
        if (!INTERNAL_NAME.matcher(name).matches()
                || INTERNAL_PREFIX.length() + name.length() > KAFKA_MAX_LENGTH) {
            throw new IllegalArgumentException("'" + name + "' is not a valid internal topic name: expected "
                    + "lower-case letters and digits separated by single dots or hyphens");
        }
        return INTERNAL_PREFIX + name;
    }

    /**
     * Whether {@code topic} belongs to the platform rather than to an institution.
     *
     * @param topic the candidate, may be null
     * @return true for {@code _enlace.*} and {@code _schemas}
     */
    public static boolean isInternal(String topic) {
        return topic != null && (topic.startsWith(INTERNAL_PREFIX) || topic.equals(SCHEMAS_TOPIC));
    }

    private static Optional<String> checkParts(String prefix, String institution, String event) {
        if (!prefix.equals("gt")) {
            return Optional.of("it must start with 'gt.', not '" + prefix + ".'");
        }
        if (!INSTITUTION.matcher(institution).matches()) {
            return Optional.of("the institution '" + institution + "' must be an institution code: a lower-case "
                    + "letter followed by lower-case letters or digits, e.g. renap");
        }
        if (!KEBAB.matcher(event).matches()) {
            return Optional.of("the event '" + event + "' must be lower-case kebab "
                    + "(a-z, 0-9 and single hyphens, starting with a letter)");
        }
        return Optional.empty();
    }
}
