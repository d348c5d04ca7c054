package gt.enlace.registry.storage;

import java.util.Objects;

/**
 * A record key of the registry topic. Only {@link KeyType#SCHEMA} keys carry a version; CONFIG and MODE keys
 * have a null subject for the global setting. {@code magic} is Confluent's key format number: 1 for SCHEMA
 * keys, 0 for the others.
 */
public record StoreKey(KeyType type, String subject, Integer version, int magic) {

    public StoreKey {
        Objects.requireNonNull(type, "'type' cannot be null");
    }

    /** {@code {"keytype":"SCHEMA","subject":s,"version":v,"magic":1}}. */
    public static StoreKey schema(String subject, int version) {
        return new StoreKey(KeyType.SCHEMA, Objects.requireNonNull(subject, "'subject' cannot be null"), version, 1);
    }

    /** {@code {"keytype":"CONFIG","subject":s|null,"magic":0}}. */
    public static StoreKey config(String subjectOrNull) {
        return new StoreKey(KeyType.CONFIG, subjectOrNull, null, 0);
    }

    /** {@code {"keytype":"MODE","subject":s|null,"magic":0}}. */
    public static StoreKey mode(String subjectOrNull) {
        return new StoreKey(KeyType.MODE, subjectOrNull, null, 0);
    }

    /** {@code {"keytype":"DELETE_SUBJECT","subject":s,"magic":0}}. */
    public static StoreKey deleteSubject(String subject) {
        return new StoreKey(KeyType.DELETE_SUBJECT, subject, null, 0);
    }

    /** {@code {"keytype":"CLEAR_SUBJECT","subject":s,"magic":0}}. */
    public static StoreKey clearSubject(String subject) {
        return new StoreKey(KeyType.CLEAR_SUBJECT, subject, null, 0);
    }

    /** {@code {"keytype":"NOOP","magic":0}}. */
    public static StoreKey noop() {
        return new StoreKey(KeyType.NOOP, null, null, 0);
    }
}
