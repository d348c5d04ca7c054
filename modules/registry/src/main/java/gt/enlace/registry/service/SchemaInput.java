package gt.enlace.registry.service;

import java.util.List;

import gt.enlace.registry.avro.AvroSchemas.Reference;

/**
 * A schema as a client sends it to register, look up or check: the schema text, its type ({@code null} means
 * AVRO), its references, and in IMPORT mode an explicit {@code id} and {@code version}. {@code metadataJson}
 * and {@code ruleSetJson} are stored and returned as given, and count toward identity.
 */
public record SchemaInput(String schema, String schemaType, List<Reference> references, Integer id, Integer version,
                          String metadataJson, String ruleSetJson) {

    public SchemaInput {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A plain Avro schema without references. */
    public static SchemaInput of(String schema) {
        return new SchemaInput(schema, null, List.of(), null, null, null, null);
    }
}
