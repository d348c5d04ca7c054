package gt.enlace.publisher.validation;

import gt.enlace.bus.identifiers.Cui;
import gt.enlace.bus.identifiers.Department;
import gt.enlace.bus.identifiers.Departments;
import gt.enlace.bus.identifiers.Nit;
import gt.enlace.bus.identifiers.ValidationResult;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * Checks a record against a topic's schema and the bus's rules before it is published: every required
 * value present and of the schema's type, and the rules that Avro cannot express:
 *
 * <ul>
 *   <li>a string field with the schema property {@value #IDENTIFIER_PROPERTY}{@code : "cui"} holds a valid CUI
 *       written as 13 digits (codes of {@link gt.enlace.bus.identifiers.IdentifierError}, e.g. {@code CUI_CHECK_DIGIT},
 *       or {@link ViolationCodes#IDENTIFIER_NOT_NORMALIZED} for a valid CUI written with spaces or hyphens);</li>
 *   <li>one with {@code "nit"} holds a valid NIT ({@code NIT_CHECK}, ...);</li>
 *   <li>every {@value #GEO_LOCATION} has a department {@code 01}–{@code 22} and a municipality that exists in it
 *       ({@link ViolationCodes#DEPARTMENT_CODE}, {@link ViolationCodes#MUNICIPALITY_CODE});</li>
 *   <li>strings are valid Unicode (no unpaired surrogates, which would be written as {@code ?}).</li>
 * </ul>
 *
 * <p>All violations are collected, each with the JSON path of the field ({@code $.placeOfBirth.municipalityCode}).
 * Works on specific and generic records alike; thread-safe. What it learns of each record schema (fields,
 * identifier properties) is kept per schema instance, so validating many records of one schema reads no schema
 * properties.
 */
public final class RecordValidator {

    /** The schema field property that marks an identifier field; its value is {@code cui} or {@code nit}. */
    public static final String IDENTIFIER_PROPERTY = "gt.enlace.identifier";

    /** Full name of the record whose department and municipality codes are checked as a pair. */
    public static final String GEO_LOCATION = "gt.enlace.common.GeoLocation";

    /**
     * Validates {@code record} against {@code schema}.
     *
     * @return the violations, empty when the record may be published
     */
    public List<Violation> validate(IndexedRecord record, Schema schema) {
        Objects.requireNonNull(schema, "'schema' cannot be null");
        List<Violation> violations = new ArrayList<>();
        if (record == null) {
            violations.add(new Violation("$", ViolationCodes.REQUIRED, "the event is null"));
            return violations;
        }
        if (!record.getSchema().getFullName().equals(schema.getFullName())) {
            violations.add(new Violation("$", ViolationCodes.SCHEMA_MISMATCH, "the record is a "
                + record.getSchema().getFullName() + " but the topic carries " + schema.getFullName()));
            return violations;
        }
        value(record, schema, JsonPath.ROOT, null, violations);
        return violations;
    }

    private void value(Object value, Schema schema, JsonPath path, String identifier, List<Violation> out) {
        if (schema.getType() == Schema.Type.UNION) {
            if (value == null) {
                if (!nullable(schema)) {
                    out.add(new Violation(path.toString(), ViolationCodes.REQUIRED, "a value is required"));
                }
                return;
            }
            Optional<Schema> branch = branchFor(schema, value);
            if (branch.isEmpty()) {
                out.add(new Violation(path.toString(), ViolationCodes.UNION_NO_MATCH, "a " + value.getClass().getSimpleName()
                    + " fits none of " + describe(schema)));
                return;
            }
            value(value, branch.get(), path, identifier, out);
            return;
        }
        if (value == null) {
            if (schema.getType() != Schema.Type.NULL) {
                out.add(new Violation(path.toString(), ViolationCodes.REQUIRED, "a value is required"));
            }
            return;
        }
        if (!accepts(schema, value)) {
            out.add(new Violation(path.toString(), ViolationCodes.WRONG_TYPE, "expected " + describe(schema) + " but got a "
                + value.getClass().getSimpleName()));
            return;
        }
        switch (schema.getType()) {
            case RECORD -> record((IndexedRecord) value, schema, path, out);
            case ARRAY -> {
                int i = 0;
                for (Object element : (Collection<?>) value) {
                    value(element, schema.getElementType(), path.index(i++), null, out);
                }
            }
            case MAP -> {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    value(e.getValue(), schema.getValueType(), path.key(String.valueOf(e.getKey())), null, out);
                }
            }
            case STRING -> string(value.toString(), path, identifier, out);
            default -> {
            }
        }
    }

    private void record(IndexedRecord record, Schema schema, JsonPath path, List<Violation> out) {
        RecordFacts facts = facts(schema);
        Schema own = record.getSchema();
        boolean positional = own == schema || own == facts.sameLayout;
        if (!positional && sameLayout(own, facts.fields)) {
            facts.sameLayout = own;
            positional = true;
        }
        Schema.Field[] fields = facts.fields;
        for (int i = 0; i < fields.length; i++) {
            Schema.Field field = fields[i];
            Object fieldValue = positional ? record.get(field.pos()) : fieldValue(record, field);
            value(fieldValue, field.schema(), path.field(field.name()), facts.identifiers[i], out);
        }
        if (facts.geoLocation) {
            geoLocation(record, schema, path, out);
        }
    }

    /** What validation needs of a record schema, read once per schema instance. */
    private static final class RecordFacts {
        final Schema.Field[] fields;
        final String[] identifiers;
        final boolean geoLocation;
        /** The last record schema found to have these fields' names at their positions (a generated class's). */
        volatile Schema sameLayout;

        RecordFacts(Schema schema) {
            this.fields = schema.getFields().toArray(new Schema.Field[0]);
            this.identifiers = new String[fields.length];
            for (int i = 0; i < fields.length; i++) {
                identifiers[i] = fields[i].getProp(IDENTIFIER_PROPERTY);
            }
            this.geoLocation = GEO_LOCATION.equals(schema.getFullName());
        }
    }

    /** Most record schemas remembered; a validator seeing more (generic records of ever new schemas) starts over. */
    private static final int MAX_REMEMBERED = 1024;

    /** Read without locking; replaced, never changed, when a schema is added. */
    private volatile IdentityHashMap<Schema, RecordFacts> known = new IdentityHashMap<>();

    private RecordFacts facts(Schema schema) {
        RecordFacts facts = known.get(schema);
        if (facts == null) {
            facts = new RecordFacts(schema);
            synchronized (this) {
                IdentityHashMap<Schema, RecordFacts> next = known.size() >= MAX_REMEMBERED
                    ? new IdentityHashMap<>() : new IdentityHashMap<>(known);
                next.put(schema, facts);
                known = next;
            }
        }
        return facts;
    }

    /** Whether {@code own} has each of {@code fields} under its name at its position. */
    private static boolean sameLayout(Schema own, Schema.Field[] fields) {
        if (own.getType() != Schema.Type.RECORD) {
            return false;
        }
        List<Schema.Field> ownFields = own.getFields();
        for (Schema.Field field : fields) {
            if (field.pos() >= ownFields.size() || !ownFields.get(field.pos()).name().equals(field.name())) {
                return false;
            }
        }
        return true;
    }

    private static Object fieldValue(IndexedRecord record, Schema.Field field) {
        List<Schema.Field> own = record.getSchema().getFields();
        if (field.pos() < own.size() && own.get(field.pos()).name().equals(field.name())) {
            return record.get(field.pos());
        }
        if (record instanceof GenericRecord generic && generic.getSchema().getField(field.name()) != null) {
            return generic.get(field.name());
        }
        return record.get(field.pos());
    }

    private static void geoLocation(IndexedRecord record, Schema schema, JsonPath path, List<Violation> out) {
        Object department = fieldValue(record, schema.getField("departmentCode"));
        Object municipality = fieldValue(record, schema.getField("municipalityCode"));
        if (department == null || municipality == null) {
            return;
        }
        Optional<Department> found = Departments.byCode(department.toString());
        if (found.isEmpty()) {
            out.add(new Violation(path.field("departmentCode").toString(), ViolationCodes.DEPARTMENT_CODE,
                "department '" + department + "' does not exist: expected two digits from 01 to 22"));
            return;
        }
        if (!Departments.isValidMunicipality(department.toString(), municipality.toString())) {
            Department d = found.get();
            out.add(new Violation(path.field("municipalityCode").toString(), ViolationCodes.MUNICIPALITY_CODE,
                String.format("municipality '%s' does not exist in department %s (%s): expected two digits from 01 to %02d",
                    municipality, d.code(), d.spanishName(), d.municipalityCount())));
        }
    }

    private static void string(String text, JsonPath path, String identifier, List<Violation> out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                out.add(new Violation(path.toString(), ViolationCodes.INVALID_TEXT,
                    "the text has an unpaired UTF-16 surrogate at position " + i + " and cannot be written as UTF-8"));
                return;
            }
        }
        if ("cui".equals(identifier)) {
            ValidationResult result = Cui.validate(text);
            if (!result.isValid()) {
                out.add(new Violation(path.toString(), result.error().orElseThrow().code(), result.message().orElse("invalid CUI")));
            } else if (!text.equals(result.normalized().orElse(text))) {
                out.add(new Violation(path.toString(), ViolationCodes.IDENTIFIER_NOT_NORMALIZED, "a CUI is written as 13 digits "
                    + "without spaces or hyphens: '" + result.normalized().orElseThrow() + "'"));
            }
        } else if ("nit".equals(identifier)) {
            ValidationResult result = Nit.validate(text);
            if (!result.isValid()) {
                out.add(new Violation(path.toString(), result.error().orElseThrow().code(), result.message().orElse("invalid NIT")));
            }
        }
    }

    /** Whether a union has a null branch. */
    public static boolean nullable(Schema schema) {
        if (schema.getType() == Schema.Type.NULL) {
            return true;
        }
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<Schema> branchFor(Schema union, Object value) {
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL && accepts(branch, value)) {
                return Optional.of(branch);
            }
        }
        return Optional.empty();
    }

    /** Whether the Java value is of a class the specific or generic model writes with this (non-union) schema. */
    static boolean accepts(Schema schema, Object value) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Date) {
            return value instanceof LocalDate || value instanceof Integer;
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return value instanceof LocalTime || value instanceof Integer;
        }
        if (logical instanceof LogicalTypes.TimeMicros) {
            return value instanceof LocalTime || value instanceof Long;
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return value instanceof Instant || value instanceof Long;
        }
        if (logical instanceof LogicalTypes.Decimal) {
            return value instanceof BigDecimal || value instanceof ByteBuffer || value instanceof GenericFixed;
        }
        return switch (schema.getType()) {
            case RECORD -> value instanceof IndexedRecord r && r.getSchema().getFullName().equals(schema.getFullName());
            case ENUM -> value instanceof Enum<?> e && schema.hasEnumSymbol(e.name())
                || value instanceof GenericEnumSymbol<?> g && schema.hasEnumSymbol(g.toString());
            case ARRAY -> value instanceof Collection<?>;
            case MAP -> value instanceof Map<?, ?>;
            case STRING -> value instanceof CharSequence;
            case BYTES -> value instanceof ByteBuffer;
            case FIXED -> value instanceof GenericFixed f && f.bytes().length == schema.getFixedSize();
            case INT -> value instanceof Integer;
            case LONG -> value instanceof Long;
            case FLOAT -> value instanceof Float;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case NULL -> false;
            case UNION -> branchFor(schema, value).isPresent();
        };
    }

    /** A short description of a schema for messages: {@code string}, {@code date (yyyy-MM-dd)}, {@code null or int}. */
    public static String describe(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Date) {
            return "a date (yyyy-MM-dd)";
        }
        if (logical instanceof LogicalTypes.TimeMillis || logical instanceof LogicalTypes.TimeMicros) {
            return "a time of day (HH:mm or HH:mm:ss)";
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return "a timestamp (ISO-8601 with offset, e.g. 2026-11-20T14:35:00-06:00)";
        }
        if (logical instanceof LogicalTypes.Decimal d) {
            return "a decimal number with at most " + d.getScale() + " decimals";
        }
        return switch (schema.getType()) {
            case RECORD -> "an object (" + schema.getName() + ")";
            case ENUM -> "one of " + schema.getEnumSymbols();
            case ARRAY -> "an array";
            case MAP -> "an object (map)";
            case STRING -> "a string";
            case BYTES, FIXED -> "base64 bytes";
            case INT -> "an integer (32-bit)";
            case LONG -> "an integer (64-bit)";
            case FLOAT, DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            case UNION -> String.join(" or ", schema.getTypes().stream().map(RecordValidator::describe).toList());
        };
    }
}
