package gt.enlace.publisher;

import gt.enlace.publisher.validation.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A publish that failed, with a stable {@link PublishError} and, for {@link PublishError#INVALID_RECORD}, every
 * field at fault. Expected failures carry no stack trace; causes from Kafka or the registry are kept.
 *
 * <pre>{@code
 * try {
 *     publisher.publish(topic, record).join();
 * } catch (CompletionException e) {
 *     if (e.getCause() instanceof PublishException p && p.error() == PublishError.INVALID_RECORD) {
 *         p.violations().forEach(v -> log.warn("{} {} {}", v.path(), v.code(), v.message()));
 *     }
 * }
 * }</pre>
 */
public class PublishException extends RuntimeException {

    private final PublishError error;
    private final String topic;
    private final List<Violation> violations;

    public PublishException(PublishError error, String topic, String message) {
        this(error, topic, message, List.of(), null);
    }

    public PublishException(PublishError error, String topic, String message, List<Violation> violations, Throwable cause) {
        super(message, cause, true, cause != null);
        this.error = Objects.requireNonNull(error, "'error' cannot be null");
        this.topic = topic;
        this.violations = List.copyOf(violations);
    }

    /** The stable reason. */
    public PublishError error() {
        return error;
    }

    /** The topic of the failed publish, when known. */
    public String topic() {
        return topic;
    }

    /** Each field at fault with its JSON path, code and message; empty unless {@link PublishError#INVALID_RECORD}. */
    public List<Violation> violations() {
        return violations;
    }

    /** The path of the first field at fault, e.g. {@code $.childCui}; {@code $} when the whole event is at fault. */
    public String path() {
        return violations.isEmpty() ? "$" : violations.get(0).path();
    }
}
