package gt.enlace.publisher.validation;

/**
 * A JSON path built lazily while walking a record: each step is one small object and the text
 * ({@code $.childName.givenNames}, {@code $[3]}, {@code $['odd key']}) is only made when a {@link Violation} needs it,
 * which keeps validation of valid records cheap.
 */
public final class JsonPath {

    /** {@code $}. */
    public static final JsonPath ROOT = new JsonPath(null, null, -1, false);

    private final JsonPath parent;
    private final String name;
    private final int index;
    private final boolean key;

    private JsonPath(JsonPath parent, String name, int index, boolean key) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.key = key;
    }

    /** The path of a field of this object. */
    public JsonPath field(String field) {
        return new JsonPath(this, field, -1, false);
    }

    /** The path of a map entry of this object, always written {@code ['key']}. */
    public JsonPath key(String mapKey) {
        return new JsonPath(this, mapKey, -1, true);
    }

    /** The path of an element of this array. */
    public JsonPath index(int i) {
        return new JsonPath(this, null, i, false);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "$";
        }
        String prefix = parent.toString();
        if (name == null) {
            return JsonPaths.index(prefix, index);
        }
        return key ? JsonPaths.key(prefix, name) : JsonPaths.field(prefix, name);
    }
}
