package gt.enlace.registry.storage;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import gt.enlace.registry.avro.AvroSchemas.Reference;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the registry topic's keys and values in Confluent Schema Registry's JSON layouts
 * ({@code storage/*Key.java}, {@code *Value.java}), byte for byte where it matters: key fields in the order
 * {@code keytype, subject, version, magic}, and {@code "subject":null} written for global CONFIG and MODE keys.
 *
 * <p>Reading is lenient: unknown fields are ignored and an unknown {@code keytype} gives
 * {@link KeyType#UNKNOWN}, so records from newer Confluent versions never stop the reader.
 */
public final class StoreCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StoreCodec() {
    }

    /** The key as JSON text. */
    public static String encodeKey(StoreKey key) {
        ObjectNode node = NODES.objectNode();
        node.put("keytype", key.type().name());
        if (key.type() != KeyType.NOOP) {
            if (key.subject() == null) {
                node.putNull("subject");
            } else {
                node.put("subject", key.subject());
            }
        }
        if (key.version() != null) {
            node.put("version", key.version());
        }
        node.put("magic", key.magic());
        return JSON.writeValueAsString(node);
    }

    /**
     * Parses a key; {@link KeyType#UNKNOWN} for a {@code keytype} this registry does not know.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static StoreKey decodeKey(String text) {
        JsonNode node = readObject(text);
        String keytype = node.path("keytype").asString("");
        KeyType type;
        try {
            type = KeyType.valueOf(keytype);
        } catch (IllegalArgumentException e) {
            type = KeyType.UNKNOWN;
        }
        if (type == KeyType.UNKNOWN || type == KeyType.CONTEXT) {
            return new StoreKey(type, null, null, node.path("magic").asInt(0));
        }
        String subject = node.path("subject").isNull() || node.path("subject").isMissingNode()
            ? null : node.get("subject").asString();
        Integer version = node.path("version").isNumber() ? node.get("version").asInt() : null;
        if (type == KeyType.SCHEMA && (subject == null || version == null)) {
            throw new IllegalArgumentException("SCHEMA key without subject or version: " + text);
        }
        return new StoreKey(type, subject, version, node.path("magic").asInt(0));
    }

    /** A SCHEMA value: subject, version, id, schemaType?, references?, metadata?, ruleSet?, md5?, schema, deleted. */
    public static String encodeSchema(SchemaRecord value) {
        ObjectNode node = NODES.objectNode();
        node.put("subject", value.subject());
        node.put("version", value.version());
        node.put("id", value.id());
        if (value.schemaType() != null) {
            node.put("schemaType", value.schemaType());
        }
        if (!value.references().isEmpty()) {
            ArrayNode refs = node.putArray("references");
            for (Reference ref : value.references()) {
                ObjectNode r = refs.addObject();
                r.put("name", ref.name());
                r.put("subject", ref.subject());
                r.put("version", ref.version());
            }
        }
        if (value.metadataJson() != null) {
            node.set("metadata", JSON.readTree(value.metadataJson()));
        }
        if (value.ruleSetJson() != null) {
            node.set("ruleSet", JSON.readTree(value.ruleSetJson()));
        }
        if (value.md5() != null) {
            node.put("md5", Base64.getEncoder().encodeToString(value.md5()));
        }
        node.put("schema", value.schema());
        node.put("deleted", value.deleted());
        return JSON.writeValueAsString(node);
    }

    /** Parses a SCHEMA value; the key's subject and version win over the value's when they differ. */
    public static SchemaRecord decodeSchema(StoreKey key, String text) {
        JsonNode node = readObject(text);
        List<Reference> refs = new ArrayList<>();
        for (JsonNode r : node.path("references")) {
            refs.add(new Reference(r.path("name").asString(""), r.path("subject").asString(""), r.path("version").asInt()));
        }
        byte[] md5 = null;
        if (node.path("md5").isString()) {
            try {
                md5 = Base64.getDecoder().decode(node.get("md5").asString());
                if (md5.length != 16) {
                    md5 = null;
                }
            } catch (IllegalArgumentException e) {
                md5 = null;
            }
        }
        String schemaType = node.path("schemaType").isString() ? node.get("schemaType").asString() : null;
        if ("AVRO".equals(schemaType)) {
            schemaType = null;
        }
        if (!node.path("schema").isString() || !node.path("id").isNumber()) {
            throw new IllegalArgumentException("SCHEMA value without schema or id: " + abbreviate(text));
        }
        return new SchemaRecord(key.subject(), key.version(), node.get("id").asInt(), schemaType, refs,
            jsonOrNull(node.get("metadata")), jsonOrNull(node.get("ruleSet")), md5, node.get("schema").asString(),
            node.path("deleted").asBoolean(false));
    }

    /** A CONFIG value: {@code {"subject"?:s,"compatibilityLevel":"FULL","normalize"?:b,"compatibilityGroup"?:g}}. */
    public static String encodeConfig(String subjectOrNull, ConfigRecord config) {
        ObjectNode node = NODES.objectNode();
        if (subjectOrNull != null) {
            node.put("subject", subjectOrNull);
        }
        if (config.compatibilityLevel() != null) {
            node.put("compatibilityLevel", config.compatibilityLevel());
        }
        if (config.normalize() != null) {
            node.put("normalize", config.normalize());
        }
        if (config.compatibilityGroup() != null) {
            node.put("compatibilityGroup", config.compatibilityGroup());
        }
        return JSON.writeValueAsString(node);
    }

    /** Parses a CONFIG value. */
    public static ConfigRecord decodeConfig(String text) {
        JsonNode node = readObject(text);
        return new ConfigRecord(
            node.path("compatibilityLevel").isString() ? node.get("compatibilityLevel").asString() : null,
            node.path("normalize").isBoolean() ? node.get("normalize").asBoolean() : null,
            node.path("compatibilityGroup").isString() ? node.get("compatibilityGroup").asString() : null);
    }

    /** A MODE value: {@code {"subject"?:s,"mode":"READONLY"}}. */
    public static String encodeMode(String subjectOrNull, String mode) {
        ObjectNode node = NODES.objectNode();
        if (subjectOrNull != null) {
            node.put("subject", subjectOrNull);
        }
        node.put("mode", mode);
        return JSON.writeValueAsString(node);
    }

    /** Parses a MODE value and returns the mode name. */
    public static String decodeMode(String text) {
        return readObject(text).path("mode").asString("");
    }

    /** A DELETE_SUBJECT value: {@code {"subject":s,"version":v}}. */
    public static String encodeDeleteSubject(String subject, int version) {
        ObjectNode node = NODES.objectNode();
        node.put("subject", subject);
        node.put("version", version);
        return JSON.writeValueAsString(node);
    }

    /** The version of a DELETE_SUBJECT value: every version up to it is deleted. */
    public static int decodeDeleteSubjectVersion(String text) {
        return readObject(text).path("version").asInt(Integer.MAX_VALUE);
    }

    /** A CLEAR_SUBJECT value: {@code {"subject":s}}. */
    public static String encodeClearSubject(String subject) {
        ObjectNode node = NODES.objectNode();
        node.put("subject", subject);
        return JSON.writeValueAsString(node);
    }

    private static String jsonOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : JSON.writeValueAsString(node);
    }

    private static JsonNode readObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object: " + abbreviate(text));
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
