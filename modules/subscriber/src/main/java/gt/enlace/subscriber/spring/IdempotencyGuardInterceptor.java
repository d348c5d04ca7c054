package gt.enlace.subscriber.spring;

import gt.enlace.bus.headers.HeaderNames;
import gt.enlace.subscriber.IdempotencyGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * The {@link IdempotencyGuard} as a Spring Kafka {@link RecordInterceptor}: a record whose
 * {@code ce_id} the listener's consumer group already handled is not given to the listener (and its
 * offset is committed as usual); after the listener returns, the id is recorded, durably, before the
 * container commits. One guard per consumer group, opened (and loaded) on that group's first record.
 * Records without {@code ce_id} pass through.
 */
public class IdempotencyGuardInterceptor implements RecordInterceptor<String, Object>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyGuardInterceptor.class);

    private final Map<String, Object> clientConfig;
    private final String topic;
    private final Duration retention;
    private final Map<String, IdempotencyGuard> guards = new ConcurrentHashMap<>();

    /**
     * @param clientConfig Kafka client properties, {@code bootstrap.servers} at least
     * @param topic        the guard topic
     */
    public IdempotencyGuardInterceptor(Map<String, Object> clientConfig, String topic) {
        this(clientConfig, topic, IdempotencyGuard.DEFAULT_RETENTION);
    }

    /**
     * @param clientConfig Kafka client properties, {@code bootstrap.servers} at least
     * @param topic        the guard topic
     * @param retention    how long a handled id is remembered
     */
    public IdempotencyGuardInterceptor(Map<String, Object> clientConfig, String topic, Duration retention) {
        this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "'clientConfig' cannot be null"));
        this.topic = Objects.requireNonNull(topic, "'topic' cannot be null");
        this.retention = Objects.requireNonNull(retention, "'retention' cannot be null");
    }

    @Override
    public ConsumerRecord<String, Object> intercept(ConsumerRecord<String, Object> record, Consumer<String, Object> consumer) {
        String id = eventId(record);
        if (id != null && guard(consumer).isHandled(id)) {
            log.debug("Skipping event {} at {}-{}@{}: already handled by this group", id, record.topic(), record.partition(),
                record.offset());
            return null;
        }
        return record;
    }

    @Override
    public void success(ConsumerRecord<String, Object> record, Consumer<String, Object> consumer) {
        String id = eventId(record);
        if (id != null) {
            IdempotencyGuard guard = guard(consumer);
            guard.markHandled(id);
            guard.flush();
        }
    }

    /**
     * The guard of a group, opening it if needed.
     *
     * @param group the consumer group
     * @return its guard
     */
    public IdempotencyGuard guard(String group) {
        return guards.computeIfAbsent(group, g -> IdempotencyGuard.open(clientConfig, topic, g, retention));
    }

    private IdempotencyGuard guard(Consumer<?, ?> consumer) {
        return guard(consumer.groupMetadata().groupId());
    }

    private static String eventId(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HeaderNames.ID);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        guards.values().forEach(IdempotencyGuard::close);
        guards.clear();
    }
}
