package gt.enlace.registry.storage;

import java.util.List;
import java.util.Objects;

import gt.enlace.registry.avro.AvroSchemas.Reference;

/**
 * The value of a SCHEMA record: one version of one subject. {@code schemaType} is null for Avro (Confluent
 * writes nothing then); {@code metadataJson} and {@code ruleSetJson} are kept as JSON text, unread;
 * {@code md5} may be null in records written by old registries, and is then computed when read.
 */
public record SchemaRecord(String subject, int version, int id, String schemaType, List<Reference> references,
                           String metadataJson, String ruleSetJson, byte[] md5, String schema, boolean deleted) {

    public SchemaRecord {
        Objects.requireNonNull(subject, "'subject' cannot be null");
        Objects.requireNonNull(schema, "'schema' cannot be null");
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** The same version marked soft-deleted (or live again). */
    public SchemaRecord withDeleted(boolean isDeleted) {
        return new SchemaRecord(subject, version, id, schemaType, references, metadataJson, ruleSetJson, md5, schema,
            isDeleted);
    }

    /** The schema type as clients see it: {@code AVRO} when none is stored. */
    public String effectiveType() {
        return schemaType == null ? "AVRO" : schemaType;
    }
}
