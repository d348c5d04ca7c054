package gt.enlace.registry.avro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.avro.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Identity of Avro schemas the way Confluent Schema Registry computes it.
 *
 * <ul>
 *   <li>{@link #parse}: Avro's {@link Schema.Parser} with default-value validation, referenced schemas
 *       parsed first into the same parser.</li>
 *   <li>The canonical string is Avro's compact {@code Schema.toString()} (referenced types by name), not
 *       Parsing Canonical Form: {@code doc}, defaults, aliases and custom properties are kept and count.</li>
 *   <li>{@link #normalize}: the {@code normalize=true} form: full names everywhere, {@code namespace}
 *       folded into names, and a fixed attribute order; everything else kept.</li>
 *   <li>{@link #md5}: MD5 over the canonical string, then each reference's name, subject and
 *       big-endian version, then metadata and rule set JSON when present; {@link #guid} shows it as a UUID.</li>
 * </ul>
 */
public final class AvroSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KEYWORDS = Set.of("null", "boolean", "int", "long", "float", "double", "bytes",
        "string", "record", "error", "enum", "fixed", "array", "map");
    private static final List<String> TYPE_ORDER = List.of("type", "name", "doc", "aliases", "fields", "symbols",
        "items", "values", "size", "default", "order", "logicalType", "precision", "scale");
    private static final List<String> FIELD_ORDER = List.of("name", "doc", "type", "default", "order", "aliases");

    private AvroSchemas() {
    }

    /** A parsed schema with the string the registry stores and compares. */
    public record Parsed(Schema schema, String canonical) {
    }

    /**
     * Parses {@code schema} after {@code referenced} (each already in dependency order) and returns it with its
     * canonical string.
     *
     * @throws InvalidAvroSchemaException when any of them is not a valid Avro schema
     */
    public static Parsed parse(String schema, List<String> referenced, boolean normalize) {
        Objects.requireNonNull(schema, "'schema' cannot be null");
        try {
            Schema.Parser parser = new Schema.Parser().setValidateDefaults(true);
            List<Schema> refs = new ArrayList<>();
            for (String ref : referenced) {
                refs.add(parser.parse(ref));
            }
            Schema parsed = parser.parse(schema);
            String canonical = refs.isEmpty() ? parsed.toString() : parsed.toString(refs, false);
            if (normalize) {
                canonical = normalize(canonical);
            }
            return new Parsed(parsed, canonical);
        } catch (RuntimeException | StackOverflowError e) {
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new InvalidAvroSchemaException(message, e);
        }
    }

    /** Rewrites a canonical Avro JSON string into its normalized form (see the class comment). */
    public static String normalize(String canonical) {
        JsonNode tree = JSON.readTree(canonical);
        return JSON.writeValueAsString(normalizeNode(tree, ""));
    }

    private static JsonNode normalizeNode(JsonNode node, String namespace) {
        if (node.isString()) {
            return JsonNodeFactory.instance.stringNode(fullName(node.asString(), namespace));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode branch : node) {
                out.add(normalizeNode(branch, namespace));
            }
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode in = (ObjectNode) node;
        String type = in.path("type").isString() ? in.get("type").asString() : null;
        String ns = namespace;
        Map<String, JsonNode> attrs = new TreeMap<>();
        boolean named = "record".equals(type) || "error".equals(type) || "enum".equals(type) || "fixed".equals(type);
        if (named && in.has("name")) {
            String name = in.get("name").asString();
            String explicitNs = in.has("namespace") ? in.get("namespace").asString() : null;
            String full = name.contains(".") ? name : qualify(name, explicitNs != null ? explicitNs : namespace);
            ns = full.contains(".") ? full.substring(0, full.lastIndexOf('.')) : "";
            attrs.put("name", JsonNodeFactory.instance.stringNode(full));
        }
        for (Map.Entry<String, JsonNode> e : in.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "name", "namespace" -> {
                    if (!named) {
                        attrs.put(key, value);
                    }
                }
                case "type" -> attrs.put(key, normalizeNode(value, ns));
                case "items", "values" -> attrs.put(key, normalizeNode(value, ns));
                case "fields" -> {
                    ArrayNode fields = JsonNodeFactory.instance.arrayNode();
                    for (JsonNode field : value) {
                        fields.add(normalizeField(field, ns));
                    }
                    attrs.put(key, fields);
                }
                case "aliases" -> attrs.put(key, named ? qualifyAll(value, ns) : value);
                default -> attrs.put(key, value);
            }
        }
        return ordered(attrs, TYPE_ORDER);
    }

    private static JsonNode normalizeField(JsonNode field, String namespace) {
        Map<String, JsonNode> attrs = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : field.properties()) {
            attrs.put(e.getKey(), "type".equals(e.getKey()) ? normalizeNode(e.getValue(), namespace) : e.getValue());
        }
        return ordered(attrs, FIELD_ORDER);
    }

    private static ObjectNode ordered(Map<String, JsonNode> attrs, List<String> order) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String key : order) {
            JsonNode value = attrs.remove(key);
            if (value != null) {
                out.set(key, value);
            }
        }
        for (Map.Entry<String, JsonNode> e : attrs.entrySet()) {
            out.set(e.getKey(), e.getValue());
        }
        return out;
    }

    private static JsonNode qualifyAll(JsonNode aliases, String namespace) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Iterator<JsonNode> it = aliases.iterator(); it.hasNext(); ) {
            JsonNode alias = it.next();
            out.add(alias.isString() ? JsonNodeFactory.instance.stringNode(fullName(alias.asString(), namespace)) : alias);
        }
        return out;
    }

    private static String fullName(String name, String namespace) {
        if (KEYWORDS.contains(name) || name.contains(".")) {
            return name;
        }
        return qualify(name, namespace);
    }

    private static String qualify(String name, String namespace) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "." + name;
    }

    /** One schema reference: the type name it provides, and the subject and version that hold it. */
    public record Reference(String name, String subject, int version) {
    }

    /** MD5 of the canonical string, references, metadata and rule set (those two as JSON text, when present). */
    public static byte[] md5(String canonical, List<Reference> references, String metadataJson, String ruleSetJson) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(canonical.getBytes(StandardCharsets.UTF_8));
            for (Reference ref : references) {
                md.update(ref.name().getBytes(StandardCharsets.UTF_8));
                md.update(ref.subject().getBytes(StandardCharsets.UTF_8));
                md.update(ByteBuffer.allocate(4).putInt(ref.version()).array());
            }
            if (metadataJson != null) {
                md.update(metadataJson.getBytes(StandardCharsets.UTF_8));
            }
            if (ruleSetJson != null) {
                md.update(ruleSetJson.getBytes(StandardCharsets.UTF_8));
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }

    /** The 16 MD5 bytes shown as a UUID (most significant 8 bytes first), Confluent's schema GUID. */
    public static String guid(byte[] md5) {
        ByteBuffer buffer = ByteBuffer.wrap(md5);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    /** Hex form of MD5 bytes, used as a map key. */
    public static String hex(byte[] md5) {
        return java.util.HexFormat.of().formatHex(md5);
    }

    /** Thrown when a string is not a valid Avro schema; the message is Avro's. */
    public static final class InvalidAvroSchemaException extends RuntimeException {
        InvalidAvroSchemaException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
