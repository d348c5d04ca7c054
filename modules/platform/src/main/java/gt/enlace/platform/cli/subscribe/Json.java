package gt.enlace.platform.cli.subscribe;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Minimal JSON writing for the tail and dead-letter commands: strings escaped per RFC 8259, and Avro
 * generic data as people read it: records as objects, unions unwrapped, enums as their symbol,
 * logical types as ISO text ({@code date} → {@code 2025-03-01}, {@code timestamp-millis} →
 * {@code 2025-03-01T06:00:00Z}, {@code decimal} → a JSON number), bytes as base64.
 */
final class Json {

    private Json() {
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** An Avro datum read with {@code GenericData} (no logical-type conversions) as readable JSON. */
    static String avro(Object datum, Schema schema) {
        StringBuilder b = new StringBuilder();
        write(b, datum, schema);
        return b.toString();
    }

    private static void write(StringBuilder b, Object datum, Schema schema) {
        if (datum == null) {
            b.append("null");
            return;
        }
        switch (schema.getType()) {
            case UNION -> write(b, datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)));
            case RECORD -> {
                GenericRecord record = (GenericRecord) datum;
                b.append('{');
                boolean first = true;
                for (Schema.Field field : record.getSchema().getFields()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    b.append(quote(field.name())).append(':');
                    write(b, record.get(field.pos()), field.schema());
                }
                b.append('}');
            }
            case ARRAY -> {
                b.append('[');
                boolean first = true;
                for (Object item : (Collection<?>) datum) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(b, item, schema.getElementType());
                }
                b.append(']');
            }
            case MAP -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    b.append(quote(String.valueOf(e.getKey()))).append(':');
                    write(b, e.getValue(), schema.getValueType());
                }
                b.append('}');
            }
            case ENUM -> b.append(quote(datum instanceof GenericEnumSymbol<?> s ? s.toString() : datum.toString()));
            case STRING -> b.append(quote(datum.toString()));
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    b.append(new BigDecimal(new BigInteger(bytes), decimal.getScale()).toPlainString());
                } else {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    b.append(quote(Base64.getEncoder().encodeToString(bytes)));
                }
            }
            case FIXED -> b.append(quote(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes())));
            case INT -> {
                LogicalType logical = schema.getLogicalType();
                int v = (Integer) datum;
                if (logical instanceof LogicalTypes.Date) {
                    b.append(quote(LocalDate.ofEpochDay(v).toString()));
                } else if (logical instanceof LogicalTypes.TimeMillis) {
                    b.append(quote(LocalTime.ofNanoOfDay(TimeUnit.MILLISECONDS.toNanos(v)).toString()));
                } else {
                    b.append(v);
                }
            }
            case LONG -> {
                LogicalType logical = schema.getLogicalType();
                long v = (Long) datum;
                if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
                    b.append(quote(Instant.ofEpochMilli(v).toString()));
                } else if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros) {
                    b.append(quote(Instant.EPOCH.plus(v, java.time.temporal.ChronoUnit.MICROS).toString()));
                } else if (logical instanceof LogicalTypes.TimeMicros) {
                    b.append(quote(LocalTime.ofNanoOfDay(TimeUnit.MICROSECONDS.toNanos(v)).toString()));
                } else {
                    b.append(v);
                }
            }
            case FLOAT, DOUBLE -> {
                double d = ((Number) datum).doubleValue();
                b.append(Double.isFinite(d) ? datum.toString() : quote(datum.toString()));
            }
            case BOOLEAN -> b.append(datum);
            case NULL -> b.append("null");
            default -> b.append(quote(datum.toString()));
        }
    }
}
