package gt.enlace.bus.audit;

/**
 * An audit entry that could not be written or read. {@link #code()} is stable public API:
 * {@code AUDIT_UNAVAILABLE} (Kafka did not acknowledge), {@code AUDIT_INVALID_ENTRY} (a blank actor,
 * action or target, or an entry too large), {@code AUDIT_CHAIN_BROKEN} (the log's tail does not verify, so
 * nothing more is appended to it).
 */
public final class AuditLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Kafka did not acknowledge the entry. */
    public static final String UNAVAILABLE = "AUDIT_UNAVAILABLE";
    /** The entry is not valid. */
    public static final String INVALID_ENTRY = "AUDIT_INVALID_ENTRY";
    /** The existing log does not verify. */
    public static final String CHAIN_BROKEN = "AUDIT_CHAIN_BROKEN";

    private final String code;

    /** @param code one of the constants; @param message what failed; @param cause the underlying failure, or null */
    public AuditLogException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    /** The stable code. */
    public String code() {
        return code;
    }
}
