package gt.enlace.publisher.json;

import com.fasterxml.jackson.databind.node.TextNode;
import gt.enlace.publisher.validation.JsonPath;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps rows of text cells (a CSV file's rows) straight onto a record schema, without building JSON. It is compiled
 * once per file from the columns' field paths ({@link JsonRecordMapper#textRows}): each column is bound to its leaf
 * field, and each leaf gets a converter made from its schema (text, whole numbers, enum symbols, ISO and
 * {@code dd/mm/yyyy} dates, ISO timestamps and times, nullable unions).
 *
 * <p>A row maps to the same record, and to the same violations (paths, codes, messages, in the same order), as
 * {@link JsonRecordMapper#map} of the {@linkplain JsonRecordMapper#lenientText() text mode} mapper gives for the JSON
 * object that nests the row's non-blank cells, stripped, under their dotted paths: a blank cell is a missing value
 * (the field's default, else null for a nullable field, else {@code REQUIRED}), and a nested record whose cells are
 * all blank is missing too. The compiled converters only accept values that mapping accepts, as the same Java
 * values; anything else (a bad number, date or symbol, decimals, booleans, arrays, maps, unions of several types)
 * goes through that mapping itself, so its error messages remain the only ones.
 *
 * <p>Thread-safe: a compiled mapper holds no state between rows.
 */
public final class TextRowMapper {

    private final JsonRecordMapper mapper;
    private final RecordPlan root;

    TextRowMapper(JsonRecordMapper mapper, Schema schema, List<String> pathByColumn) {
        if (!mapper.textMode()) {
            throw new IllegalStateException("rows of text map only with JsonRecordMapper.lenientText()");
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("expected a record schema, got " + schema.getType());
        }
        this.mapper = mapper;
        Map<String, Integer> columnByPath = new HashMap<>();
        for (int i = 0; i < pathByColumn.size(); i++) {
            String path = pathByColumn.get(i);
            if (path != null && columnByPath.putIfAbsent(path, i) != null) {
                throw new IllegalArgumentException("two columns fill field " + path);
            }
        }
        Map<String, Integer> unbound = new HashMap<>(columnByPath);
        this.root = plan(schema, "", JsonPath.ROOT, columnByPath, unbound);
        if (!unbound.isEmpty()) {
            throw new IllegalArgumentException("not leaf fields of " + schema.getFullName() + ": " + unbound.keySet());
        }
    }

    /**
     * Maps one row.
     *
     * @param cells the row's cells in column order; cells past the bound columns are ignored, missing ones are blank
     * @return the record, or every violation with its JSON path ({@code $.childName.givenNames})
     */
    public JsonRecordMapper.Result map(List<String> cells) {
        JsonRecordMapper.Context context = new JsonRecordMapper.Context();
        Object record = record(root, cells, context);
        return mapper.result(record, context);
    }

    private Object record(RecordPlan plan, List<String> cells, JsonRecordMapper.Context ctx) {
        IndexedRecord record = plan.newRecord();
        int before = ctx.violations.size();
        for (FieldPlan field : plan.fields) {
            Object value;
            int fieldBefore = ctx.violations.size();
            if (field.nested != null) {
                if (anyValue(cells, field.nested.columns)) {
                    value = record(field.nested, cells, ctx);
                } else {
                    value = missing(field, ctx);
                }
            } else {
                String cell = field.column >= 0 && field.column < cells.size() ? cells.get(field.column) : null;
                if (cell == null || cell.isBlank()) {
                    value = missing(field, ctx);
                } else {
                    value = field.leaf.convert(cell.strip(), field.path, ctx);
                }
            }
            // A field in error is left unset: the record is dropped, and a generated class cannot hold null in an int.
            if (ctx.violations.size() == fieldBefore) {
                record.put(field.field.pos(), value);
            }
        }
        return ctx.violations.size() > before ? null : record;
    }

    private Object missing(FieldPlan field, JsonRecordMapper.Context ctx) {
        return field.field.hasDefaultValue() ? SpecificData.get().getDefaultValue(field.field)
            : mapper.value(null, field.field.schema(), field.path, ctx);
    }

    private static boolean anyValue(List<String> cells, int[] columns) {
        for (int column : columns) {
            if (column < cells.size() && !cells.get(column).isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** One record of the schema: how to make it and how to fill each of its fields. */
    private static final class RecordPlan {
        final Schema schema;
        final Class<?> generated;
        final List<FieldPlan> fields = new ArrayList<>();
        /** The columns of every leaf under this record. */
        int[] columns = new int[0];

        RecordPlan(Schema schema) {
            this.schema = schema;
            Class<?> type = SpecificData.get().getClass(schema);
            this.generated = type != null && SpecificRecord.class.isAssignableFrom(type) ? type : null;
        }

        IndexedRecord newRecord() {
            return generated != null ? (IndexedRecord) SpecificData.newInstance(generated, schema) : new GenericData.Record(schema);
        }
    }

    /** One field: a leaf filled from a column (or from none), or a nested record filled from the columns under it. */
    private record FieldPlan(Schema.Field field, JsonPath path, int column, Leaf leaf, RecordPlan nested) {
    }

    /** Converts one non-blank, stripped cell to a leaf's value, adding violations to the context. */
    @FunctionalInterface
    private interface Leaf {
        Object convert(String text, JsonPath path, JsonRecordMapper.Context ctx);
    }

    private RecordPlan plan(Schema schema, String prefix, JsonPath path, Map<String, Integer> columnByPath,
                            Map<String, Integer> unbound) {
        RecordPlan plan = new RecordPlan(schema);
        List<Integer> columns = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = prefix + field.name();
            JsonPath jsonPath = path.field(field.name());
            Integer column = columnByPath.get(fieldPath);
            Schema nestedRecord = nestedRecord(field.schema());
            if (column == null && nestedRecord != null && hasColumnUnder(columnByPath, fieldPath + ".")) {
                RecordPlan nested = plan(nestedRecord, fieldPath + ".", jsonPath, columnByPath, unbound);
                for (int c : nested.columns) {
                    columns.add(c);
                }
                plan.fields.add(new FieldPlan(field, jsonPath, -1, null, nested));
            } else {
                if (column != null) {
                    unbound.remove(fieldPath);
                    columns.add(column);
                }
                plan.fields.add(new FieldPlan(field, jsonPath, column == null ? -1 : column, leaf(field.schema()), null));
            }
        }
        plan.columns = columns.stream().mapToInt(Integer::intValue).toArray();
        return plan;
    }

    private static boolean hasColumnUnder(Map<String, Integer> columnByPath, String prefix) {
        return columnByPath.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    /**
     * The record a field holds when {@link JsonRecordMapper#map} would map a JSON object in it straight to that record:
     * a record, or a union whose only non-null branch is one; else null.
     */
    private static Schema nestedRecord(Schema schema) {
        Schema target = single(schema);
        return target != null && target.getType() == Schema.Type.RECORD ? target : null;
    }

    /** The schema a present value is mapped with, as {@link JsonRecordMapper}'s unions pick it, or null for several. */
    private static Schema single(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 && branches.get(0).getType() != Schema.Type.UNION ? branches.get(0) : null;
    }

    /** A converter for a leaf: a compiled one where the schema allows, falling back to the JSON mapping otherwise. */
    private Leaf leaf(Schema schema) {
        Leaf general = (text, path, ctx) -> mapper.value(TextNode.valueOf(text), schema, path, ctx);
        Schema target = single(schema);
        if (target == null) {
            return general;
        }
        LogicalType logical = target.getLogicalType();
        if (logical == null) {
            return switch (target.getType()) {
                case STRING -> (text, path, ctx) -> {
                    ctx.textChars += text.length();
                    return text;
                };
                case ENUM -> enumLeaf(target, general);
                case INT -> (text, path, ctx) -> {
                    long value = wholeNumber(text.trim(), 9);
                    return value != NOT_A_NUMBER ? (Object) (int) value : general.convert(text, path, ctx);
                };
                case LONG -> (text, path, ctx) -> {
                    long value = wholeNumber(text.trim(), 18);
                    return value != NOT_A_NUMBER ? (Object) value : general.convert(text, path, ctx);
                };
                default -> general;
            };
        }
        if (logical instanceof LogicalTypes.Date) {
            return (text, path, ctx) -> {
                LocalDate date = date(text.trim());
                return date != null ? date : general.convert(text, path, ctx);
            };
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return (text, path, ctx) -> {
                Instant instant = timestamp(text.trim());
                return instant != null ? instant : general.convert(text, path, ctx);
            };
        }
        if (logical instanceof LogicalTypes.TimeMillis || logical instanceof LogicalTypes.TimeMicros) {
            return (text, path, ctx) -> {
                LocalTime time = IsoTimes.time(text.trim());
                return time != null ? time : general.convert(text, path, ctx);
            };
        }
        return general;
    }

    /** Enum symbols as written, then case- and accent-insensitive, as the JSON mapping's text mode matches them. */
    private static Leaf enumLeaf(Schema schema, Leaf general) {
        Map<String, Object> exact = new HashMap<>();
        Map<String, Object> folded = new HashMap<>();
        for (String symbol : schema.getEnumSymbols()) {
            Object value = SpecificData.get().createEnum(symbol, schema);
            exact.put(symbol, value);
            folded.putIfAbsent(JsonRecordMapper.fold(symbol), value);
        }
        return (text, path, ctx) -> {
            Object value = exact.get(text);
            if (value == null) {
                value = folded.get(JsonRecordMapper.fold(text));
            }
            return value != null ? value : general.convert(text, path, ctx);
        };
    }

    private static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** An optional minus and 1 to {@code maxDigits} ASCII digits, else {@link #NOT_A_NUMBER}. */
    static long wholeNumber(String s, int maxDigits) {
        int start = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        int digits = s.length() - start;
        if (digits < 1 || digits > maxDigits) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_NUMBER;
            }
            value = value * 10 + (c - '0');
        }
        return start == 1 ? -value : value;
    }

    /** {@code yyyy-MM-dd} or {@code d/M/yyyy} (one or two digits for day and month), or null. */
    static LocalDate date(String s) {
        LocalDate iso = IsoTimes.date(s);
        if (iso != null) {
            return iso;
        }
        int first = s.indexOf('/');
        int second = first < 0 ? -1 : s.indexOf('/', first + 1);
        if (first < 1 || first > 2 || second - first < 2 || second - first > 3 || s.length() - second != 5) {
            return null;
        }
        long day = wholeNumber(s.substring(0, first), 2);
        long month = wholeNumber(s.substring(first + 1, second), 2);
        long year = wholeNumber(s.substring(second + 1), 4);
        if (day < 0 || month < 0 || year < 0) {
            return null;
        }
        try {
            return LocalDate.of((int) year, (int) month, (int) day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * An ISO-8601 timestamp with an offset, or without one ({@code yyyy-MM-dd HH:mm[:ss]}, {@code T} or a space) in
     * Guatemala time, as the JSON mapping's text mode reads them; null for anything else.
     */
    static Instant timestamp(String s) {
        Instant withOffset = IsoTimes.offsetDateTime(s);
        if (withOffset != null) {
            return withOffset;
        }
        if (s.length() != 16 && s.length() != 19 || s.charAt(10) != 'T' && s.charAt(10) != ' ') {
            return null;
        }
        LocalDate date = IsoTimes.date(s.substring(0, 10));
        LocalTime time = IsoTimes.time(s.substring(11));
        return date == null || time == null ? null : LocalDateTime.of(date, time).toInstant(JsonRecordMapper.GUATEMALA);
    }
}
