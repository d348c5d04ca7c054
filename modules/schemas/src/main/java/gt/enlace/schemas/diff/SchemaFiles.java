package gt.enlace.schemas.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * A set of local {@code .avsc} files parsed together, so that a file can name a type defined in another file
 * by its full name (an event naming {@code gt.enlace.common.Address}), whatever order the files come in.
 *
 * <p>Directories are walked recursively for {@code *.avsc}; files are reported in path order. Files are
 * parsed repeatedly until no more succeed, each with the types the others already defined (except those it
 * defines itself). Types that no given file defines may come from {@code fallbackTypes} (for instance the
 * types bundled with the catalog), so a single event file can be checked on its own. A file that still does
 * not parse carries Avro's reason, with the line and column when the JSON itself is malformed.
 */
public final class SchemaFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One file and what parsing it gave.
     *
     * @param file   the file as given or found under a given directory
     * @param schema its top-level schema, or {@code null} when it did not parse
     * @param error  why it did not parse (one line), or {@code null}
     */
    public record Entry(Path file, Schema schema, String error) {

        /** @return true when the file parsed */
        public boolean parsed() {
            return schema != null;
        }
    }

    private final List<Entry> entries;

    private SchemaFiles(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Finds and parses the {@code .avsc} files of {@code paths}.
     *
     * @param paths         files and directories
     * @param fallbackTypes named types to resolve references that no file defines; may be empty
     * @return the parsed set
     * @throws IllegalArgumentException when a path does not exist, or is a file that is not {@code .avsc}
     * @throws java.io.UncheckedIOException when a directory or file cannot be read
     */
    public static SchemaFiles parse(List<Path> paths, Collection<Schema> fallbackTypes) {
        Objects.requireNonNull(paths, "'paths' cannot be null");
        Map<Path, String> contents = new LinkedHashMap<>();
        for (Path file : find(paths)) {
            try {
                contents.put(file, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new SchemaFiles(parseAll(contents, fallbackTypes == null ? List.of() : fallbackTypes));
    }

    /**
     * The {@code .avsc} files named by {@code paths}: files as given, directories walked recursively, sorted
     * per directory; duplicates dropped.
     *
     * @param paths files and directories
     * @return the files, in order
     * @throws IllegalArgumentException when a path does not exist, or is a file not ending in {@code .avsc}
     */
    public static List<Path> find(List<Path> paths) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".avsc"))
                        .sorted()
                        .forEach(files::add);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read the directory " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                if (!path.getFileName().toString().endsWith(".avsc")) {
                    throw new IllegalArgumentException(path + " is not an .avsc file");
                }
                files.add(path);
            } else {
                throw new IllegalArgumentException(path + " does not exist");
            }
        }
        return new ArrayList<>(files);
    }

    /** @return every file, in the order found */
    public List<Entry> entries() {
        return entries;
    }

    private static List<Entry> parseAll(Map<Path, String> contents, Collection<Schema> fallbackTypes) {
        Map<Path, Schema> parsed = new LinkedHashMap<>();
        Map<Path, String> errors = new LinkedHashMap<>();
        Map<Path, Set<String>> defined = new LinkedHashMap<>();
        for (Map.Entry<Path, String> file : contents.entrySet()) {
            try {
                defined.put(file.getKey(), definedNames(JSON.readTree(file.getValue())));
            } catch (JsonProcessingException e) {
                errors.put(file.getKey(), syntaxError(e));
            }
        }
        Map<String, Schema> known = new LinkedHashMap<>();
        List<Path> pending = new ArrayList<>(defined.keySet());
        boolean withFallback = false;
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (Iterator<Path> it = pending.iterator(); it.hasNext(); ) {
                Path file = it.next();
                Set<String> own = defined.get(file);
                Schema.Parser parser = new Schema.Parser();
                List<Schema> available = new ArrayList<>();
                for (Schema type : known.values()) {
                    if (!own.contains(type.getFullName())) {
                        available.add(type);
                    }
                }
                if (withFallback) {
                    Set<String> names = new HashSet<>(known.keySet());
                    names.addAll(own);
                    for (Schema type : fallbackTypes) {
                        if (!names.contains(type.getFullName())) {
                            available.add(type);
                        }
                    }
                }
                parser.addTypes(available);
                try {
                    Schema schema = parser.parse(contents.get(file));
                    for (Map.Entry<String, Schema> type : parser.getTypes().entrySet()) {
                        if (own.contains(type.getKey())) {
                            known.putIfAbsent(type.getKey(), type.getValue());
                        }
                    }
                    parsed.put(file, schema);
                    errors.remove(file);
                    it.remove();
                    progress = true;
                } catch (RuntimeException e) {
                    errors.put(file, avroError(e));
                }
            }
            if (!progress) {
                if (withFallback || fallbackTypes.isEmpty()) {
                    break;
                }
                withFallback = true;   // the given files are exhausted: try the fallback types for what is left
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Path file : contents.keySet()) {
            entries.add(new Entry(file, parsed.get(file), parsed.containsKey(file) ? null : errors.get(file)));
        }
        return entries;
    }

    /** Full names of the record, enum and fixed types a file defines, following Avro's namespace rules. */
    static Set<String> definedNames(JsonNode root) {
        Set<String> names = new LinkedHashSet<>();
        collect(root, null, names);
        return names;
    }

    private static void collect(JsonNode node, String namespace, Set<String> names) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(branch -> collect(branch, namespace, names));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode type = node.get("type");
        String typeName = type != null && type.isTextual() ? type.asText() : null;
        String inner = namespace;
        if (("record".equals(typeName) || "error".equals(typeName) || "enum".equals(typeName) || "fixed".equals(typeName))
            && node.path("name").isTextual()) {
            String name = node.get("name").asText();
            String full;
            if (name.contains(".")) {
                full = name;
            } else {
                String ns = node.path("namespace").isTextual() ? node.get("namespace").asText() : namespace;
                full = ns == null || ns.isEmpty() ? name : ns + "." + name;
            }
            names.add(full);
            inner = full.contains(".") ? full.substring(0, full.lastIndexOf('.')) : "";
        }
        if (type != null && !type.isTextual()) {
            collect(type, inner, names);
        }
        if ("record".equals(typeName) || "error".equals(typeName)) {
            for (JsonNode field : node.path("fields")) {
                collect(field.get("type"), inner, names);
            }
        }
        collect(node.get("items"), inner, names);
        collect(node.get("values"), inner, names);
    }

    private static String syntaxError(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage();
        if (location != null && location.getLineNr() > 0) {
            return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + oneLine(message);
        }
        return oneLine(message);
    }

    private static String avroError(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return syntaxError(json);
            }
        }
        return oneLine(e.getMessage());
    }

    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "not a valid Avro schema";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
