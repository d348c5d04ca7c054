package gt.enlace.serde.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import gt.enlace.serde.client.internal.Guids;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;

/**
 * An in-memory schema registry for unit tests, shipped next to the real client like Kafka's
 * {@code MockProducer}. Configure a serde with {@code schema.registry.url=mock://<scope>} and every
 * serializer and deserializer configured with the same scope shares one instance
 * ({@link #forScope}); {@link #dropScope} forgets it between tests.
 *
 * <p>Behaves like the registry on the points the serde depends on: ids are global and start at 1,
 * the same schema under a second subject gets the same id, re-registering returns the existing
 * version, registration checks the subject's compatibility level (default {@code BACKWARD}) with
 * Avro's {@link SchemaCompatibility}, and errors carry the registry's codes (40401, 40402, 40403,
 * 40901). Each schema gets a GUID (the MD5 of its canonical string, as in the 8.x registry).
 */
public class MockSchemaRegistryClient implements SchemaRegistryClient {

    private static final Map<String, MockSchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final Map<String, List<SchemaMetadata>> subjects = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Integer, String> guidsById = new HashMap<>();
    private final Map<String, Schema> schemasByGuid = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    /** Creates an empty, unscoped registry. */
    public MockSchemaRegistryClient() {
    }

    /**
     * @param scope the text after {@code mock://}
     * @return the registry shared by that scope, created on first use
     */
    public static MockSchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistryClient());
    }

    /**
     * Forgets a scope, so the next {@link #forScope} starts empty.
     *
     * @param scope the text after {@code mock://}
     */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized SchemaMetadata register(String subject, Schema schema, boolean normalize) {
        String canonical = canonical(schema, normalize);
        List<SchemaMetadata> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (SchemaMetadata existing : versions) {
            if (canonical(existing.schema(), normalize).equals(canonical)) {
                return existing;
            }
        }
        List<String> problems = incompatibilities(versions, schema, level(subject));
        if (!problems.isEmpty()) {
            throw new RestClientException("Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + problems, 409, RestClientException.INCOMPATIBLE_SCHEMA);
        }
        Integer id = idsByCanonical.get(canonical);
        if (id == null) {
            id = nextId++;
            idsByCanonical.put(canonical, id);
            remember(id, schema, Guids.md5Uuid(canonical).toString());
        }
        return addVersion(subject, versions, id, schema);
    }

    /**
     * Registers a schema with an identity chosen by the test, the way a registry in IMPORT mode
     * would: e.g. to serve fixture bytes written elsewhere with id 1 and a given GUID.
     *
     * @param subject the subject
     * @param schema  the schema
     * @param id      the id to give it
     * @param guid    the GUID to give it, or {@code null} for the computed one
     * @return the new version
     * @throws IllegalStateException when the id is already taken by another schema
     */
    public synchronized SchemaMetadata register(String subject, Schema schema, int id, UUID guid) {
        Schema taken = schemasById.get(id);
        if (taken != null && !taken.equals(schema)) {
            throw new IllegalStateException("Schema id " + id + " is already taken by another schema");
        }
        String canonical = canonical(schema, false);
        idsByCanonical.put(canonical, id);
        remember(id, schema, (guid != null ? guid : Guids.md5Uuid(canonical)).toString());
        nextId = Math.max(nextId, id + 1);
        List<SchemaMetadata> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (SchemaMetadata existing : versions) {
            if (existing.id() == id) {
                return existing;
            }
        }
        return addVersion(subject, versions, id, schema);
    }

    @Override
    public synchronized Schema getSchemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new RestClientException("Schema " + id + " not found", 404, RestClientException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized Schema getSchemaByGuid(String guid) {
        Schema schema = schemasByGuid.get(guid);
        if (schema == null) {
            throw new RestClientException("Schema " + guid + " not found", 404, RestClientException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized SchemaMetadata lookup(String subject, Schema schema, boolean normalize) {
        String canonical = canonical(schema, normalize);
        for (SchemaMetadata existing : versionsOf(subject)) {
            if (canonical(existing.schema(), normalize).equals(canonical)) {
                return existing;
            }
        }
        throw new RestClientException("Schema not found", 404, RestClientException.SCHEMA_NOT_FOUND);
    }

    @Override
    public synchronized SchemaMetadata getLatestVersion(String subject) {
        List<SchemaMetadata> versions = versionsOf(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized SchemaMetadata getVersion(String subject, int version) {
        for (SchemaMetadata existing : versionsOf(subject)) {
            if (existing.version() == version) {
                return existing;
            }
        }
        throw new RestClientException("Version " + version + " not found.", 404, RestClientException.VERSION_NOT_FOUND);
    }

    @Override
    public synchronized List<String> getAllSubjects() {
        return subjects.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public synchronized List<Integer> getAllVersions(String subject) {
        return versionsOf(subject).stream().map(SchemaMetadata::version).toList();
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        List<SchemaMetadata> versions = subjects.getOrDefault(subject, List.of());
        return incompatibilities(versions, schema, level(subject)).isEmpty();
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility(String subject) {
        return subject == null ? globalLevel : level(subject);
    }

    @Override
    public synchronized CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level) {
        Objects.requireNonNull(level, "'level' cannot be null");
        if (subject == null) {
            globalLevel = level;
        } else {
            subjectLevels.put(subject, level);
        }
        return level;
    }

    private CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<SchemaMetadata> versionsOf(String subject) {
        List<SchemaMetadata> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new RestClientException("Subject '" + subject + "' not found.", 404, RestClientException.SUBJECT_NOT_FOUND);
        }
        return versions;
    }

    private SchemaMetadata addVersion(String subject, List<SchemaMetadata> versions, int id, Schema schema) {
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        SchemaMetadata metadata = new SchemaMetadata(subject, id, version, guidsById.get(id), schema);
        versions.add(metadata);
        return metadata;
    }

    private void remember(int id, Schema schema, String guid) {
        schemasById.put(id, schema);
        guidsById.put(id, guid);
        schemasByGuid.put(guid, schema);
    }

    private static String canonical(Schema schema, boolean normalize) {
        return normalize ? SchemaNormalization.toParsingForm(schema) : schema.toString();
    }

    private static List<String> incompatibilities(List<SchemaMetadata> versions, Schema candidate, CompatibilityLevel level) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
            return problems;
        }
        List<SchemaMetadata> against = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
        for (SchemaMetadata previous : against) {
            if (level.backward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous.schema()), previous, problems);
            }
            if (level.forward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(previous.schema(), candidate), previous, problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility result, SchemaMetadata previous, List<String> problems) {
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(i -> problems.add("{version: " + previous.version() + ", "
                + i.getType() + ", message: " + i.getMessage() + ", location: " + i.getLocation() + "}"));
        }
    }
}
