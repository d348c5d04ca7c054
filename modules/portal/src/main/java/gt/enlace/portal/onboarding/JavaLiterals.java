package gt.enlace.portal.onboarding;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Writes an Avro value as the Java expression that builds it with the generated classes
 * ({@code BirthRegistered.newBuilder().setChildCui("…")….build()}), guided by the runtime class of each value, which
 * is what the generated classes hold (java.time for dates, BigDecimal for decimals, ...).
 */
final class JavaLiterals {

    private JavaLiterals() {
    }

    /** The expression of {@code value} of {@code schema}, continuation lines indented by {@code indent}. */
    static String expression(Object value, Schema schema, String indent) {
        if (value == null) {
            return "null";
        }
        if (schema.getType() == Schema.Type.UNION) {
            return expression(value, branch(value, schema), indent);
        }
        return switch (schema.getType()) {
            case RECORD -> record((IndexedRecord) value, indent);
            case ENUM -> schema.getFullName() + "." + value;
            case ARRAY -> list((List<?>) value, schema.getElementType(), indent);
            case MAP -> map((Map<?, ?>) value, schema.getValueType(), indent);
            case STRING -> value instanceof java.util.UUID id ? "java.util.UUID.fromString(\"" + id + "\")"
                    : quote(value.toString());
            case INT -> scalar(value);
            case LONG -> value instanceof Long l ? l + "L" : scalar(value);
            case FLOAT -> value + "f";
            case DOUBLE -> value + "d";
            case BOOLEAN -> value.toString();
            case BYTES, FIXED -> value instanceof BigDecimal d ? "new java.math.BigDecimal(\"" + d.toPlainString() + "\")"
                    : bytes(value);
            case NULL -> "null";
            default -> throw new IllegalArgumentException("no Java literal for Avro " + schema.getType());
        };
    }

    private static String scalar(Object value) {
        if (value instanceof LocalDate d) {
            return "java.time.LocalDate.parse(\"" + d + "\")";
        }
        if (value instanceof LocalTime t) {
            return "java.time.LocalTime.parse(\"" + t + "\")";
        }
        if (value instanceof Instant i) {
            return "java.time.Instant.parse(\"" + i + "\")";
        }
        if (value instanceof LocalDateTime t) {
            return "java.time.LocalDateTime.parse(\"" + t + "\")";
        }
        return value.toString();
    }

    private static String bytes(Object value) {
        byte[] raw;
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            raw = new byte[copy.remaining()];
            copy.get(raw);
        } else if (value instanceof org.apache.avro.generic.GenericFixed fixed) {
            return "new " + fixed.getSchema().getFullName() + "(java.util.Base64.getDecoder().decode(\""
                    + Base64.getEncoder().encodeToString(fixed.bytes()) + "\"))";
        } else {
            raw = (byte[]) value;
        }
        return "java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(\""
                + Base64.getEncoder().encodeToString(raw) + "\"))";
    }

    private static String record(IndexedRecord record, String indent) {
        Schema schema = record.getSchema();
        String inner = indent + "        ";
        StringBuilder out = new StringBuilder(schema.getFullName()).append(".newBuilder()");
        for (Schema.Field field : schema.getFields()) {
            Object value = record.get(field.pos());
            if (value == null) {
                continue;
            }
            out.append('\n').append(inner).append(".set").append(setterName(field.name())).append('(')
                    .append(expression(value, field.schema(), inner)).append(')');
        }
        return out.append('\n').append(inner).append(".build()").toString();
    }

    private static String list(List<?> values, Schema element, String indent) {
        if (values.isEmpty()) {
            return "java.util.List.of()";
        }
        String inner = indent + "        ";
        StringBuilder out = new StringBuilder("java.util.List.of(");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ",").append('\n').append(inner).append(expression(values.get(i), element, inner));
        }
        return out.append(')').toString();
    }

    private static String map(Map<?, ?> values, Schema valueSchema, String indent) {
        if (values.isEmpty()) {
            return "java.util.Map.of()";
        }
        String inner = indent + "        ";
        StringBuilder out = new StringBuilder("java.util.Map.ofEntries(");
        boolean first = true;
        for (Map.Entry<?, ?> e : values.entrySet()) {
            out.append(first ? "" : ",").append('\n').append(inner).append("java.util.Map.entry(")
                    .append(quote(e.getKey().toString())).append(", ")
                    .append(expression(e.getValue(), valueSchema, inner)).append(')');
            first = false;
        }
        return out.append(')').toString();
    }

    /** The branch of a union a value belongs to (the first non-null branch SpecificData resolves). */
    private static Schema branch(Object value, Schema union) {
        int index = SpecificData.get().resolveUnion(union, value);
        return union.getTypes().get(index);
    }

    /** Avro's specific compiler: setFoo for field foo (capitalised first letter; underscores kept). */
    static String setterName(String field) {
        StringBuilder name = new StringBuilder();
        boolean upper = true;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                upper = true;
                continue;
            }
            name.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return name.toString();
    }

    /** A Java string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

}
