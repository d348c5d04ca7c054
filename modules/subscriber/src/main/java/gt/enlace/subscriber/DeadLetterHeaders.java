package gt.enlace.subscriber;

import gt.enlace.bus.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead letter on {@code <topic>.dlt}. Keys are public API: never renamed.
 *
 * <p>A dead letter's value is the original record's bytes, exactly as consumed, and it keeps the
 * original headers ({@code ce_*} included), so {@link DeadLetter#toReplayRecord()} can put it back
 * unchanged. On top of them it carries Enlace's {@code enlace_dlt_*} headers, all UTF-8 strings so that
 * any Kafka tool shows them, and, from both the Spring and the plain-Java subscriber, Spring Kafka's
 * {@code kafka_dlt-*} headers ({@code kafka_dlt-original-partition} as a 4-byte and
 * {@code kafka_dlt-original-offset} as an 8-byte big-endian number, as Spring writes them).
 *
 * <table>
 *   <caption>Enlace's dead-letter headers</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@value #STAGE}</td><td>{@code deserialize}, {@code handle} or {@code verify}: see {@link DeadLetterStage}</td></tr>
 *   <tr><td>{@value #SIGNATURE_ERROR}</td><td>stage {@code verify} only: the {@code SIGNATURE_*} code, e.g. {@code SIGNATURE_BAD}</td></tr>
 *   <tr><td>{@value #REASON}</td><td>the exception's class and message, at most {@value #MAX_REASON_CHARS} characters</td></tr>
 *   <tr><td>{@value #EXCEPTION}</td><td>the class name of the innermost cause</td></tr>
 *   <tr><td>{@value #ORIGINAL_TOPIC}</td><td>the topic the record was consumed from</td></tr>
 *   <tr><td>{@value #ORIGINAL_PARTITION}</td><td>its partition, decimal</td></tr>
 *   <tr><td>{@value #ORIGINAL_OFFSET}</td><td>its offset, decimal</td></tr>
 *   <tr><td>{@value #GROUP}</td><td>the consumer group that gave up on it, when known</td></tr>
 * </table>
 */
public final class DeadLetterHeaders {

    /** Prefix of every Enlace dead-letter header. */
    public static final String PREFIX = "enlace_dlt_";
    /** {@code deserialize} or {@code handle}. */
    public static final String STAGE = "enlace_dlt_stage";
    /** Stage {@code verify} only: the stable code of the signature failure, e.g. {@code SIGNATURE_HEADER_TAMPERED}. */
    public static final String SIGNATURE_ERROR = "enlace_dlt_signature_error";
    /** Why: exception class and message. */
    public static final String REASON = "enlace_dlt_reason";
    /** Class name of the innermost cause. */
    public static final String EXCEPTION = "enlace_dlt_exception";
    /** Topic of the original record. */
    public static final String ORIGINAL_TOPIC = "enlace_dlt_original_topic";
    /** Partition of the original record, decimal. */
    public static final String ORIGINAL_PARTITION = "enlace_dlt_original_partition";
    /** Offset of the original record, decimal. */
    public static final String ORIGINAL_OFFSET = "enlace_dlt_original_offset";
    /** Consumer group that dead-lettered the record. */
    public static final String GROUP = "enlace_dlt_group";

    /** Prefix of Spring Kafka's dead-letter headers. */
    public static final String SPRING_PREFIX = "kafka_dlt-";
    /** Spring Kafka's original-topic header (UTF-8). */
    public static final String SPRING_ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    /** Spring Kafka's original-partition header (4-byte big-endian int). */
    public static final String SPRING_ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    /** Spring Kafka's original-offset header (8-byte big-endian long). */
    public static final String SPRING_ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    /** Spring Kafka's original-timestamp header (8-byte big-endian long). */
    public static final String SPRING_ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    /** Spring Kafka's consumer-group header (UTF-8). */
    public static final String SPRING_ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    /** Spring Kafka's exception class header (UTF-8). */
    public static final String SPRING_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    /** Spring Kafka's exception message header (UTF-8). */
    public static final String SPRING_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    /**
     * Set by the Spring auto-configuration's value deserializer on every consumed record: the record's
     * original bytes, so that a record whose handler fails can be dead-lettered byte for byte. It is
     * removed from the dead letter; a listener that forwards the headers it receives should drop it.
     */
    public static final String RAW_VALUE = "enlace_raw_value";

    /** Longest {@link #REASON}. */
    public static final int MAX_REASON_CHARS = 2000;

    private DeadLetterHeaders() {
    }

    /**
     * The dead-letter topic of a topic: {@code <topic>.dlt}. Unlike
     * {@link Topics#deadLetterTopic(String)} it accepts any topic name, so that test and legacy topics
     * get dead letters too.
     *
     * @param topic the topic a record was consumed from
     * @return {@code topic + ".dlt"}
     */
    public static String deadLetterTopic(String topic) {
        Objects.requireNonNull(topic, "'topic' cannot be null");
        return topic + Topics.DEAD_LETTER_SUFFIX;
    }

    /**
     * Enlace's headers for a record that failed.
     *
     * @param record  the original record
     * @param failure what was caught
     * @param group   the consumer group, or null
     * @return new headers: stage, reason, exception, original topic/partition/offset and group
     */
    public static Headers describe(ConsumerRecord<?, ?> record, Throwable failure, String group) {
        Objects.requireNonNull(record, "'record' cannot be null");
        Objects.requireNonNull(failure, "'failure' cannot be null");
        Headers headers = new RecordHeaders();
        put(headers, STAGE, DeadLetterStage.of(failure).code());
        put(headers, REASON, reason(failure));
        gt.enlace.bus.signing.SignatureVerificationException signature = DeadLetterStage.signatureFailure(failure);
        if (signature != null) {
            put(headers, SIGNATURE_ERROR, signature.error().code());
        }
        put(headers, EXCEPTION, innermost(failure).getClass().getName());
        put(headers, ORIGINAL_TOPIC, record.topic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        if (group != null) {
            put(headers, GROUP, group);
        }
        return headers;
    }

    /**
     * Spring Kafka's main {@code kafka_dlt-*} headers, for dead letters written without Spring, so that
     * Spring tools read both alike.
     *
     * @param record  the original record
     * @param failure what was caught
     * @param group   the consumer group, or null
     * @return new headers
     */
    public static Headers springCompatible(ConsumerRecord<?, ?> record, Throwable failure, String group) {
        Headers headers = new RecordHeaders();
        put(headers, SPRING_ORIGINAL_TOPIC, record.topic());
        headers.add(SPRING_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(SPRING_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(SPRING_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        if (group != null) {
            put(headers, SPRING_ORIGINAL_CONSUMER_GROUP, group);
        }
        put(headers, SPRING_EXCEPTION_FQCN, failure.getClass().getName());
        String message = innermost(failure).getMessage();
        if (message != null) {
            put(headers, SPRING_EXCEPTION_MESSAGE, truncate(message));
        }
        return headers;
    }

    /**
     * A one-line reason: the innermost cause's simple class name and message, truncated to
     * {@value #MAX_REASON_CHARS} characters.
     *
     * @param failure what was caught
     * @return e.g. {@code SerializationException: Unknown magic byte 0x7b ...}
     */
    public static String reason(Throwable failure) {
        Throwable cause = innermost(failure);
        String message = cause.getMessage();
        return truncate(cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s+", " ")));
    }

    /** The deepest cause in the chain; wrappers such as ListenerExecutionFailedException say little. */
    static Throwable innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String truncate(String s) {
        return s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS - 1) + "…";
    }

    private static void put(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
