package gt.enlace.subscriber;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.catalog.Classification;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a subscriber knows about one event besides its value: the CloudEvents headers the publisher
 * wrote ({@link EventHeaders}) and where the record sits in Kafka.
 *
 * <p>In a Spring application, declare it as a {@code @KafkaListener} method parameter next to the
 * generated Avro class; the Enlace auto-configuration resolves it from the record:
 *
 * <pre>{@code
 * @KafkaListener(topics = "gt.renap.birth-registered.v1")
 * void on(BirthRegistered birth, EventMetadata metadata) {
 *     log.info("{} from {} at offset {}", metadata.id(), metadata.institution(), metadata.offset());
 * }
 * }</pre>
 *
 * <p>A record whose headers are not a valid Enlace event cannot produce metadata: {@link #from} throws
 * {@link gt.enlace.bus.headers.InvalidHeadersException}, which the subscriber's error policy never
 * retries and sends to the dead-letter topic.
 *
 * @param headers   the parsed {@code ce_*} headers
 * @param topic     the topic the record was read from
 * @param partition its partition
 * @param offset    its offset in the partition
 * @param timestamp the Kafka record timestamp (when it was produced or appended, per the topic's
 *                  {@code message.timestamp.type}); {@link #time()} is when the fact happened
 */
public record EventMetadata(EventHeaders headers, String topic, int partition, long offset, Instant timestamp) {

    /** Checks every component is present. */
    public EventMetadata {
        Objects.requireNonNull(headers, "'headers' cannot be null");
        Objects.requireNonNull(topic, "'topic' cannot be null");
        Objects.requireNonNull(timestamp, "'timestamp' cannot be null");
    }

    /**
     * Reads the metadata of a consumed record.
     *
     * @param record any consumed record
     * @return its metadata
     * @throws gt.enlace.bus.headers.InvalidHeadersException when the record's headers are not a valid
     *                                                       Enlace event (missing {@code ce_id}, …)
     */
    public static EventMetadata from(ConsumerRecord<?, ?> record) {
        Objects.requireNonNull(record, "'record' cannot be null");
        return new EventMetadata(EventHeaders.parse(record.headers()), record.topic(), record.partition(),
            record.offset(), Instant.ofEpochMilli(Math.max(0, record.timestamp())));
    }

    /** {@code ce_id}: the event's id, unique per source; what idempotent handlers key on. */
    public String id() {
        return headers.id();
    }

    /** {@code ce_source}: {@code /gt/<institution>/<system>}. */
    public String source() {
        return headers.source();
    }

    /** The institution that published the event, e.g. {@code renap}. */
    public String institution() {
        return headers.institution();
    }

    /** {@code ce_type}: the topic without its version, e.g. {@code gt.renap.birth-registered}. */
    public String type() {
        return headers.type();
    }

    /** {@code ce_time}: when the fact happened, with the publisher's offset. */
    public OffsetDateTime time() {
        return headers.time();
    }

    /** {@code ce_subject}: what the event is about within the source, when given. */
    public Optional<String> subject() {
        return headers.subject();
    }

    /** {@code ce_legalbasis}: the law or agreement that allows the exchange. */
    public String legalBasis() {
        return headers.legalBasis();
    }

    /** {@code ce_classification}: publica, confidencial or reservada. */
    public Classification classification() {
        return headers.classification();
    }

    /** {@code ce_channel}: how the record entered the bus. */
    public Channel channel() {
        return headers.channel();
    }

    /** {@code ce_correlationid}: ties related events together, when given. */
    public Optional<String> correlationId() {
        return headers.correlationId();
    }
}
