package gt.enlace.subscriber;

import gt.enlace.bus.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record read from a dead-letter topic, with what its headers say about the original.
 *
 * <p>Reads both Enlace's {@code enlace_dlt_*} headers and, for dead letters written by plain Spring
 * Kafka, its {@code kafka_dlt-*} headers; the original topic defaults to the dead-letter topic without
 * {@code .dlt}.
 *
 * @param deadLetterTopic     where this dead letter is
 * @param partition           its partition in the dead-letter topic
 * @param offset              its offset in the dead-letter topic
 * @param deadLetteredAt      when it was dead-lettered (the record timestamp)
 * @param originalTopic       the topic the original was consumed from
 * @param originalPartition   the original's partition, -1 when unknown
 * @param originalOffset      the original's offset, -1 when unknown
 * @param stage               where it failed, empty when the header is absent
 * @param reason              why, or {@code "unknown"}
 * @param group               the consumer group that gave up on it, or null
 * @param key                 the original key bytes, or null
 * @param value               the original value bytes, or null
 * @param originalHeaders     the original's headers, without any dead-letter header
 */
public record DeadLetter(String deadLetterTopic, int partition, long offset, Instant deadLetteredAt,
                         String originalTopic, int originalPartition, long originalOffset,
                         Optional<DeadLetterStage> stage, String reason, String group,
                         byte[] key, byte[] value, List<Header> originalHeaders) {

    /** Copies the header list. */
    public DeadLetter {
        Objects.requireNonNull(deadLetterTopic, "'deadLetterTopic' cannot be null");
        Objects.requireNonNull(originalTopic, "'originalTopic' cannot be null");
        Objects.requireNonNull(stage, "'stage' cannot be null");
        Objects.requireNonNull(reason, "'reason' cannot be null");
        originalHeaders = List.copyOf(originalHeaders);
    }

    /**
     * Reads a dead letter.
     *
     * @param record a record consumed from a {@code <topic>.dlt} topic with byte-array deserializers
     * @return the dead letter
     */
    public static DeadLetter from(ConsumerRecord<byte[], byte[]> record) {
        Objects.requireNonNull(record, "'record' cannot be null");
        String topic = text(record, DeadLetterHeaders.ORIGINAL_TOPIC)
            .or(() -> text(record, DeadLetterHeaders.SPRING_ORIGINAL_TOPIC))
            .orElseGet(() -> record.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)
                ? record.topic().substring(0, record.topic().length() - Topics.DEAD_LETTER_SUFFIX.length())
                : record.topic());
        int partition = text(record, DeadLetterHeaders.ORIGINAL_PARTITION).map(DeadLetter::parseInt)
            .or(() -> binary(record, DeadLetterHeaders.SPRING_ORIGINAL_PARTITION, Integer.BYTES).map(b -> ByteBuffer.wrap(b).getInt()))
            .orElse(-1);
        long offset = text(record, DeadLetterHeaders.ORIGINAL_OFFSET).map(DeadLetter::parseLong)
            .or(() -> binary(record, DeadLetterHeaders.SPRING_ORIGINAL_OFFSET, Long.BYTES).map(b -> ByteBuffer.wrap(b).getLong()))
            .orElse(-1L);
        Optional<DeadLetterStage> stage = text(record, DeadLetterHeaders.STAGE).flatMap(DeadLetterStage::fromCode);
        String reason = text(record, DeadLetterHeaders.REASON)
            .or(() -> text(record, DeadLetterHeaders.SPRING_EXCEPTION_MESSAGE))
            .orElse("unknown");
        String group = text(record, DeadLetterHeaders.GROUP)
            .or(() -> text(record, DeadLetterHeaders.SPRING_ORIGINAL_CONSUMER_GROUP)).orElse(null);
        List<Header> original = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!isDeadLetterHeader(header.key())) {
                original.add(new RecordHeader(header.key(), header.value()));
            }
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
            Instant.ofEpochMilli(Math.max(0, record.timestamp())), topic, partition, offset, stage, reason, group,
            record.key(), record.value(), original);
    }

    /**
     * Whether a header belongs to dead-lettering rather than to the original event.
     *
     * @param key a header key
     * @return true for {@code enlace_dlt_*}, {@code kafka_dlt-*}, {@code enlace_raw_value} and Spring's
     *         deserializer-exception headers
     */
    public static boolean isDeadLetterHeader(String key) {
        return key.startsWith(DeadLetterHeaders.PREFIX) || key.startsWith(DeadLetterHeaders.SPRING_PREFIX)
            || key.equals(DeadLetterHeaders.RAW_VALUE) || key.startsWith("springDeserializerException");
    }

    /**
     * The record that puts the original back on its topic: same key, value bytes and event headers
     * ({@code ce_id} included, so an idempotent consumer that did handle it will skip it), no
     * dead-letter headers, on the original partition when it is known (Kafka partitions are never
     * removed, so it still exists), which keeps the record's order relative to its key's other records
     * as close as a replay can; otherwise the producer's partitioner decides.
     *
     * @return a record to send with byte-array serializers
     */
    public ProducerRecord<byte[], byte[]> toReplayRecord() {
        return new ProducerRecord<>(originalTopic, originalPartition >= 0 ? originalPartition : null, null, key, value, originalHeaders);
    }

    /** The original key as UTF-8 text, or null. */
    public String keyAsString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The {@code ce_id} header of the original, when it has one. */
    public Optional<String> eventId() {
        return originalHeaders.stream().filter(h -> h.key().equals("ce_id") && h.value() != null).reduce((a, b) -> b)
            .map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    private static Optional<String> text(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? Optional.empty()
            : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Optional<byte[]> binary(ConsumerRecord<?, ?> record, String key, int length) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null || header.value().length != length ? Optional.empty()
            : Optional.of(header.value());
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
