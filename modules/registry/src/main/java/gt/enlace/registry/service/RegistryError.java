package gt.enlace.registry.service;

/**
 * The registry's stable error codes: Confluent Schema Registry's own numbers and message formats
 * ({@code rest/exceptions/Errors.java}), so that every Confluent client maps them to the same exceptions.
 *
 * <p>The HTTP status of an error is the first three digits of its code ({@link #httpStatus()}).
 */
public enum RegistryError {
    /** 40401: the subject has no (visible) version. */
    SUBJECT_NOT_FOUND(40401, "Subject '%s' not found."),
    /** 40402: the subject exists but not this version. */
    VERSION_NOT_FOUND(40402, "Version %s not found."),
    /** 40403: no schema with this id, guid or content. */
    SCHEMA_NOT_FOUND(40403, "Schema %s not found"),
    /** 40404: soft-deleting a subject that is already soft-deleted. */
    SUBJECT_SOFT_DELETED(40404, "Subject '%s' was soft deleted.Set permanent=true to delete permanently"),
    /** 40405: hard-deleting a subject that still has live versions. */
    SUBJECT_NOT_SOFT_DELETED(40405, "Subject '%s' was not deleted first before being permanently deleted"),
    /** 40406: soft-deleting a version that is already soft-deleted. */
    SCHEMA_VERSION_SOFT_DELETED(40406, "Subject '%s' Version %s was soft deleted.Set permanent=true to delete permanently"),
    /** 40407: hard-deleting a version that is still live. */
    SCHEMA_VERSION_NOT_SOFT_DELETED(40407, "Subject '%s' Version %s was not deleted first before being permanently deleted"),
    /** 40408: {@code GET /config/{subject}} on a subject without its own config. */
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(40408, "Subject '%s' does not have subject-level compatibility configured"),
    /** 40409: {@code GET /mode/{subject}} on a subject without its own mode. */
    SUBJECT_MODE_NOT_CONFIGURED(40409, "Subject '%s' does not have subject-level mode configured"),
    /** 40901: the schema breaks the subject's compatibility level. */
    INCOMPATIBLE_SCHEMA(40901, "Schema being registered is incompatible with an earlier schema for subject \"%s\", details: %s"),
    /** 42201: not a valid (Avro) schema, or an unsupported schema type. */
    INVALID_SCHEMA(42201, "%s"),
    /** 42202: a version id that is neither {@code latest} nor 1..2^31-1. */
    INVALID_VERSION(42202, "The specified version '%s' is not a valid version id. "
        + "Allowed values are between [1, 2^31-1] and the string \"latest\""),
    /** 42203: unknown compatibility level. */
    INVALID_COMPATIBILITY_LEVEL(42203, "Invalid compatibility level. Valid values are none, backward, forward, full, "
        + "backward_transitive, forward_transitive, and full_transitive"),
    /** 42204: unknown mode. */
    INVALID_MODE(42204, "Invalid mode. Valid values are READWRITE, READONLY, and IMPORT."),
    /** 42205: the mode forbids the operation. */
    OPERATION_NOT_PERMITTED(42205, "%s"),
    /** 42206: another schema references the one being deleted. */
    REFERENCE_EXISTS(42206, "One or more references exist to the schema {subject=%s,version=%s}."),
    /** 42207: IMPORT mode: the schema is already registered under another id. */
    ID_DOES_NOT_MATCH(42207, "Schema already registered with id %s instead of input id %s"),
    /** 42208: the subject name is empty, too long or holds control characters. */
    INVALID_SUBJECT(42208, "The specified subject '%s' is not a valid."),
    /** 42209: the schema is bigger than the configured limit. */
    SCHEMA_TOO_LARGE(42209, "Register operation failed because schema is too large"),
    /** 50001: Kafka refused or failed the write. */
    STORE_ERROR(50001, "%s"),
    /** 50002: the write was not acknowledged and applied in time. */
    OPERATION_TIMEOUT(50002, "%s"),
    /** 50003: forwarding to the leader failed. */
    REQUEST_FORWARDING_FAILED(50003, "%s"),
    /** 50004: no leader is known. */
    UNKNOWN_LEADER(50004, "%s");

    private final int code;
    private final String format;

    RegistryError(int code, String format) {
        this.code = code;
        this.format = format;
    }

    /** Confluent's {@code error_code}. */
    public int code() {
        return code;
    }

    /** The HTTP status: the first three digits of {@link #code()}. */
    public int httpStatus() {
        return code / 100;
    }

    /** The message format, filled with {@link String#format}. */
    public String format() {
        return format;
    }

    /** A new exception of this kind with the message built from {@link #format()} and {@code args}. */
    public RegistryException exception(Object... args) {
        return new RegistryException(this, String.format(format, args));
    }

    /** A new exception of this kind with a message given as is. */
    public RegistryException withMessage(String message) {
        return new RegistryException(this, message);
    }
}
