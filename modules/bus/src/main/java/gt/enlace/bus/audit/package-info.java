/**
 * The audit log: an append-only, hash-chained record of administrative actions, agreement and credential
 * changes and denied access, kept on the topic {@value gt.enlace.bus.audit.AuditLog#TOPIC}.
 *
 * <p>{@link gt.enlace.bus.audit.AuditEntry} is one entry and its canonical form; each entry's hash covers
 * the entry and the previous entry's hash, so removing, altering or reordering entries breaks the chain,
 * which {@link gt.enlace.bus.audit.AuditChainVerifier} finds. {@link gt.enlace.bus.audit.AuditLog} is what
 * other parts of the platform call to record an action; the platform provides the Kafka-backed one.
 */
package gt.enlace.bus.audit;
