package gt.enlace.platform.cli.subscribe;

import gt.enlace.subscriber.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** How {@code enlace tail} prints a record: {@code json}, {@code avro-json} or {@code table}. */
public enum RecordFormat {

    /** One JSON object per line: coordinates, key, headers and the value as readable JSON. */
    JSON,
    /** Like {@link #JSON}, with the value in Avro's own JSON encoding (unions wrapped in their branch type). */
    AVRO_JSON,
    /** One aligned line per record: partition, offset, time, event id, source and value type. */
    TABLE;

    private static final String TABLE_FORMAT = "%-9s %-10s %-24s %-36s %-24s %s%n";

    /**
     * Parses the option value.
     *
     * @param value {@code json}, {@code avro-json} or {@code table}, any case
     * @return the format
     */
    public static RecordFormat parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "avro-json" -> AVRO_JSON;
            case "table" -> TABLE;
            default -> throw new IllegalArgumentException("expected json, avro-json or table, got '" + value + "'");
        };
    }

    /** The heading line, or null. */
    String heading() {
        return this == TABLE ? String.format(TABLE_FORMAT, "PARTITION", "OFFSET", "TIMESTAMP", "CE_ID", "CE_SOURCE", "VALUE") : null;
    }

    /**
     * @param record the record as bytes
     * @param value  its value decoded as Avro generic data (null for a null value)
     * @return the text to print, ending with a newline
     */
    String format(ConsumerRecord<byte[], byte[]> record, Object value) {
        if (this == TABLE) {
            String type = value instanceof GenericContainer c ? c.getSchema().getName() : value == null ? "null" : value.getClass().getSimpleName();
            return String.format(TABLE_FORMAT, record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                header(record, "ce_id"), header(record, "ce_source"), type);
        }
        StringBuilder b = envelope(record);
        b.append(",\"schema\":").append(value instanceof GenericContainer c ? Json.quote(c.getSchema().getFullName()) : "null");
        b.append(",\"value\":");
        if (value == null) {
            b.append("null");
        } else {
            Schema schema = value instanceof GenericContainer c ? c.getSchema() : GenericData.get().induce(value);
            b.append(this == AVRO_JSON ? avroJson(value, schema) : Json.avro(value, schema));
        }
        return b.append("}\n").toString();
    }

    /** The JSON envelope of a record without closing brace: topic, partition, offset, timestamp, key, headers. */
    static StringBuilder envelope(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder b = new StringBuilder(512);
        b.append("{\"topic\":").append(Json.quote(record.topic()))
            .append(",\"partition\":").append(record.partition())
            .append(",\"offset\":").append(record.offset())
            .append(",\"timestamp\":").append(Json.quote(Instant.ofEpochMilli(record.timestamp()).toString()))
            .append(",\"key\":").append(record.key() == null ? "null" : Json.quote(text(record.key())))
            .append(",\"headers\":{");
        boolean first = true;
        for (Header header : record.headers()) {
            if (header.key().equals(gt.enlace.subscriber.DeadLetterHeaders.RAW_VALUE)) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(Json.quote(header.key())).append(':').append(header.value() == null ? "null" : Json.quote(text(header.value())));
        }
        return b.append('}');
    }

    /** UTF-8 text, or {@code base64:...} for bytes that are not UTF-8 (Spring's binary dead-letter headers). */
    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null || h.value() == null ? "-" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String avroJson(Object value, Schema schema) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
            new GenericDatumWriter<Object>(schema).write(value, encoder);
            encoder.flush();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dead letter as one JSON line, for {@code enlace dlt list --as json}. */
    static String deadLetterJson(DeadLetter letter) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"dlt_partition\":").append(letter.partition())
            .append(",\"dlt_offset\":").append(letter.offset())
            .append(",\"dead_lettered_at\":").append(Json.quote(letter.deadLetteredAt().toString()))
            .append(",\"original_topic\":").append(Json.quote(letter.originalTopic()))
            .append(",\"original_partition\":").append(letter.originalPartition())
            .append(",\"original_offset\":").append(letter.originalOffset())
            .append(",\"stage\":").append(letter.stage().map(s -> Json.quote(s.code())).orElse("null"))
            .append(",\"reason\":").append(Json.quote(letter.reason()))
            .append(",\"group\":").append(Json.quote(letter.group()))
            .append(",\"ce_id\":").append(letter.eventId().map(Json::quote).orElse("null"))
            .append(",\"value_bytes\":").append(letter.value() == null ? 0 : letter.value().length)
            .append("}\n");
        return b.toString();
    }
}
