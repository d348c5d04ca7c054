package gt.enlace.registry.storage;

/**
 * A write to the registry topic failed. {@link Kind} tells why, so the REST layer can answer with
 * Confluent's code: 50001 (store error), 50002 (timeout) or 42209 (record too large).
 */
public class StoreException extends RuntimeException {

    /** Why a write failed. */
    public enum Kind {
        /** Kafka refused or failed the write. */
        ERROR,
        /** Kafka did not acknowledge the write, or the reader did not apply it, in time. */
        TIMEOUT,
        /** The record is bigger than Kafka accepts. */
        TOO_LARGE
    }

    private final Kind kind;

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Why the write failed. */
    public Kind kind() {
        return kind;
    }
}
