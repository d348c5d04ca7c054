package gt.enlace.serde.client;

import java.util.Objects;

import org.apache.avro.Schema;

/**
 * A schema as the registry knows it: where it is registered and how it is identified.
 *
 * @param subject the subject, or {@code null} when the answer did not name one (lookup by id)
 * @param id      the global schema id
 * @param version the version within the subject, or {@link #UNKNOWN_VERSION} when the registry did
 *                not say (Confluent 7.4 answers a registration with {@code {"id":N}} only)
 * @param guid    the 8.x GUID of the schema as a UUID string, or {@code null} when the registry does
 *                not hand out GUIDs
 * @param schema  the parsed Avro schema
 */
public record SchemaMetadata(String subject, int id, int version, String guid, Schema schema) {

    /** Version reported when the registry's answer carried none. */
    public static final int UNKNOWN_VERSION = -1;

    /** Checks the schema is present. */
    public SchemaMetadata {
        Objects.requireNonNull(schema, "'schema' cannot be null");
    }
}
