package gt.enlace.registry.storage;

/**
 * The {@code keytype} of a record key in the registry topic, Confluent's names. {@link #UNKNOWN} stands for
 * any type a newer registry writes that this one does not know; such records are skipped.
 */
public enum KeyType {
    SCHEMA, CONFIG, MODE, DELETE_SUBJECT, CLEAR_SUBJECT, NOOP, CONTEXT, UNKNOWN
}
