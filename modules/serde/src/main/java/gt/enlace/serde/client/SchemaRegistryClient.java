package gt.enlace.serde.client;

import java.io.Closeable;
import java.util.List;

import org.apache.avro.Schema;

/**
 * What the Avro serde needs from a Confluent-compatible schema registry, with Avro's own
 * {@link Schema} as the schema type.
 *
 * <p>Implementations: {@link CachedSchemaRegistryClient} over HTTP, {@link MockSchemaRegistryClient}
 * in memory. Create one from Kafka-style configuration with {@link SchemaRegistryClients#create}.
 * Every method may throw {@link RestClientException} (the registry answered an error, with its
 * {@code error_code}) or {@link SchemaRegistryException} (it could not be reached). Implementations
 * are thread-safe.
 */
public interface SchemaRegistryClient extends Closeable {

    /**
     * Registers a schema under a subject ({@code POST /subjects/{subject}/versions}). Registering
     * the same schema again returns the existing id and version; the registry checks compatibility
     * with the subject's earlier versions first (error 40901 when incompatible).
     *
     * @param subject   the subject, e.g. {@code gt.renap.birth-registered.v1-value}
     * @param schema    the Avro schema
     * @param normalize ask the registry to normalize the schema before comparing ({@code normalize=true})
     * @return the id, the version (or {@link SchemaMetadata#UNKNOWN_VERSION} from registries older
     *         than 7.9) and the GUID when the registry gives one
     */
    SchemaMetadata register(String subject, Schema schema, boolean normalize);

    /**
     * Registers without normalization.
     *
     * @param subject the subject
     * @param schema  the schema
     * @return the schema id
     */
    default int register(String subject, Schema schema) {
        return register(subject, schema, false).id();
    }

    /**
     * Finds the schema of an id ({@code GET /schemas/ids/{id}}). Ids are immutable, so answers
     * are cached for good.
     *
     * @param id the global schema id
     * @return the schema
     * @throws RestClientException 40403 when the id is unknown
     */
    Schema getSchemaById(int id);

    /**
     * Finds a schema by its 8.x GUID ({@code GET /schemas/guids/{guid}}), as written in the
     * {@code __value_schema_id}/{@code __key_schema_id} headers.
     *
     * @param guid the GUID in its UUID string form
     * @return the schema
     * @throws RestClientException 40403 when the GUID is unknown
     */
    Schema getSchemaByGuid(String guid);

    /**
     * Looks up a schema under a subject without registering it ({@code POST /subjects/{subject}}).
     *
     * @param subject   the subject
     * @param schema    the schema to find
     * @param normalize compare after normalization
     * @return the registered id and version
     * @throws RestClientException 40401 when the subject does not exist, 40403 when the schema is not
     *                             registered under it
     */
    SchemaMetadata lookup(String subject, Schema schema, boolean normalize);

    /**
     * The latest version of a subject ({@code GET /subjects/{subject}/versions/latest}), cached for
     * {@code latest.cache.ttl.sec}.
     *
     * @param subject the subject
     * @return the latest version
     */
    SchemaMetadata getLatestVersion(String subject);

    /**
     * One version of a subject ({@code GET /subjects/{subject}/versions/{version}}).
     *
     * @param subject the subject
     * @param version the version, 1 or more
     * @return that version
     */
    SchemaMetadata getVersion(String subject, int version);

    /** @return every subject ({@code GET /subjects}) */
    List<String> getAllSubjects();

    /**
     * @param subject the subject
     * @return its live versions, ascending ({@code GET /subjects/{subject}/versions})
     */
    List<Integer> getAllVersions(String subject);

    /**
     * Asks whether a schema may become the subject's next version
     * ({@code POST /compatibility/subjects/{subject}/versions/latest}).
     *
     * @param subject the subject
     * @param schema  the candidate schema
     * @return true when compatible with the latest version (or the subject is empty)
     */
    boolean testCompatibility(String subject, Schema schema);

    /**
     * The compatibility level in force ({@code GET /config} or {@code GET /config/{subject}} with
     * {@code defaultToGlobal=true}).
     *
     * @param subject the subject, or {@code null} for the global level
     * @return the level
     */
    CompatibilityLevel getCompatibility(String subject);

    /**
     * Sets the compatibility level ({@code PUT /config} or {@code PUT /config/{subject}}).
     *
     * @param subject the subject, or {@code null} for the global level
     * @param level   the new level
     * @return the level the registry echoed back
     */
    CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level);

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
