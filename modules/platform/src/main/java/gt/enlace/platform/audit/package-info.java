/**
 * The audit log on Kafka: {@link gt.enlace.platform.audit.KafkaAuditLog} appends hash-chained entries to
 * {@value gt.enlace.bus.audit.AuditLog#TOPIC}; {@link gt.enlace.platform.audit.AuditTopic} creates the topic
 * and reads it back for {@code enlace audit verify|list}.
 */
package gt.enlace.platform.audit;
