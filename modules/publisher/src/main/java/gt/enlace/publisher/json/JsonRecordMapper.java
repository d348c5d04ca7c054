package gt.enlace.publisher.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import gt.enlace.publisher.validation.JsonPath;
import gt.enlace.publisher.validation.RecordValidator;
import gt.enlace.publisher.validation.Violation;
import gt.enlace.publisher.validation.ViolationCodes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps plain JSON onto a topic's Avro schema: the JSON people write, not Avro's JSON encoding.
 *
 * <ul>
 *   <li>unions without wrappers: {@code "fatherCui": null} or {@code "fatherCui": "1580352240101"};
 *       a missing field takes the schema's default (a nullable field defaults to null);</li>
 *   <li>enums by symbol ({@code "FEMALE"}); dates as {@code yyyy-MM-dd}; times as {@code HH:mm[:ss[.SSS]]};
 *       timestamps as ISO-8601 with an offset ({@code 2026-11-20T14:35:00-06:00} or {@code ...Z}) or epoch
 *       milliseconds; decimals as JSON numbers or strings ({@code 4250.5} or {@code "4250.50"}) with no more
 *       decimals than the schema's scale; bytes as base64;</li>
 *   <li>nested records as objects, arrays as arrays, maps as objects; fields the schema does not have are
 *       {@link ViolationCodes#UNKNOWN_FIELD} violations rather than silently dropped.</li>
 * </ul>
 *
 * <p>In {@linkplain #lenientText() text mode}, used by the CSV bridge, every scalar may also arrive as a string:
 * {@code "12"} for an int, {@code ""} for a missing value, dates also as {@code dd/mm/yyyy}, timestamps without an
 * offset are Guatemala time (UTC-6), enum symbols are case-insensitive, booleans also {@code si/sí/no/1/0} and
 * decimals may use a decimal comma ({@code 4250,50}).
 *
 * <p>The result is a {@link SpecificRecord} of the generated class when it is on the classpath, else a
 * {@link GenericData.Record}; logical types are Java values ({@link LocalDate}, {@link Instant},
 * {@link BigDecimal}). Every problem is collected as a {@link Violation} with its JSON path ({@code $.childName.givenNames});
 * mapping never throws for bad input. Thread-safe.
 */
public final class JsonRecordMapper {

    /** Default for {@link #maxTextChars()}: text characters in one event, about Kafka's 1 MB record limit. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 900_000;

    /** Guatemala's offset, used for timestamps without one in text mode; the country has no daylight saving. */
    public static final ZoneOffset GUATEMALA = ZoneOffset.ofHours(-6);

    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY_FIRST_TIME = DateTimeFormatter.ofPattern("d/M/uuuu H:mm[:ss]")
        .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern LOCAL_ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Set<String> TRUE = Set.of("true", "si", "sí", "yes", "1", "verdadero", "x");
    private static final Set<String> FALSE = Set.of("false", "no", "0", "falso");

    private final boolean text;
    private final int maxTextChars;

    private JsonRecordMapper(boolean text, int maxTextChars) {
        this.text = text;
        this.maxTextChars = maxTextChars;
    }

    /** A mapper for JSON as clients send it, with {@link #DEFAULT_MAX_TEXT_CHARS}. */
    public static JsonRecordMapper strict() {
        return new JsonRecordMapper(false, DEFAULT_MAX_TEXT_CHARS);
    }

    /** A mapper for values that arrive as text (CSV cells), with the lenient rules described above. */
    public static JsonRecordMapper lenientText() {
        return new JsonRecordMapper(true, DEFAULT_MAX_TEXT_CHARS);
    }

    /** The same mapper with another limit on the characters of text in one event. */
    public JsonRecordMapper withMaxTextChars(int maxTextChars) {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("'maxTextChars' must be positive, got " + maxTextChars);
        }
        return new JsonRecordMapper(text, maxTextChars);
    }

    /** The largest number of text characters one event may carry; more is a {@link ViolationCodes#TOO_LARGE}. */
    public int maxTextChars() {
        return maxTextChars;
    }

    /** Whether this is the {@linkplain #lenientText() text mode} mapper. */
    boolean textMode() {
        return text;
    }

    /**
     * Compiles a mapper for rows of text cells (a CSV file's rows), bound once to their columns: see {@link TextRowMapper}.
     *
     * @param schema       the topic's record schema
     * @param pathByColumn per column, the dotted path of the leaf field it fills ({@code childName.givenNames}), or null
     *                     for a column that fills nothing
     * @throws IllegalStateException    when this is not the {@linkplain #lenientText() text mode} mapper
     * @throws IllegalArgumentException when a path is not a leaf field of the schema
     */
    public TextRowMapper textRows(Schema schema, List<String> pathByColumn) {
        return new TextRowMapper(this, schema, pathByColumn);
    }

    /**
     * Maps one JSON value (an object) onto a record schema.
     *
     * @param json   the event, e.g. an element of the gateway's request body
     * @param schema the topic's record schema
     * @return the record, or the violations
     */
    public Result map(JsonNode json, Schema schema) {
        Objects.requireNonNull(schema, "'schema' cannot be null");
        Context context = new Context();
        Object value = json == null || json.isMissingNode() || json.isNull()
            ? context.fail("$", ViolationCodes.REQUIRED, "the event is null; expected " + RecordValidator.describe(schema))
            : value(json, schema, JsonPath.ROOT, context);
        return result(value, context);
    }

    /** The result of a mapping that produced {@code value}: adds the event-size check last. */
    Result result(Object value, Context context) {
        if (context.textChars > maxTextChars) {
            context.violations.add(new Violation("$", ViolationCodes.TOO_LARGE, "the event carries " + context.textChars
                + " characters of text; the limit is " + maxTextChars));
        }
        if (!context.violations.isEmpty()) {
            return new Result(null, context.violations);
        }
        return new Result((IndexedRecord) value, List.of());
    }

    /**
     * The outcome of {@link #map}: a record, or the reasons there is none.
     *
     * @param record     the mapped record; null when there are violations
     * @param violations every problem found, each with its JSON path; empty on success
     */
    public record Result(IndexedRecord record, List<Violation> violations) {

        public Result {
            violations = List.copyOf(violations);
        }

        /** Whether the JSON mapped to a record. */
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    /** What one mapping collects: its violations and how many characters of text it carries. */
    static final class Context {
        final List<Violation> violations = new ArrayList<>();
        long textChars;

        Object fail(Object path, String code, String message) {
            violations.add(new Violation(path.toString(), code, message));
            return null;
        }
    }

    /** Maps one JSON value onto a schema at {@code path}, collecting problems in {@code ctx}; the heart of {@link #map}. */
    Object value(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        if (schema.getType() == Schema.Type.UNION) {
            return union(node, schema, path, ctx);
        }
        if (isAbsent(node)) {
            return schema.getType() == Schema.Type.NULL ? null
                : ctx.fail(path, ViolationCodes.REQUIRED, "a value is required: " + RecordValidator.describe(schema));
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            Object converted = logical(node, schema, logical, path, ctx);
            if (converted != NOT_LOGICAL) {
                return converted;
            }
        }
        return switch (schema.getType()) {
            case RECORD -> record(node, schema, path, ctx);
            case ENUM -> enumSymbol(node, schema, path, ctx);
            case ARRAY -> array(node, schema, path, ctx);
            case MAP -> map(node, schema, path, ctx);
            case STRING -> string(node, schema, path, ctx);
            case BYTES -> bytes(node, schema, path, ctx, -1);
            case FIXED -> bytes(node, schema, path, ctx, schema.getFixedSize());
            case INT -> integer(node, schema, path, ctx, true);
            case LONG -> integer(node, schema, path, ctx, false);
            case FLOAT, DOUBLE -> floating(node, schema, path, ctx);
            case BOOLEAN -> bool(node, schema, path, ctx);
            case NULL -> wrongType(node, schema, path, ctx);
            case UNION -> throw new AssertionError("handled above");
        };
    }

    private boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || text && node.isTextual() && node.asText().isBlank();
    }

    private Object union(JsonNode node, Schema union, JsonPath path, Context ctx) {
        if (isAbsent(node)) {
            if (RecordValidator.nullable(union)) {
                return null;
            }
            return ctx.fail(path, ViolationCodes.REQUIRED, "a value is required: " + RecordValidator.describe(union));
        }
        List<Schema> types = union.getTypes();
        if (types.size() == 2 && (types.get(0).getType() == Schema.Type.NULL || types.get(1).getType() == Schema.Type.NULL)) {
            return value(node, types.get(0).getType() == Schema.Type.NULL ? types.get(1) : types.get(0), path, ctx);
        }
        List<Schema> branches = types.stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        if (branches.size() == 1) {
            return value(node, branches.get(0), path, ctx);
        }
        for (Schema branch : branches) {
            Context trial = new Context();
            Object value = value(node, branch, path, trial);
            if (trial.violations.isEmpty()) {
                ctx.textChars += trial.textChars;
                return value;
            }
        }
        return ctx.fail(path, ViolationCodes.UNION_NO_MATCH, "the value fits none of: " + RecordValidator.describe(union));
    }

    private Object record(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        if (!node.isObject()) {
            return wrongType(node, schema, path, ctx);
        }
        IndexedRecord record = newRecord(schema);
        int before = ctx.violations.size();
        for (Schema.Field field : schema.getFields()) {
            JsonPath fieldPath = path.field(field.name());
            JsonNode child = node.get(field.name());
            Object value;
            int fieldBefore = ctx.violations.size();
            boolean missing = child == null || child.isMissingNode() || text && child.isTextual() && child.asText().isBlank();
            if (missing && field.hasDefaultValue()) {
                value = SpecificData.get().getDefaultValue(field);
            } else {
                value = value(child, field.schema(), fieldPath, ctx);
            }
            // A field in error is left unset: the record is dropped, and a generated class cannot hold null in an int.
            if (ctx.violations.size() == fieldBefore) {
                record.put(field.pos(), value);
            }
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (schema.getField(name) == null) {
                ctx.fail(path.field(name), ViolationCodes.UNKNOWN_FIELD, schema.getName() + " has no field '" + name
                    + "'; its fields are " + schema.getFields().stream().map(Schema.Field::name).toList());
            }
        }
        return ctx.violations.size() > before ? null : record;
    }

    static IndexedRecord newRecord(Schema schema) {
        Class<?> generated = SpecificData.get().getClass(schema);
        if (generated != null && SpecificRecord.class.isAssignableFrom(generated)) {
            return (IndexedRecord) SpecificData.newInstance(generated, schema);
        }
        return new GenericData.Record(schema);
    }

    private Object enumSymbol(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        if (!node.isTextual()) {
            return wrongType(node, schema, path, ctx);
        }
        String symbol = node.asText();
        if (!schema.hasEnumSymbol(symbol) && text) {
            String wanted = fold(symbol);
            symbol = schema.getEnumSymbols().stream().filter(s -> fold(s).equals(wanted)).findFirst().orElse(symbol);
        }
        if (!schema.hasEnumSymbol(symbol)) {
            return ctx.fail(path, ViolationCodes.INVALID_ENUM, "'" + abbreviate(node.asText()) + "' is not one of "
                + schema.getEnumSymbols());
        }
        return SpecificData.get().createEnum(symbol, schema);
    }

    private Object array(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        JsonNode parsed = text && node.isTextual() ? JsonText.parseOrNull(node.asText()) : node;
        if (parsed == null || !parsed.isArray()) {
            return wrongType(node, schema, path, ctx);
        }
        List<Object> list = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            list.add(value(parsed.get(i), schema.getElementType(), path.index(i), ctx));
        }
        return list;
    }

    private Object map(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        JsonNode parsed = text && node.isTextual() ? JsonText.parseOrNull(node.asText()) : node;
        if (parsed == null || !parsed.isObject()) {
            return wrongType(node, schema, path, ctx);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ctx.textChars += e.getKey().length();
            map.put(e.getKey(), value(e.getValue(), schema.getValueType(), path.key(e.getKey()), ctx));
        }
        return map;
    }

    private Object string(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        if (!node.isTextual()) {
            return wrongType(node, schema, path, ctx);
        }
        String value = node.asText();
        ctx.textChars += value.length();
        return value;
    }

    private Object bytes(JsonNode node, Schema schema, JsonPath path, Context ctx, int fixedSize) {
        if (!node.isTextual()) {
            return wrongType(node, schema, path, ctx);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            return ctx.fail(path, ViolationCodes.WRONG_TYPE, "expected base64 bytes: " + e.getMessage());
        }
        ctx.textChars += node.asText().length();
        if (fixedSize >= 0) {
            if (bytes.length != fixedSize) {
                return ctx.fail(path, ViolationCodes.WRONG_TYPE, "expected exactly " + fixedSize + " bytes, got " + bytes.length);
            }
            return new GenericData.Fixed(schema, bytes);
        }
        return ByteBuffer.wrap(bytes);
    }

    private Object integer(JsonNode node, Schema schema, JsonPath path, Context ctx, boolean isInt) {
        BigDecimal number = number(node);
        if (number == null) {
            return notANumber(node, schema, path, ctx);
        }
        BigInteger exact;
        try {
            exact = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            return ctx.fail(path, ViolationCodes.INVALID_NUMBER, number.toPlainString() + " is not a whole number");
        }
        try {
            return isInt ? (Object) exact.intValueExact() : (Object) exact.longValueExact();
        } catch (ArithmeticException e) {
            return ctx.fail(path, ViolationCodes.INVALID_NUMBER, abbreviate(exact.toString()) + " does not fit "
                + RecordValidator.describe(schema));
        }
    }

    private Object floating(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        BigDecimal number = number(node);
        if (number == null) {
            return notANumber(node, schema, path, ctx);
        }
        return schema.getType() == Schema.Type.FLOAT ? (Object) number.floatValue() : (Object) number.doubleValue();
    }

    private Object notANumber(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        if (text && node.isTextual()) {
            return ctx.fail(path, ViolationCodes.INVALID_NUMBER, "'" + abbreviate(node.asText()) + "' is not a number: expected "
                + RecordValidator.describe(schema));
        }
        return wrongType(node, schema, path, ctx);
    }

    private Object bool(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (text && node.isTextual()) {
            String value = node.asText().trim().toLowerCase(Locale.ROOT);
            if (TRUE.contains(value)) {
                return true;
            }
            if (FALSE.contains(value)) {
                return false;
            }
        }
        return wrongType(node, schema, path, ctx);
    }

    /** A JSON number, or in text mode a numeric string; null otherwise. */
    private BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (text && node.isTextual()) {
            String value = node.asText().trim();
            if (value.contains(",")) {
                // Spanish spreadsheets write 4250,50; with both separators the comma groups thousands.
                value = value.contains(".") ? value.replace(",", "") : value.replace(',', '.');
            }
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static final Object NOT_LOGICAL = new Object();

    private Object logical(JsonNode node, Schema schema, LogicalType logical, JsonPath path, Context ctx) {
        if (logical instanceof LogicalTypes.Date) {
            if (!node.isTextual()) {
                return ctx.fail(path, ViolationCodes.INVALID_DATE, "expected a date as a string, yyyy-MM-dd"
                    + (text ? " or dd/mm/yyyy" : "") + ", e.g. \"2026-11-20\"");
            }
            String value = node.asText().trim();
            LocalDate fast = IsoTimes.date(value);
            if (fast != null) {
                return fast;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                if (text) {
                    try {
                        return LocalDate.parse(value, DAY_FIRST);
                    } catch (DateTimeParseException ignored) {
                        // reported below
                    }
                }
                return ctx.fail(path, ViolationCodes.INVALID_DATE, "'" + abbreviate(value) + "' is not a date: expected yyyy-MM-dd"
                    + (text ? " or dd/mm/yyyy" : "") + ", e.g. 2026-11-20");
            }
        }
        if (logical instanceof LogicalTypes.TimeMillis || logical instanceof LogicalTypes.TimeMicros) {
            if (!node.isTextual()) {
                return ctx.fail(path, ViolationCodes.INVALID_TIME, "expected a time of day as a string, HH:mm or HH:mm:ss");
            }
            LocalTime fast = IsoTimes.time(node.asText().trim());
            if (fast != null) {
                return fast;
            }
            try {
                return LocalTime.parse(node.asText().trim());
            } catch (DateTimeParseException e) {
                return ctx.fail(path, ViolationCodes.INVALID_TIME, "'" + abbreviate(node.asText()) + "' is not a time of day: expected HH:mm or HH:mm:ss, e.g. 14:35");
            }
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return logical instanceof LogicalTypes.TimestampMillis ? Instant.ofEpochMilli(node.longValue())
                    : Instant.EPOCH.plusNanos(Math.multiplyExact(node.longValue(), 1000L));
            }
            if (!node.isTextual()) {
                return ctx.fail(path, ViolationCodes.INVALID_TIMESTAMP, "expected a timestamp: ISO-8601 with offset, e.g. \"2026-11-20T14:35:00-06:00\", or epoch milliseconds");
            }
            String value = node.asText().trim();
            Instant fast = IsoTimes.offsetDateTime(value);
            if (fast != null) {
                return fast;
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                if (text) {
                    try {
                        if (LOCAL_ISO.matcher(value).matches()) {
                            return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(GUATEMALA);
                        }
                        if (value.contains("/")) {
                            return value.contains(":") ? LocalDateTime.parse(value, DAY_FIRST_TIME).toInstant(GUATEMALA)
                                : LocalDate.parse(value, DAY_FIRST).atStartOfDay().toInstant(GUATEMALA);
                        }
                    } catch (DateTimeException ignored) {
                        // reported below
                    }
                }
                return ctx.fail(path, ViolationCodes.INVALID_TIMESTAMP, "'" + abbreviate(value) + "' is not a timestamp: expected ISO-8601 with an offset, e.g. 2026-11-20T14:35:00-06:00"
                    + (text ? ", or dd/mm/yyyy HH:mm in Guatemala time" : ""));
            }
        }
        if (logical instanceof LogicalTypes.Decimal decimal) {
            BigDecimal number = number(node);
            if (number == null && node.isTextual()) {
                try {
                    number = new BigDecimal(node.asText().trim());
                } catch (NumberFormatException e) {
                    number = null;
                }
            }
            if (number == null) {
                return ctx.fail(path, ViolationCodes.INVALID_NUMBER, "expected a decimal number (a JSON number or a string like \"4250.50\")");
            }
            number = number.stripTrailingZeros();
            if (number.scale() > decimal.getScale()) {
                return ctx.fail(path, ViolationCodes.DECIMAL_SCALE, number.toPlainString() + " has more than "
                    + decimal.getScale() + " decimals");
            }
            BigDecimal scaled = number.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
            if (scaled.precision() > decimal.getPrecision()) {
                return ctx.fail(path, ViolationCodes.DECIMAL_SCALE, scaled.toPlainString() + " has more than "
                    + decimal.getPrecision() + " digits");
            }
            return scaled;
        }
        return NOT_LOGICAL;
    }

    private Object wrongType(JsonNode node, Schema schema, JsonPath path, Context ctx) {
        return ctx.fail(path, ViolationCodes.WRONG_TYPE, "expected " + RecordValidator.describe(schema) + " but got "
            + describe(node));
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case STRING -> "the string \"" + abbreviate(node.asText()) + "\"";
            case NUMBER -> "the number " + abbreviate(node.asText());
            case BOOLEAN -> node.asText();
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }

    /** Upper case without accents, spaces, hyphens or underscores: {@code "Hospital público"} → {@code HOSPITALPUBLICO}. */
    static String fold(String value) {
        return TextKeys.fold(value).toUpperCase(Locale.ROOT);
    }
}
