package gt.enlace.schemas.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

/**
 * Parses every {@code .avsc} file next to the catalog, in whatever order their references allow, so that an
 * event schema can name a type of {@code common/} (or of any other file) by its full name.
 * A file that cannot be parsed only fails the topics that use it, with Avro's reason.
 */
final class SchemaSet {

    private final Map<String, Schema> parsed = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();
    private final Map<String, String> files;

    /** @param files relative path with '/' separators to file content */
    SchemaSet(Map<String, String> files) {
        this.files = Map.copyOf(files);
        parseAll();
    }

    private void parseAll() {
        List<String> pending = new ArrayList<>(files.keySet());
        // common/ first: most references point there, so most files parse at the first attempt.
        pending.sort(Comparator.comparing((String p) -> !p.startsWith("common/")).thenComparing(p -> p));
        Map<String, Schema> known = new LinkedHashMap<>();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
                String path = it.next();
                Schema.Parser parser = new Schema.Parser();
                parser.addTypes(known.values());
                try {
                    Schema schema = parser.parse(files.get(path));
                    for (Map.Entry<String, Schema> type : parser.getTypes().entrySet()) {
                        known.putIfAbsent(type.getKey(), type.getValue());
                    }
                    parsed.put(path, schema);
                    errors.remove(path);
                    it.remove();
                    progress = true;
                } catch (RuntimeException e) {
                    errors.put(path, oneLine(e.getMessage()));
                }
            }
        }
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    boolean exists(String path) {
        return files.containsKey(path);
    }

    /** The parsed top-level schema of {@code path}, or null when it did not parse. */
    Schema schema(String path) {
        return parsed.get(path);
    }

    /** Why {@code path} did not parse, or null. */
    String error(String path) {
        return errors.get(path);
    }
}
