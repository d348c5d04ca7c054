package gt.enlace.subscriber;

/**
 * Handles one event for an {@link EventSubscriber}. Throwing makes the subscriber retry the event with
 * back-off and, when the attempts are exhausted or the exception is not retryable, dead-letter it.
 * Handlers should be idempotent on {@link EventMetadata#id()}: delivery is at least once.
 *
 * @param <T> the generated Avro class of the topic's events
 */
@FunctionalInterface
public interface EventHandler<T> {

    /**
     * @param event    the typed value (null for a tombstone)
     * @param metadata the event's headers and Kafka coordinates
     * @throws Exception to have the event retried, then dead-lettered
     */
    void handle(T event, EventMetadata metadata) throws Exception;
}
