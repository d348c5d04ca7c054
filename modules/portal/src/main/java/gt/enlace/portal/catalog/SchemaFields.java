package gt.enlace.portal.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import gt.enlace.schemas.diff.SchemaDiff;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.springframework.context.MessageSource;

/**
 * Renders an Avro schema as the field table people read in the catalog: every field of the top-level record and,
 * flattened under dotted paths, of the records nested in it; each type in words ({@code texto}, {@code fecha},
 * {@code decimal (GTQ)}, {@code CUI}), optional when its union admits null, and the symbols of enums. The words
 * come from the {@code catalog.type.*} messages, so the table follows the page's language.
 */
public final class SchemaFields {

    /** The property that marks a string field as an identifier the bus validates ({@code cui}, {@code nit}). */
    public static final String IDENTIFIER_PROPERTY = "gt.enlace.identifier";

    private final MessageSource messages;

    /** @param messages the portal's messages (the {@code catalog.type.*} keys) */
    public SchemaFields(MessageSource messages) {
        this.messages = Objects.requireNonNull(messages, "'messages' cannot be null");
    }

    /**
     * The rows of a record schema's field table, in declaration order, nested fields right after their record.
     *
     * @param schema a record schema
     * @param locale the language of the type words
     * @return the rows; empty for a schema that is not a record
     */
    public List<FieldView> fields(Schema schema, Locale locale) {
        List<FieldView> rows = new ArrayList<>();
        if (schema.getType() == Schema.Type.RECORD) {
            walk(schema, "", 0, true, locale, rows, new HashSet<>());
        }
        return rows;
    }

    private void walk(Schema record, String prefix, int depth, boolean parentRequired, Locale locale,
                      List<FieldView> rows, Set<String> open) {
        if (!open.add(record.getFullName())) {
            return; // a recursive type: its fields are already listed above
        }
        for (Schema.Field field : record.getFields()) {
            Schema type = field.schema();
            Schema value = nonNull(type);
            boolean required = parentRequired && !nullable(type);
            String identifier = field.getProp(IDENTIFIER_PROPERTY);
            List<String> symbols = value != null && value.getType() == Schema.Type.ENUM ? value.getEnumSymbols() : List.of();
            String path = prefix + field.name();
            rows.add(new FieldView(path, field.name(), depth, describe(type, field.doc(), identifier, locale),
                SchemaDiff.typeName(type), required, field.doc() == null ? "" : field.doc(), symbols, identifier));
            if (value != null && value.getType() == Schema.Type.RECORD) {
                walk(value, path + ".", depth + 1, required, locale, rows, open);
            }
        }
        open.remove(record.getFullName());
    }

    /**
     * A type in words: the non-null branch of a {@code [null, T]} union, identifiers by their name, logical types
     * by what they mean, decimals with their currency when the doc names quetzales.
     *
     * @param type       the field's schema
     * @param doc        the field's doc, consulted for the currency of decimals; may be null
     * @param identifier the field's {@code gt.enlace.identifier}, may be null
     * @param locale     the language
     * @return e.g. {@code fecha}, {@code CUI}, {@code decimal (GTQ)}, {@code lista de texto}
     */
    public String describe(Schema type, String doc, String identifier, Locale locale) {
        if (identifier != null && !identifier.isBlank()) {
            return identifier.toUpperCase(Locale.ROOT);
        }
        if (type.getType() == Schema.Type.UNION) {
            List<Schema> branches = type.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
            if (branches.size() == 1) {
                return describe(branches.get(0), doc, null, locale);
            }
            return text("catalog.type.union", locale, branches.stream()
                .map(b -> describe(b, doc, null, locale)).collect(Collectors.joining(", ")));
        }
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal) {
            String currency = currency(doc);
            return currency == null ? text("catalog.type.decimal", locale) : text("catalog.type.decimal.currency", locale, currency);
        }
        if (logical != null) {
            String key = switch (logical.getName()) {
                case "date" -> "catalog.type.date";
                case "time-millis", "time-micros" -> "catalog.type.time";
                case "timestamp-millis", "timestamp-micros", "timestamp-nanos" -> "catalog.type.timestamp";
                case "local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos" -> "catalog.type.localTimestamp";
                case "uuid" -> "catalog.type.uuid";
                case "duration" -> "catalog.type.duration";
                default -> null;
            };
            if (key != null) {
                return text(key, locale);
            }
        }
        return switch (type.getType()) {
            case STRING -> text("catalog.type.string", locale);
            case INT, LONG -> text("catalog.type.integer", locale);
            case FLOAT, DOUBLE -> text("catalog.type.number", locale);
            case BOOLEAN -> text("catalog.type.boolean", locale);
            case BYTES, FIXED -> text("catalog.type.bytes", locale);
            case ENUM -> text("catalog.type.enum", locale);
            case RECORD -> text("catalog.type.record", locale, type.getName());
            case ARRAY -> text("catalog.type.array", locale, describe(type.getElementType(), doc, null, locale));
            case MAP -> text("catalog.type.map", locale, describe(type.getValueType(), doc, null, locale));
            case NULL -> text("catalog.type.null", locale);
            default -> type.getType().getName();
        };
    }

    /** @return whether the type admits null (a union with a {@code null} branch, or {@code null} itself) */
    static boolean nullable(Schema type) {
        return type.getType() == Schema.Type.NULL
            || type.getType() == Schema.Type.UNION && type.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    }

    /** The one non-null branch of a {@code [null, T]} union, the type itself when not a union, null otherwise. */
    static Schema nonNull(Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return type;
        }
        List<Schema> branches = type.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : null;
    }

    /** GTQ when the doc speaks of quetzales: the schemas name the currency in prose, not in a property. */
    static String currency(String doc) {
        if (doc == null) {
            return null;
        }
        String lower = doc.toLowerCase(Locale.ROOT);
        return lower.contains("gtq") || lower.contains("quetzal") ? "GTQ" : null;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
