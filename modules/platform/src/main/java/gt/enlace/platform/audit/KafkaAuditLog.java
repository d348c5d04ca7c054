package gt.enlace.platform.audit;

import gt.enlace.bus.audit.AuditChainVerifier;
import gt.enlace.bus.audit.AuditEntry;
import gt.enlace.bus.audit.AuditLog;
import gt.enlace.bus.audit.AuditLogException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link AuditLog}: appends to {@value AuditLog#TOPIC} with {@code acks=all} and idempotence,
 * one entry at a time, each chained to the last. {@link #open} creates the topic if needed and reads it to the
 * end to find the tail; a broken chain found there is logged (and reported by {@code enlace audit verify}) but
 * does not stop the platform from recording what happens next.
 *
 * <p>One writer per cluster: the platform process that provisions the topics. Appends are serialised in this
 * process ({@code synchronized}); two processes appending at once would fork the chain, which
 * {@code enlace audit verify} reports.
 */
public final class KafkaAuditLog implements AuditLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaAuditLog.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Clock clock;
    private AuditEntry last;

    private KafkaAuditLog(KafkaProducer<byte[], byte[]> producer, AuditEntry last, Clock clock) {
        this.producer = producer;
        this.last = last;
        this.clock = clock;
    }

    /**
     * Creates the topic if needed, reads it to find the chain's tail, and returns a log ready to append.
     *
     * @param clientConfig       bootstrap servers plus the platform principal's security settings
     * @param admin              an admin client of the same cluster
     * @param replicationFactor  of the topic when it is created
     */
    public static KafkaAuditLog open(Map<String, ?> clientConfig, Admin admin, short replicationFactor) {
        AuditTopic.ensure(admin, replicationFactor);
        AuditChainVerifier chain = new AuditChainVerifier();
        AuditTopic.read(clientConfig, Duration.ofSeconds(60), (offset, value) -> {
            chain.accept(offset, value);
            return true;
        });
        chain.firstBreak().ifPresent(b -> log.error("The audit log {} does not verify: {}. New entries are chained to the "
            + "last readable entry; run 'enlace audit verify' for the details.", AuditLog.TOPIC, b.describe()));
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "enlace-audit-writer");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaAuditLog(new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
            chain.last().orElse(null), Clock.systemUTC());
    }

    @Override
    public synchronized AuditEntry append(String actor, String action, String target, Map<String, String> details) {
        AuditEntry entry = AuditEntry.next(last, clock.instant(), actor, action, target, details);
        try {
            producer.send(new ProducerRecord<>(AuditLog.TOPIC, 0, null, entry.toJson()))
                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AuditLogException(AuditLogException.UNAVAILABLE, "Kafka did not acknowledge audit entry " + entry.seq()
                + " (" + action + " " + target + "): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditLogException(AuditLogException.UNAVAILABLE, "Kafka did not acknowledge audit entry " + entry.seq()
                + " within " + SEND_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditLogException(AuditLogException.UNAVAILABLE, "interrupted while writing audit entry " + entry.seq(), e);
        }
        last = entry;
        log.debug("Audit #{}: {} {} {} {}", entry.seq(), actor, action, target, entry.details());
        return entry;
    }

    /** The sequence number of the last entry, 0 when the log is empty. */
    public synchronized long lastSeq() {
        return last == null ? 0 : last.seq();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "KafkaAuditLog(" + AuditLog.TOPIC + ")";
    }

}
