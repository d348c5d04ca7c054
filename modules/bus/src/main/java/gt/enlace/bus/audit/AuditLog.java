package gt.enlace.bus.audit;

import java.util.Map;

/**
 * Records administrative actions in the audit log. The platform provides one instance backed by the
 * {@value #TOPIC} topic (a Spring bean named {@code auditLog} in the web application, and
 * {@code Platform.auditLog()}); appends are synchronous: when {@link #append} returns, the entry is
 * acknowledged by Kafka ({@code acks=all}) and chained.
 *
 * <pre>{@code
 * auditLog.append("renap", "agreement.approve", "agreement/42", Map.of("consumer", "sat", "topics", "gt.renap.birth-registered.v1"));
 * auditLog.append("anonymous", "access.denied", "topic/gt.renap.birth-registered.v1", Map.of("operation", "READ"));
 * }</pre>
 *
 * <p>Actions are lower-case dotted verbs ({@code topics.provision}, {@code schemas.register},
 * {@code agreement.approve}, {@code credentials.create}, {@code access.denied}); the target names what was
 * acted on as {@code <kind>/<name>}.
 */
@FunctionalInterface
public interface AuditLog {

    /** The topic of the audit log: one partition, infinite retention, not compacted. */
    String TOPIC = "_enlace.audit";

    /**
     * Appends one entry.
     *
     * @param actor   who acted: an institution code, {@code platform}, or a user name
     * @param action  what was done, e.g. {@code agreement.approve}
     * @param target  what it was done to, e.g. {@code topic/gt.renap.birth-registered.v1}
     * @param details more facts, small; may be empty
     * @return the entry as written, with its sequence number and hash
     * @throws AuditLogException with a stable code when the entry could not be written
     */
    AuditEntry append(String actor, String action, String target, Map<String, String> details);

    /** Appends an entry without details. */
    default AuditEntry append(String actor, String action, String target) {
        return append(actor, action, target, Map.of());
    }
}
