package gt.enlace.bus.topics;

import java.util.Objects;

/**
 * Thrown when a name is not a valid Enlace event topic. The message names the topic and the rule it
 * breaks, e.g. {@code 'gt.renap.Birth.v1' is not a valid topic name: the event 'Birth' must
 * be lower-case kebab}.
 */
public final class InvalidTopicException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String reason;

    /**
     * @param topic  the rejected name, may be null
     * @param reason the rule it breaks
     */
    public InvalidTopicException(String topic, String reason) {
        super((topic == null ? "null" : "'" + topic + "'") + " is not a valid topic name: " + reason);
        this.topic = topic;
        this.reason = Objects.requireNonNull(reason, "'reason' cannot be null");
    }

    /** The rejected name, null if it was null. */
    public String topic() {
        return topic;
    }

    /** The rule it breaks. */
    public String reason() {
        return reason;
    }
}
