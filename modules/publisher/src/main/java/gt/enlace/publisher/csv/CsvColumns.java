package gt.enlace.publisher.csv;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.publisher.json.JsonRecordMapper;
import gt.enlace.publisher.json.TextKeys;
import gt.enlace.publisher.json.TextRowMapper;
import gt.enlace.publisher.validation.RecordValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * How the columns of a CSV header map to the fields of a topic's schema.
 *
 * <p>Every leaf field of the schema has a <em>column path</em>: its field names from the top record joined with dots,
 * e.g. {@code registrationNumber}, {@code childName.givenNames}, {@code placeOfBirth.departmentCode}. Nested records
 * (nullable or not) are flattened this way; arrays and maps are one column holding JSON text. A header cell matches
 * a path when they are equal after folding case, accents, spaces, hyphens and underscores ({@code "Child Name.Given
 * Names"} matches {@code childName.givenNames}), or, failing that, when it matches the last segment of exactly one
 * path ({@code "Número de registro"} would match {@code numeroDeRegistro}). An explicit {@code col=field} map wins over
 * both. A header cell that matches nothing, two cells for one field, or a required field without a column are errors
 * of the whole file.
 */
public final class CsvColumns {

    /** One leaf field: its dotted path, schema, and whether a value is always required. */
    public record Leaf(String path, Schema schema, boolean required) {
    }

    private final List<String> header;
    private final String[] pathByColumn;
    private final String[][] segmentsByColumn;
    private final Map<String, String> headerByPath;

    private CsvColumns(List<String> header, String[] pathByColumn) {
        this.header = List.copyOf(header);
        this.pathByColumn = pathByColumn;
        this.headerByPath = new HashMap<>();
        this.segmentsByColumn = new String[pathByColumn.length][];
        for (int i = 0; i < pathByColumn.length; i++) {
            segmentsByColumn[i] = pathByColumn[i] == null ? null : pathByColumn[i].split("\\.");
            if (pathByColumn[i] != null) {
                headerByPath.put(pathByColumn[i], header.get(i));
            }
        }
    }

    /** The leaf fields of a record schema, in schema order, with their column paths. */
    public static List<Leaf> leaves(Schema schema) {
        List<Leaf> leaves = new ArrayList<>();
        collect(schema, "", true, leaves);
        return leaves;
    }

    private static void collect(Schema record, String prefix, boolean requiredParent, List<Leaf> out) {
        for (Schema.Field field : record.getFields()) {
            Schema effective = field.schema();
            boolean nullable = RecordValidator.nullable(effective);
            if (effective.getType() == Schema.Type.UNION) {
                List<Schema> branches = effective.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
                if (branches.size() == 1) {
                    effective = branches.get(0);
                }
            }
            boolean required = requiredParent && !nullable && !field.hasDefaultValue();
            String path = prefix + field.name();
            if (effective.getType() == Schema.Type.RECORD) {
                collect(effective, path + ".", required, out);
            } else {
                out.add(new Leaf(path, field.schema(), required));
            }
        }
    }

    /**
     * Maps a header onto a schema.
     *
     * @param header         the header cells
     * @param schema         the topic's record schema
     * @param overrides      explicit {@code column -> field path} mappings, columns compared after folding
     * @param ignoreUnknown  whether header cells that match no field are ignored instead of an error
     * @throws CsvFileException listing every column problem at once
     */
    public static CsvColumns map(List<String> header, Schema schema, Map<String, String> overrides, boolean ignoreUnknown) {
        List<Leaf> leaves = leaves(schema);
        Map<String, Leaf> byFolded = new LinkedHashMap<>();
        Map<String, List<Leaf>> byLastSegment = new HashMap<>();
        for (Leaf leaf : leaves) {
            byFolded.put(TextKeys.fold(leaf.path()), leaf);
            String last = leaf.path().substring(leaf.path().lastIndexOf('.') + 1);
            byLastSegment.computeIfAbsent(TextKeys.fold(last), k -> new ArrayList<>()).add(leaf);
        }
        Map<String, String> foldedOverrides = new HashMap<>();
        List<String> problems = new ArrayList<>();
        overrides.forEach((column, field) -> {
            Leaf leaf = byFolded.get(TextKeys.fold(field));
            if (leaf == null) {
                problems.add("--map " + column + "=" + field + ": " + schema.getName() + " has no field '" + field + "'");
            } else {
                foldedOverrides.put(TextKeys.fold(column), leaf.path());
            }
        });
        String[] paths = new String[header.size()];
        Map<String, Integer> columnOfPath = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i);
            String folded = TextKeys.fold(cell);
            String path = foldedOverrides.get(folded);
            if (path == null && byFolded.containsKey(folded)) {
                path = byFolded.get(folded).path();
            }
            if (path == null && byLastSegment.getOrDefault(folded, List.of()).size() == 1) {
                path = byLastSegment.get(folded).get(0).path();
            }
            if (path == null) {
                if (!cell.isBlank() && !ignoreUnknown) {
                    unknown.add("'" + cell + "'");
                }
                continue;
            }
            Integer previous = columnOfPath.putIfAbsent(path, i);
            if (previous != null) {
                problems.add("columns '" + header.get(previous) + "' and '" + cell + "' both map to field " + path);
            }
            paths[i] = path;
        }
        if (columnOfPath.isEmpty()) {
            throw new CsvFileException("no column of the header matches a field of " + schema.getFullName()
                + "; is this the right file and topic? The header read was " + abbreviate(header.toString())
                + "; the expected columns are " + leaves.stream().map(Leaf::path).toList()
                + " (enlace template --topic <topic> writes an example file)");
        }
        if (!unknown.isEmpty()) {
            problems.add("column(s) " + String.join(", ", unknown) + " match no field of " + schema.getName()
                + "; rename them, map them with --map column=field, or pass --ignore-unknown-columns. Fields: "
                + leaves.stream().map(Leaf::path).toList());
        }
        List<String> missing = leaves.stream().filter(l -> l.required() && !columnOfPath.containsKey(l.path()))
            .map(Leaf::path).toList();
        if (!missing.isEmpty()) {
            problems.add("required column(s) missing from the header: " + String.join(", ", missing));
        }
        if (!problems.isEmpty()) {
            throw new CsvFileException(String.join("; ", problems));
        }
        return new CsvColumns(header, paths);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }

    /** The header cells as read. */
    public List<String> header() {
        return header;
    }

    /**
     * Compiles the mapper of this file's rows: each column bound once to its field, each field's converter made once
     * from the schema. A row maps exactly as {@code mapper.map(toJson(row), schema)} would, without building the JSON.
     *
     * @param mapper the {@linkplain JsonRecordMapper#lenientText() text mode} mapper
     * @param schema the schema this header was {@linkplain #map mapped} onto
     */
    public TextRowMapper rowMapper(JsonRecordMapper mapper, Schema schema) {
        return mapper.textRows(schema, Arrays.asList(pathByColumn));
    }

    /**
     * Builds the JSON object of one row: each non-blank cell under its field path, nested by the dots. Blank cells
     * are left out, so a nullable nested record whose cells are all blank is null.
     */
    public ObjectNode toJson(List<String> cells) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        int n = Math.min(cells.size(), pathByColumn.length);
        for (int i = 0; i < n; i++) {
            String path = pathByColumn[i];
            String cell = cells.get(i);
            if (path == null || cell.isBlank()) {
                continue;
            }
            ObjectNode parent = root;
            String[] segments = segmentsByColumn[i];
            for (int s = 0; s < segments.length - 1; s++) {
                parent = parent.has(segments[s]) ? (ObjectNode) parent.get(segments[s]) : parent.putObject(segments[s]);
            }
            parent.put(segments[segments.length - 1], cell.strip());
        }
        return root;
    }

    /**
     * The header cell(s) behind a violation's JSON path: {@code $.childName.givenNames} is the column mapped to
     * {@code childName.givenNames}; a path of a nested record names every column under it.
     */
    public String columnFor(String jsonPath) {
        String path = jsonPath.startsWith("$.") ? jsonPath.substring(2) : jsonPath.equals("$") ? "" : jsonPath;
        int bracket = path.indexOf('[');
        if (bracket >= 0) {
            path = path.substring(0, bracket);
        }
        String exact = headerByPath.get(path);
        if (exact != null) {
            return exact;
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        List<String> under = new ArrayList<>();
        for (int i = 0; i < pathByColumn.length; i++) {
            if (pathByColumn[i] != null && pathByColumn[i].startsWith(prefix)) {
                under.add(header.get(i));
            }
        }
        if (!under.isEmpty() && !prefix.isEmpty()) {
            return String.join("|", under);
        }
        return path.isEmpty() ? "" : path + " (no column)";
    }

    /** Number of header cells. */
    public int width() {
        return header.size();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pathByColumn.length; i++) {
            if (pathByColumn[i] != null) {
                text.append(text.length() > 0 ? ", " : "").append(header.get(i)).append("->").append(pathByColumn[i]);
            }
        }
        return text.toString().toLowerCase(Locale.ROOT).isEmpty() ? "(none)" : text.toString();
    }
}
