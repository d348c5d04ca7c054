package gt.enlace.schemas.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * The differences between two versions of an Avro schema, in the terms people read: fields added (with or
 * without a default), removed or renamed through an alias, types changed, docs and defaults changed, enum
 * symbols added or removed, aliases, union branches; plus whether each version can read the other's data,
 * decided by Avro's own {@link SchemaCompatibility}.
 *
 * <pre>{@code
 * SchemaDiff diff = SchemaDiff.between(version1, version2);
 * diff.changes();        // [field added: email ([null, string], default null)]
 * diff.newReadsOld();    // true: version 2 reads data written with version 1 (BACKWARD)
 * diff.oldReadsNew();    // true: version 1 reads data written with version 2 (FORWARD)
 * }</pre>
 *
 * <p>The comparison is recursive: nested records, unions, arrays and maps are walked, and each change is
 * reported at the dotted path of the field it is under ({@code child.name}; {@code []} marks array items and
 * {@code {}} map values). A named type that occurs in several places (a common {@code Address}) is compared
 * once, at the first path where it occurs, so a change is reported once; recursive types terminate. Changes
 * on the top-level type itself are reported at its full name. Instances are immutable; the class has no
 * dependency on the registry, so the data catalog can use it for version history.
 */
public final class SchemaDiff {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What kind of change one {@link Change} is; {@link #label()} is how a line starts. */
    public enum Kind {
        /** A record field exists only in the new version. */
        FIELD_ADDED("field added"),
        /** A record field exists only in the old version. */
        FIELD_REMOVED("field removed"),
        /** A new field carries the old field's name as an alias. */
        FIELD_RENAMED("field renamed"),
        /** The type at a path changed (including its logical type, or a change between union and non-union). */
        TYPE_CHANGED("type changed"),
        /** A named type's full name changed. */
        NAME_CHANGED("name changed"),
        /** A {@code doc} changed, appeared or disappeared. */
        DOC_CHANGED("doc changed"),
        /** A field's default changed, appeared or disappeared. */
        DEFAULT_CHANGED("default changed"),
        /** A field's sort order changed. */
        ORDER_CHANGED("order changed"),
        /** Symbols only in the new enum. */
        ENUM_SYMBOLS_ADDED("enum symbols added"),
        /** Symbols only in the old enum. */
        ENUM_SYMBOLS_REMOVED("enum symbols removed"),
        /** The enum's default symbol (used for unknown symbols) changed. */
        ENUM_DEFAULT_CHANGED("enum default changed"),
        /** Aliases only in the new version (of a field or of a named type). */
        ALIASES_ADDED("aliases added"),
        /** Aliases only in the old version. */
        ALIASES_REMOVED("aliases removed"),
        /** Branches only in the new union. */
        UNION_BRANCH_ADDED("union branch added"),
        /** Branches only in the old union. */
        UNION_BRANCH_REMOVED("union branch removed"),
        /** A fixed type's size changed. */
        SIZE_CHANGED("size changed"),
        /** A custom property (e.g. {@code gt.enlace.identifier}) of a field or named type changed. */
        PROPERTY_CHANGED("property changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the words a line starts with, e.g. {@code field added} */
        public String label() {
            return label;
        }
    }

    /**
     * One difference.
     *
     * @param kind   what changed
     * @param path   where: the dotted field path, or the top-level type's full name for changes on it
     * @param detail the specifics, e.g. {@code [null, string], default null} or {@code int -> long}
     */
    public record Change(Kind kind, String path, String detail) {

        /** Checks the components. */
        public Change {
            Objects.requireNonNull(kind, "'kind' cannot be null");
            Objects.requireNonNull(path, "'path' cannot be null");
            Objects.requireNonNull(detail, "'detail' cannot be null");
        }

        /** @return the line people read: {@code <label>: <path> (<detail>)}, e.g. {@code type changed: age (int -> long)} */
        public String line() {
            return kind.label() + ": " + path + (detail.isEmpty() ? "" : " (" + detail + ")");
        }

        @Override
        public String toString() {
            return line();
        }
    }

    private final Schema older;
    private final Schema newer;
    private final List<Change> changes;
    private final List<Incompatibility> newReadingOld;
    private final List<Incompatibility> oldReadingNew;

    private SchemaDiff(Schema older, Schema newer) {
        this.older = older;
        this.newer = newer;
        Walker walker = new Walker(older);
        walker.compare("", older, newer);
        this.changes = List.copyOf(walker.changes);
        this.newReadingOld = List.copyOf(SchemaCompatibility.checkReaderWriterCompatibility(newer, older)
            .getResult().getIncompatibilities());
        this.oldReadingNew = List.copyOf(SchemaCompatibility.checkReaderWriterCompatibility(older, newer)
            .getResult().getIncompatibilities());
    }

    /**
     * Compares two versions.
     *
     * @param older the earlier version
     * @param newer the later version
     * @return the differences from {@code older} to {@code newer}
     */
    public static SchemaDiff between(Schema older, Schema newer) {
        Objects.requireNonNull(older, "'older' cannot be null");
        Objects.requireNonNull(newer, "'newer' cannot be null");
        return new SchemaDiff(older, newer);
    }

    /** @return the earlier version */
    public Schema older() {
        return older;
    }

    /** @return the later version */
    public Schema newer() {
        return newer;
    }

    /** @return the changes in schema order (fields in declaration order, nested ones after their field); empty when equal */
    public List<Change> changes() {
        return changes;
    }

    /** @return true when nothing people would see changed */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** @return whether the new version reads data written with the old one (BACKWARD compatibility) */
    public boolean newReadsOld() {
        return newReadingOld.isEmpty();
    }

    /** @return whether the old version reads data written with the new one (FORWARD compatibility) */
    public boolean oldReadsNew() {
        return oldReadingNew.isEmpty();
    }

    /** @return why the new version cannot read the old one's data, as Avro reports it; empty when it can */
    public List<Incompatibility> newReadingOldIncompatibilities() {
        return newReadingOld;
    }

    /** @return why the old version cannot read the new one's data, as Avro reports it; empty when it can */
    public List<Incompatibility> oldReadingNewIncompatibilities() {
        return oldReadingNew;
    }

    /**
     * Words one of Avro's incompatibilities on one line: {@code <TYPE> at <location>: <message>}, e.g.
     * {@code READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2: phone}.
     *
     * @param incompatibility from {@link SchemaCompatibility}
     * @return the line
     */
    public static String describe(Incompatibility incompatibility) {
        return incompatibility.getType() + " at " + incompatibility.getLocation() + ": " + incompatibility.getMessage();
    }

    /**
     * A compact, readable rendering of a type: {@code string}, {@code int (date)},
     * {@code bytes (decimal(14,2))}, {@code array<string>}, {@code map<long>}, {@code [null, string]}, or a
     * named type's full name.
     *
     * @param schema the type
     * @return its rendering
     */
    public static String typeName(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            case ARRAY -> "array<" + typeName(schema.getElementType()) + ">";
            case MAP -> "map<" + typeName(schema.getValueType()) + ">";
            case UNION -> schema.getTypes().stream().map(SchemaDiff::typeName).collect(Collectors.joining(", ", "[", "]"));
            default -> {
                LogicalType logical = schema.getLogicalType();
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    yield schema.getName() + " (decimal(" + decimal.getPrecision() + "," + decimal.getScale() + "))";
                }
                yield logical == null ? schema.getName() : schema.getName() + " (" + logical.getName() + ")";
            }
        };
    }

    /** Walks both versions side by side and collects the changes. */
    private static final class Walker {
        private final List<Change> changes = new ArrayList<>();
        private final Set<String> comparedNamedPairs = new HashSet<>();
        private final String rootName;

        Walker(Schema root) {
            this.rootName = root.getType() == Schema.Type.RECORD || root.getType() == Schema.Type.ENUM
                || root.getType() == Schema.Type.FIXED ? root.getFullName() : typeName(root);
        }

        private void add(Kind kind, String path, String detail) {
            changes.add(new Change(kind, path.isEmpty() ? rootName : path, detail));
        }

        void compare(String path, Schema old, Schema now) {
            if (old.getType() != now.getType()) {
                add(Kind.TYPE_CHANGED, path, typeName(old) + " -> " + typeName(now) + nullabilityNote(old, now));
                // Still look inside when one side is the other made nullable (T -> [null, T]).
                Schema oldInner = nonNullBranch(old);
                Schema nowInner = nonNullBranch(now);
                if (oldInner != null && nowInner != null && oldInner.getType() == nowInner.getType() && isNamed(oldInner)) {
                    compare(path, oldInner, nowInner);
                }
                return;
            }
            switch (old.getType()) {
                case RECORD -> compareRecords(path, old, now);
                case ENUM -> compareEnums(path, old, now);
                case FIXED -> compareFixed(path, old, now);
                case ARRAY -> compare(path + "[]", old.getElementType(), now.getElementType());
                case MAP -> compare(path + "{}", old.getValueType(), now.getValueType());
                case UNION -> compareUnions(path, old, now);
                default -> {
                    String before = typeName(old);
                    String after = typeName(now);
                    if (!before.equals(after)) {
                        add(Kind.TYPE_CHANGED, path, before + " -> " + after);
                    }
                }
            }
        }

        /** Compares what all named types share; false when this pair was already compared (report once, stop cycles). */
        private boolean compareNamed(String path, Schema old, Schema now) {
            if (!comparedNamedPairs.add(old.getFullName() + "\u0000" + now.getFullName())) {
                return false;
            }
            if (!old.getFullName().equals(now.getFullName())) {
                boolean aliased = now.getAliases().contains(old.getFullName());
                add(Kind.NAME_CHANGED, path, old.getFullName() + " -> " + now.getFullName()
                    + (aliased ? ", old name kept as alias" : ", old name not an alias: data written with it cannot be read"));
            }
            compareDocs(path, old.getDoc(), now.getDoc());
            compareAliases(path, old.getAliases(), now.getAliases());
            compareProperties(path, old.getObjectProps(), now.getObjectProps());
            return true;
        }

        private void compareRecords(String path, Schema old, Schema now) {
            if (!compareNamed(path, old, now)) {
                return;
            }
            Set<String> matchedOld = new HashSet<>();
            // Pass 1: match fields by name, or by a new field's alias naming an old field.
            Map<Schema.Field, Schema.Field> pairs = new LinkedHashMap<>();
            for (Schema.Field field : now.getFields()) {
                Schema.Field before = old.getField(field.name());
                if (before == null) {
                    for (String alias : field.aliases()) {
                        Schema.Field aliased = old.getField(alias);
                        if (aliased != null && now.getField(alias) == null && !matchedOld.contains(alias)) {
                            before = aliased;
                            break;
                        }
                    }
                }
                if (before != null && matchedOld.add(before.name())) {
                    pairs.put(field, before);
                } else {
                    pairs.put(field, null);
                }
            }
            for (Schema.Field field : old.getFields()) {
                if (!matchedOld.contains(field.name())) {
                    add(Kind.FIELD_REMOVED, join(path, field.name()), typeName(field.schema())
                        + (field.hasDefaultValue() ? ", default " + json(field.defaultVal()) : ", no default"));
                }
            }
            for (Map.Entry<Schema.Field, Schema.Field> pair : pairs.entrySet()) {
                Schema.Field field = pair.getKey();
                Schema.Field before = pair.getValue();
                String fieldPath = join(path, field.name());
                if (before == null) {
                    add(Kind.FIELD_ADDED, fieldPath, typeName(field.schema())
                        + (field.hasDefaultValue() ? ", default " + json(field.defaultVal()) : ", no default"));
                    continue;
                }
                if (!before.name().equals(field.name())) {
                    add(Kind.FIELD_RENAMED, fieldPath, before.name() + " -> " + field.name() + ", old name kept as alias");
                }
                compareDocs(fieldPath, before.doc(), field.doc());
                compareDefaults(fieldPath, before, field);
                if (before.order() != field.order()) {
                    add(Kind.ORDER_CHANGED, fieldPath, lower(before.order()) + " -> " + lower(field.order()));
                }
                Set<String> oldAliases = new LinkedHashSet<>(before.aliases());
                Set<String> newAliases = new LinkedHashSet<>(field.aliases());
                if (!before.name().equals(field.name())) {
                    newAliases.remove(before.name());   // already said by FIELD_RENAMED
                }
                compareAliases(fieldPath, oldAliases, newAliases);
                compareProperties(fieldPath, before.getObjectProps(), field.getObjectProps());
                compare(fieldPath, before.schema(), field.schema());
            }
        }

        private void compareEnums(String path, Schema old, Schema now) {
            if (!compareNamed(path, old, now)) {
                return;
            }
            String name = " in " + now.getName();
            List<String> added = minus(now.getEnumSymbols(), old.getEnumSymbols());
            List<String> removed = minus(old.getEnumSymbols(), now.getEnumSymbols());
            if (!added.isEmpty()) {
                add(Kind.ENUM_SYMBOLS_ADDED, path, String.join(", ", added) + name);
            }
            if (!removed.isEmpty()) {
                add(Kind.ENUM_SYMBOLS_REMOVED, path, String.join(", ", removed) + name);
            }
            if (!Objects.equals(old.getEnumDefault(), now.getEnumDefault())) {
                add(Kind.ENUM_DEFAULT_CHANGED, path, orNone(old.getEnumDefault()) + " -> " + orNone(now.getEnumDefault()) + name);
            }
        }

        private void compareFixed(String path, Schema old, Schema now) {
            if (!compareNamed(path, old, now)) {
                return;
            }
            if (old.getFixedSize() != now.getFixedSize()) {
                add(Kind.SIZE_CHANGED, path, old.getFixedSize() + " -> " + now.getFixedSize() + " bytes");
            }
        }

        private void compareUnions(String path, Schema old, Schema now) {
            List<Schema> oldBranches = old.getTypes();
            List<Schema> newBranches = now.getTypes();
            List<Schema> unmatchedOld = new ArrayList<>(oldBranches);
            List<Schema[]> matched = new ArrayList<>();
            List<Schema> added = new ArrayList<>();
            for (Schema branch : newBranches) {
                Schema partner = null;
                for (Schema candidate : unmatchedOld) {
                    if (sameBranch(candidate, branch)) {
                        partner = candidate;
                        break;
                    }
                }
                if (partner == null) {
                    added.add(branch);
                } else {
                    unmatchedOld.remove(partner);
                    matched.add(new Schema[] {partner, branch});
                }
            }
            if (!added.isEmpty()) {
                add(Kind.UNION_BRANCH_ADDED, path, names(added));
            }
            if (!unmatchedOld.isEmpty()) {
                add(Kind.UNION_BRANCH_REMOVED, path, names(unmatchedOld));
            }
            for (Schema[] pair : matched) {
                compare(path, pair[0], pair[1]);
            }
        }

        /** A branch of the new union is "the same" as one of the old when it has the same type and, if named, the same name or an alias of it. */
        private static boolean sameBranch(Schema old, Schema now) {
            if (old.getType() != now.getType()) {
                return false;
            }
            if (isNamed(old)) {
                return old.getFullName().equals(now.getFullName()) || now.getAliases().contains(old.getFullName());
            }
            return true;
        }

        private void compareDocs(String path, String old, String now) {
            if (!Objects.equals(old, now)) {
                add(Kind.DOC_CHANGED, path, quote(old) + " -> " + quote(now));
            }
        }

        private void compareDefaults(String path, Schema.Field old, Schema.Field now) {
            String before = old.hasDefaultValue() ? json(old.defaultVal()) : "none";
            String after = now.hasDefaultValue() ? json(now.defaultVal()) : "none";
            if (!before.equals(after)) {
                add(Kind.DEFAULT_CHANGED, path, before + " -> " + after);
            }
        }

        private void compareAliases(String path, Collection<String> old, Collection<String> now) {
            List<String> added = minus(now, old);
            List<String> removed = minus(old, now);
            if (!added.isEmpty()) {
                add(Kind.ALIASES_ADDED, path, String.join(", ", added));
            }
            if (!removed.isEmpty()) {
                add(Kind.ALIASES_REMOVED, path, String.join(", ", removed));
            }
        }

        private void compareProperties(String path, Map<String, Object> old, Map<String, Object> now) {
            Set<String> all = new TreeSet<>(old.keySet());
            all.addAll(now.keySet());
            for (String key : all) {
                if ("logicalType".equals(key) || "precision".equals(key) || "scale".equals(key)) {
                    continue;   // part of the type, reported as a type change
                }
                String before = old.containsKey(key) ? json(old.get(key)) : "none";
                String after = now.containsKey(key) ? json(now.get(key)) : "none";
                if (!before.equals(after)) {
                    add(Kind.PROPERTY_CHANGED, path, key + ": " + before + " -> " + after);
                }
            }
        }
    }

    private static boolean isNamed(Schema schema) {
        return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
            || schema.getType() == Schema.Type.FIXED;
    }

    /** The T of {@code T} or {@code [null, T]}; null for other unions. */
    private static Schema nonNullBranch(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> others = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        return others.size() == 1 && schema.getTypes().size() == 2 ? others.get(0) : null;
    }

    private static String nullabilityNote(Schema old, Schema now) {
        if (old.getType() != Schema.Type.UNION && now.getType() == Schema.Type.UNION && nonNullBranch(now) != null
            && now.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL)
            && typeName(nonNullBranch(now)).equals(typeName(old))) {
            return ", now optional";
        }
        if (old.getType() == Schema.Type.UNION && now.getType() != Schema.Type.UNION && nonNullBranch(old) != null
            && old.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL)
            && typeName(nonNullBranch(old)).equals(typeName(now))) {
            return ", now required";
        }
        return "";
    }

    private static String names(List<Schema> schemas) {
        return schemas.stream().map(SchemaDiff::typeName).collect(Collectors.joining(", "));
    }

    private static List<String> minus(Collection<String> a, Collection<String> b) {
        Set<String> other = new HashSet<>(b);
        return a.stream().filter(s -> !other.contains(s)).toList();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String lower(Schema.Field.Order order) {
        return order == null ? "ascending" : order.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    private static String quote(String doc) {
        return doc == null ? "none" : json(doc);
    }

    /** A default or property as JSON, the way it is written in an .avsc. */
    static String json(Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return "null";
        }
        Object plain = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : value;
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
