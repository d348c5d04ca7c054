package gt.enlace.publisher;

/**
 * Why a publish failed. The {@link #code()} is stable public API (it travels in the gateway's error bodies and the
 * CSV bridge's rejects file); constants are added or deprecated, never renamed. {@link #retriable()} says whether
 * the same call may succeed later without changing the event.
 */
public enum PublishError {

    /** The topic is not in the catalog. */
    UNKNOWN_TOPIC(false),
    /** The topic belongs to another institution than the publisher's {@code enlace.institution}. */
    TOPIC_NOT_OWNED(false),
    /** The record's schema is not the topic's record ({@code recordName} in the catalog). */
    SCHEMA_MISMATCH(false),
    /** The record breaks the schema or the bus's rules; {@link PublishException#violations()} lists each field. */
    INVALID_RECORD(false),
    /** The serialized event is larger than Kafka accepts ({@code max.request.size} / {@code message.max.bytes}). */
    RECORD_TOO_LARGE(false),
    /** The headers (legal basis, classification, source, ids) are missing or invalid. */
    INVALID_HEADERS(false),
    /** The schema registry cannot be reached or has no schema for the topic's subject. */
    REGISTRY_UNAVAILABLE(true),
    /** Kafka did not acknowledge the event in time, or cannot be reached. */
    KAFKA_UNAVAILABLE(true),
    /** Kafka refused the event for another reason (authorization, a fatal producer error). */
    KAFKA_REJECTED(false),
    /** The publisher was closed. */
    CLOSED(false);

    private final boolean retriable;

    PublishError(boolean retriable) {
        this.retriable = retriable;
    }

    /** The stable code, the constant's name, e.g. {@code INVALID_RECORD}. */
    public String code() {
        return name();
    }

    /** Whether retrying the same event later may succeed. */
    public boolean retriable() {
        return retriable;
    }
}
