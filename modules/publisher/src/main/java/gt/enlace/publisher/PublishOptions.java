package gt.enlace.publisher;

import gt.enlace.bus.headers.Channel;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Per-event choices for {@link EventPublisher#publish(String, org.apache.avro.generic.IndexedRecord, PublishOptions)}.
 * Immutable; start from {@link #defaults()} and use the {@code withX} methods.
 *
 * <pre>{@code
 * PublishOptions.defaults().withEventId("6f1c...").withKey(record.getChildCui()).withCorrelationId("exp-2026-114")
 * }</pre>
 */
public final class PublishOptions {

    private static final PublishOptions DEFAULTS = new PublishOptions(null, null, null, null, null, null, null);

    private final String eventId;
    private final String key;
    private final String subject;
    private final String correlationId;
    private final OffsetDateTime time;
    private final Channel channel;
    private final String legalBasis;

    private PublishOptions(String eventId, String key, String subject, String correlationId, OffsetDateTime time,
                           Channel channel, String legalBasis) {
        this.eventId = eventId;
        this.key = key;
        this.subject = subject;
        this.correlationId = correlationId;
        this.time = time;
        this.channel = channel;
        this.legalBasis = legalBasis;
    }

    /** A random event id, the event id as Kafka key, no subject or correlation id, now, the publisher's channel. */
    public static PublishOptions defaults() {
        return DEFAULTS;
    }

    /** The {@code ce_id}; deterministic ids make retries recognisable to consumers, which deduplicate on it. */
    public PublishOptions withEventId(String eventId) {
        return new PublishOptions(eventId, key, subject, correlationId, time, channel, legalBasis);
    }

    /** The Kafka record key, which picks the partition (e.g. the CUI, so one person's events stay ordered). */
    public PublishOptions withKey(String key) {
        return new PublishOptions(eventId, key, subject, correlationId, time, channel, legalBasis);
    }

    /** The {@code ce_subject}: what the event is about within the source. */
    public PublishOptions withSubject(String subject) {
        return new PublishOptions(eventId, key, subject, correlationId, time, channel, legalBasis);
    }

    /** The {@code ce_correlationid} tying related events together. */
    public PublishOptions withCorrelationId(String correlationId) {
        return new PublishOptions(eventId, key, subject, correlationId, time, channel, legalBasis);
    }

    /** The {@code ce_time}: when the fact happened; now by default. */
    public PublishOptions withTime(OffsetDateTime time) {
        return new PublishOptions(eventId, key, subject, correlationId, time, channel, legalBasis);
    }

    /** The {@code ce_channel}; the publisher's {@code enlace.channel} by default. */
    public PublishOptions withChannel(Channel channel) {
        return new PublishOptions(eventId, key, subject, correlationId, time, channel, legalBasis);
    }

    /** The {@code ce_legalbasis} when an agreement narrower than the topic's law applies; the catalog's by default. */
    public PublishOptions withLegalBasis(String legalBasis) {
        return new PublishOptions(eventId, key, subject, correlationId, time, channel, legalBasis);
    }

    public Optional<String> eventId() {
        return Optional.ofNullable(eventId);
    }

    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    public Optional<OffsetDateTime> time() {
        return Optional.ofNullable(time);
    }

    public Optional<Channel> channel() {
        return Optional.ofNullable(channel);
    }

    public Optional<String> legalBasis() {
        return Optional.ofNullable(legalBasis);
    }
}
