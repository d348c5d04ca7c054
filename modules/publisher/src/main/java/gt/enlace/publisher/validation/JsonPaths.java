package gt.enlace.publisher.validation;

import java.util.regex.Pattern;

/** Builds the JSON paths that {@link Violation}s carry: {@code $.a.b}, {@code $[3]}, {@code $['odd key']}. */
public final class JsonPaths {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
    }

    /** {@code parent.name}, or {@code parent['name']} when the name is not a plain identifier. */
    public static String field(String parent, String name) {
        return PLAIN.matcher(name).matches() ? parent + "." + name : key(parent, name);
    }

    /** {@code parent['key']}, with quotes and backslashes escaped. */
    public static String key(String parent, String key) {
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** {@code parent[index]}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
