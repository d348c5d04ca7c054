package gt.enlace.portal.onboarding;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Writes an Avro value as a Python or JavaScript literal that Confluent's Avro serializers accept: Python's
 * (fastavro) takes {@code datetime.date}, {@code datetime.datetime}, {@code decimal.Decimal}; JavaScript's (avsc)
 * takes the underlying Avro values (days, epoch milliseconds, the decimal's unscaled bytes).
 */
final class ScriptLiterals {

    enum Language { PYTHON, JAVASCRIPT }

    private ScriptLiterals() {
    }

    static String literal(Language lang, Object value, Schema schema, String indent) {
        if (value == null) {
            return lang == Language.PYTHON ? "None" : "null";
        }
        if (schema.getType() == Schema.Type.UNION) {
            return literal(lang, value, schema.getTypes().get(SpecificData.get().resolveUnion(schema, value)), indent);
        }
        return switch (schema.getType()) {
            case RECORD -> record(lang, (IndexedRecord) value, indent);
            case ARRAY -> list(lang, (List<?>) value, schema.getElementType(), indent);
            case MAP -> map(lang, (Map<?, ?>) value, schema.getValueType(), indent);
            case ENUM -> JavaLiterals.quote(value.toString());
            case STRING -> JavaLiterals.quote(value.toString());
            case BOOLEAN -> lang == Language.PYTHON ? (Boolean.TRUE.equals(value) ? "True" : "False") : value.toString();
            case INT, LONG -> number(lang, value);
            case FLOAT, DOUBLE -> value.toString();
            case BYTES, FIXED -> bytes(lang, value, schema);
            case NULL, UNION -> lang == Language.PYTHON ? "None" : "null";
        };
    }

    private static String number(Language lang, Object value) {
        if (value instanceof LocalDate d) {
            return lang == Language.PYTHON
                    ? "datetime.date(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth() + ")"
                    : d.toEpochDay() + " /* " + d + " */";
        }
        if (value instanceof Instant i) {
            if (lang == Language.JAVASCRIPT) {
                return i.toEpochMilli() + " /* " + i + " */";
            }
            var t = i.atOffset(ZoneOffset.UTC);
            return "datetime.datetime(" + t.getYear() + ", " + t.getMonthValue() + ", " + t.getDayOfMonth() + ", "
                    + t.getHour() + ", " + t.getMinute() + ", " + t.getSecond() + ", tzinfo=datetime.timezone.utc)";
        }
        if (value instanceof LocalTime t) {
            return lang == Language.PYTHON
                    ? "datetime.time(" + t.getHour() + ", " + t.getMinute() + ", " + t.getSecond() + ")"
                    : (t.toSecondOfDay() * 1000L + t.getNano() / 1_000_000) + " /* " + t + " */";
        }
        return value.toString();
    }

    private static String bytes(Language lang, Object value, Schema schema) {
        if (value instanceof BigDecimal d) {
            if (lang == Language.PYTHON) {
                return "decimal.Decimal(\"" + d.toPlainString() + "\")";
            }
            ByteBuffer raw = new Conversions.DecimalConversion().toBytes(d, schema,
                    (LogicalTypes.Decimal) schema.getLogicalType());
            return hex(lang, raw) + " /* " + d.toPlainString() + " */";
        }
        if (value instanceof ByteBuffer buffer) {
            return hex(lang, buffer);
        }
        return hex(lang, ByteBuffer.wrap(((org.apache.avro.generic.GenericFixed) value).bytes()));
    }

    private static String hex(Language lang, ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] raw = new byte[copy.remaining()];
        copy.get(raw);
        String hex = HexFormat.of().formatHex(raw);
        return lang == Language.PYTHON ? "bytes.fromhex(\"" + hex + "\")" : "Buffer.from(\"" + hex + "\", \"hex\")";
    }

    private static String record(Language lang, IndexedRecord record, String indent) {
        String inner = indent + "    ";
        StringBuilder out = new StringBuilder("{");
        List<Schema.Field> fields = record.getSchema().getFields();
        for (int i = 0; i < fields.size(); i++) {
            Schema.Field field = fields.get(i);
            out.append('\n').append(inner).append(JavaLiterals.quote(field.name())).append(": ")
                    .append(literal(lang, record.get(field.pos()), field.schema(), inner))
                    .append(i == fields.size() - 1 ? "" : ",");
        }
        return out.append('\n').append(indent).append('}').toString();
    }

    private static String list(Language lang, List<?> values, Schema element, String indent) {
        String inner = indent + "    ";
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append('\n').append(inner).append(literal(lang, values.get(i), element, inner))
                    .append(i == values.size() - 1 ? "\n" + indent : ",");
        }
        return out.append(']').toString();
    }

    private static String map(Language lang, Map<?, ?> values, Schema valueSchema, String indent) {
        String inner = indent + "    ";
        StringBuilder out = new StringBuilder("{");
        int i = 0;
        for (Map.Entry<?, ?> e : values.entrySet()) {
            out.append('\n').append(inner).append(JavaLiterals.quote(e.getKey().toString())).append(": ")
                    .append(literal(lang, e.getValue(), valueSchema, inner))
                    .append(++i == values.size() ? "\n" + indent : ",");
        }
        return out.append('}').toString();
    }
}
