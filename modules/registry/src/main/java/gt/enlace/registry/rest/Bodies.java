package gt.enlace.registry.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gt.enlace.registry.avro.AvroSchemas;
import gt.enlace.registry.avro.AvroSchemas.Reference;
import gt.enlace.registry.service.SchemaInput;
import gt.enlace.registry.storage.ConfigRecord;
import gt.enlace.registry.storage.SchemaRecord;
import tools.jackson.databind.JsonNode;

/**
 * Request and response bodies of the REST API, in Confluent's field names and order. Requests are read
 * from a JSON tree so unknown fields are ignored; responses are ordered maps so the JSON reads like
 * Confluent's.
 */
final class Bodies {

    private Bodies() {
    }

    /** A RegisterSchemaRequest: schema, schemaType, references, id, version, metadata, ruleSet. */
    static SchemaInput schemaInput(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new SchemaInput(null, null, List.of(), null, null, null, null);
        }
        if (!body.isObject()) {
            throw new MalformedRequestException("Cannot deserialize value of type `RegisterSchemaRequest` from "
                + kind(body) + " value");
        }
        List<Reference> refs = new ArrayList<>();
        JsonNode refsNode = body.get("references");
        if (refsNode != null && !refsNode.isNull()) {
            if (!refsNode.isArray()) {
                throw new MalformedRequestException("Cannot deserialize value of type `java.util.List` from "
                    + kind(refsNode) + " value");
            }
            for (JsonNode ref : refsNode) {
                if (!ref.isObject()) {
                    throw new MalformedRequestException("Cannot deserialize value of type `SchemaReference` from "
                        + kind(ref) + " value");
                }
                refs.add(new Reference(text(ref, "name"), text(ref, "subject"), intOrNull(ref, "version") == null ? -1
                    : intOrNull(ref, "version")));
            }
        }
        return new SchemaInput(text(body, "schema"), text(body, "schemaType"), refs, intOrNull(body, "id"),
            intOrNull(body, "version"), json(body.get("metadata")), json(body.get("ruleSet")));
    }

    /** An optional string field; scalars are coerced to text, objects and arrays refused (as Jackson does). */
    static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isContainer()) {
            throw new MalformedRequestException("Cannot deserialize value of type `java.lang.String` from "
                + kind(node) + " value");
        }
        return node.asString();
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isString() && ("true".equalsIgnoreCase(node.asString()) || "false".equalsIgnoreCase(node.asString()))) {
            return Boolean.parseBoolean(node.asString().toLowerCase());
        }
        throw new MalformedRequestException("Cannot deserialize value of type `java.lang.Boolean` from "
            + kind(node) + " value");
    }

    static Integer intOrNull(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.asInt();
        }
        if (node.isString()) {
            try {
                return Integer.parseInt(node.asString().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new MalformedRequestException("Cannot deserialize value of type `java.lang.Integer` from "
            + kind(node) + " value");
    }

    private static String json(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null
            : RegistryJsonConverter.JSON.writeValueAsString(node);
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "Array";
        }
        if (node.isObject()) {
            return "Object";
        }
        if (node.isString()) {
            return "String";
        }
        if (node.isNumber()) {
            return "Number";
        }
        if (node.isBoolean()) {
            return "Boolean";
        }
        return "unexpected";
    }

    // ---- responses -----------------------------------------------------------------------------------------

    /** A Schema entity: subject, version, id, guid, schemaType?, references?, metadata?, ruleSet?, schema. */
    static Map<String, Object> schema(SchemaRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", r.subject());
        out.put("version", r.version());
        out.put("id", r.id());
        out.put("guid", AvroSchemas.guid(r.md5()));
        addTypeAndReferences(out, r);
        out.put("schema", r.schema());
        if (r.deleted()) {
            out.put("deleted", true);
        }
        return out;
    }

    /** A RegisterSchemaResponse (7.9+ shape plus guid): id, version, guid, schemaType?, references?, schema. */
    static Map<String, Object> registered(SchemaRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("version", r.version());
        out.put("guid", AvroSchemas.guid(r.md5()));
        addTypeAndReferences(out, r);
        out.put("schema", r.schema());
        return out;
    }

    /** A SchemaString: schemaType?, schema, references?, metadata?, ruleSet?, guid, and subject/version if known. */
    static Map<String, Object> schemaString(SchemaRecord r, SchemaRecord inSubject) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.schemaType() != null) {
            out.put("schemaType", r.schemaType());
        }
        out.put("schema", r.schema());
        if (!r.references().isEmpty()) {
            out.put("references", references(r.references()));
        }
        putJson(out, "metadata", r.metadataJson());
        putJson(out, "ruleSet", r.ruleSetJson());
        out.put("guid", AvroSchemas.guid(r.md5()));
        if (inSubject != null) {
            out.put("subject", inSubject.subject());
            out.put("version", inSubject.version());
        }
        return out;
    }

    private static void addTypeAndReferences(Map<String, Object> out, SchemaRecord r) {
        if (r.schemaType() != null) {
            out.put("schemaType", r.schemaType());
        }
        if (!r.references().isEmpty()) {
            out.put("references", references(r.references()));
        }
        putJson(out, "metadata", r.metadataJson());
        putJson(out, "ruleSet", r.ruleSetJson());
    }

    private static List<Map<String, Object>> references(List<Reference> refs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Reference ref : refs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", ref.name());
            m.put("subject", ref.subject());
            m.put("version", ref.version());
            out.add(m);
        }
        return out;
    }

    private static void putJson(Map<String, Object> out, String key, String json) {
        if (json != null) {
            out.put(key, RegistryJsonConverter.JSON.readTree(json));
        }
    }

    /** A Config entity: {@code {"compatibilityLevel":"BACKWARD"}} plus normalize and group when set. */
    static Map<String, Object> config(ConfigRecord c) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (c.compatibilityLevel() != null) {
            out.put("compatibilityLevel", c.compatibilityLevel());
        }
        if (c.normalize() != null) {
            out.put("normalize", c.normalize());
        }
        if (c.compatibilityGroup() != null) {
            out.put("compatibilityGroup", c.compatibilityGroup());
        }
        return out;
    }

    /** A one-field object. */
    static Map<String, Object> of(String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, value);
        return out;
    }
}
