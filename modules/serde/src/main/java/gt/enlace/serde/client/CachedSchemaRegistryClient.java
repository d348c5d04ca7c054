package gt.enlace.serde.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import gt.enlace.serde.client.internal.BoundedCache;
import gt.enlace.serde.client.internal.RestService;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import static gt.enlace.serde.client.internal.UriEncoding.encodeUriComponent;

/**
 * {@link SchemaRegistryClient} over HTTP with Confluent's caching rules.
 *
 * <ul>
 *   <li>id → schema and GUID → schema: cached for good (ids never change meaning), LRU-bounded by
 *       {@code max.schemas.per.subject};</li>
 *   <li>schema → id, per subject (for register and lookup): cached for good, bounded per subject;</li>
 *   <li>subject → latest version: cached for {@code latest.cache.ttl.sec} (default 60 s);</li>
 *   <li>(subject, version) → schema: cached for good.</li>
 * </ul>
 *
 * <p>Transport: several URLs with failover, connect/read timeouts, retries with exponential back-off
 * for retriable failures only, HTTP Basic auth from the URL's user info or from
 * {@code basic.auth.user.info}; see {@link SchemaRegistryClientConfig} for the keys. Subjects are
 * percent-encoded like JavaScript's {@code encodeURIComponent}.
 */
public class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private final RestService rest;
    private final Clock clock;
    private final int capacity;
    private final long latestTtlMillis;
    private final Map<String, BoundedCache<Schema, SchemaMetadata>> registeredBySubject = new ConcurrentHashMap<>();
    private final Map<String, BoundedCache<Schema, SchemaMetadata>> lookedUpBySubject = new ConcurrentHashMap<>();
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<String, Schema> schemasByGuid;
    private final BoundedCache<String, SchemaMetadata> versions;
    private final BoundedCache<String, Timed> latest;

    /**
     * @param configs Kafka-style configuration (keys of {@link SchemaRegistryClientConfig})
     */
    public CachedSchemaRegistryClient(Map<String, ?> configs) {
        this(new SchemaRegistryClientConfig(configs));
    }

    /**
     * @param config the parsed configuration
     */
    public CachedSchemaRegistryClient(SchemaRegistryClientConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * @param config the parsed configuration
     * @param clock  time source of the latest-version TTL (tests pass a controllable clock)
     */
    public CachedSchemaRegistryClient(SchemaRegistryClientConfig config, Clock clock) {
        this.rest = new RestService(
            config.getList(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG),
            config.getString(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG),
            config.getPassword(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG).value(),
            Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS_CONFIG)),
            Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS_CONFIG)),
            config.getInt(SchemaRegistryClientConfig.MAX_RETRIES_CONFIG),
            config.getInt(SchemaRegistryClientConfig.RETRIES_WAIT_MS_CONFIG),
            config.getInt(SchemaRegistryClientConfig.RETRIES_MAX_WAIT_MS_CONFIG));
        this.clock = clock;
        this.capacity = config.getInt(SchemaRegistryClientConfig.MAX_SCHEMAS_PER_SUBJECT_CONFIG);
        long ttlSeconds = config.getLong(SchemaRegistryClientConfig.LATEST_CACHE_TTL_CONFIG);
        this.latestTtlMillis = ttlSeconds < 0 ? Long.MAX_VALUE : ttlSeconds * 1000;
        this.schemasById = new BoundedCache<>(capacity);
        this.schemasByGuid = new BoundedCache<>(capacity);
        this.versions = new BoundedCache<>(capacity);
        this.latest = new BoundedCache<>(capacity);
    }

    @Override
    public SchemaMetadata register(String subject, Schema schema, boolean normalize) {
        BoundedCache<Schema, SchemaMetadata> cache = subjectCache(registeredBySubject, subject, normalize);
        SchemaMetadata cached = cache.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode node = rest.send("POST", "/subjects/" + encodeUriComponent(subject) + "/versions?normalize=" + normalize,
            Map.of("schema", schema.toString()));
        SchemaMetadata registered = metadata(subject, node, schema);
        cache.put(schema, registered);
        schemasById.put(registered.id(), registered.schema());
        return registered;
    }

    @Override
    public Schema getSchemaById(int id) {
        return schemasById.computeIfAbsent(id, key -> {
            JsonNode node = rest.send("GET", "/schemas/ids/" + key + "?fetchMaxId=false", null);
            return parseSchema(node, "schema id " + key);
        });
    }

    @Override
    public Schema getSchemaByGuid(String guid) {
        return schemasByGuid.computeIfAbsent(guid, key -> {
            JsonNode node = rest.send("GET", "/schemas/guids/" + encodeUriComponent(key), null);
            return parseSchema(node, "schema GUID " + key);
        });
    }

    @Override
    public SchemaMetadata lookup(String subject, Schema schema, boolean normalize) {
        BoundedCache<Schema, SchemaMetadata> cache = subjectCache(lookedUpBySubject, subject, normalize);
        SchemaMetadata cached = cache.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode node = rest.send("POST", "/subjects/" + encodeUriComponent(subject) + "?normalize=" + normalize + "&deleted=false",
            Map.of("schema", schema.toString()));
        SchemaMetadata found = metadata(subject, node, schema);
        cache.put(schema, found);
        return found;
    }

    @Override
    public SchemaMetadata getLatestVersion(String subject) {
        long now = clock.millis();
        Timed cached = latest.get(subject);
        if (cached != null && now < cached.expiresAtMillis) {
            return cached.metadata;
        }
        SchemaMetadata found = fetchVersion(subject, "latest");
        if (latestTtlMillis > 0) {
            long expires = latestTtlMillis == Long.MAX_VALUE ? Long.MAX_VALUE : now + latestTtlMillis;
            latest.put(subject, new Timed(found, expires));
        }
        return found;
    }

    @Override
    public SchemaMetadata getVersion(String subject, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("A version is 1 or more, got " + version + "; use getLatestVersion for the latest");
        }
        return versions.computeIfAbsent(subject + '\u0000' + version, key -> fetchVersion(subject, Integer.toString(version)));
    }

    @Override
    public List<String> getAllSubjects() {
        List<String> out = new ArrayList<>();
        rest.send("GET", "/subjects", null).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public List<Integer> getAllVersions(String subject) {
        List<Integer> out = new ArrayList<>();
        rest.send("GET", "/subjects/" + encodeUriComponent(subject) + "/versions", null).forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        JsonNode node = rest.send("POST", "/compatibility/subjects/" + encodeUriComponent(subject) + "/versions/latest",
            Map.of("schema", schema.toString()));
        return node != null && node.path("is_compatible").asBoolean(false);
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        String path = subject == null ? "/config" : "/config/" + encodeUriComponent(subject) + "?defaultToGlobal=true";
        JsonNode node = rest.send("GET", path, null);
        return CompatibilityLevel.parse(node.path("compatibilityLevel").asText());
    }

    @Override
    public CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level) {
        String path = subject == null ? "/config" : "/config/" + encodeUriComponent(subject);
        JsonNode node = rest.send("PUT", path, Map.of("compatibility", level.name()));
        return CompatibilityLevel.parse(node.path("compatibility").asText(level.name()));
    }

    private SchemaMetadata fetchVersion(String subject, String version) {
        JsonNode node = rest.send("GET", "/subjects/" + encodeUriComponent(subject) + "/versions/" + version, null);
        Schema schema = parseSchema(node, "subject " + subject + " version " + version);
        SchemaMetadata metadata = metadata(subject, node, schema);
        schemasById.put(metadata.id(), schema);
        return metadata;
    }

    private BoundedCache<Schema, SchemaMetadata> subjectCache(Map<String, BoundedCache<Schema, SchemaMetadata>> caches,
                                                               String subject, boolean normalize) {
        String key = normalize ? subject + "\u0000normalized" : subject;
        return caches.computeIfAbsent(key, k -> new BoundedCache<>(capacity));
    }

    /**
     * Reads {id, version?, guid?, schema?} from any of the registry's answer shapes: v7.4's
     * {@code {"id":N}}, 7.9+'s full schema object, 8.x's with {@code guid}.
     */
    private static SchemaMetadata metadata(String subject, JsonNode node, Schema fallback) {
        if (node == null || !node.hasNonNull("id")) {
            throw new SchemaRegistryException("The schema registry's answer for subject '" + subject + "' has no id: " + node);
        }
        Schema schema = node.hasNonNull("schema") ? parseSchemaText(node.get("schema").asText(), "subject " + subject) : fallback;
        return new SchemaMetadata(
            node.hasNonNull("subject") ? node.get("subject").asText() : subject,
            node.get("id").asInt(),
            node.path("version").asInt(SchemaMetadata.UNKNOWN_VERSION),
            node.hasNonNull("guid") ? node.get("guid").asText() : null,
            schema);
    }

    private static Schema parseSchema(JsonNode node, String what) {
        if (node == null || !node.hasNonNull("schema")) {
            throw new SchemaRegistryException("The schema registry's answer for " + what + " has no schema: " + node);
        }
        String type = node.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException("The schema of " + what + " is " + type + ", not AVRO; this client reads Avro only");
        }
        return parseSchemaText(node.get("schema").asText(), what);
    }

    private static Schema parseSchemaText(String text, String what) {
        try {
            return new Schema.Parser().setValidateDefaults(false).parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("The schema registry returned an invalid Avro schema for " + what + ": "
                + e.getMessage(), e);
        }
    }

    /** @return a snapshot of cache sizes, for diagnostics */
    public Map<String, Integer> cacheSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("schemasById", schemasById.size());
        sizes.put("schemasByGuid", schemasByGuid.size());
        sizes.put("versions", versions.size());
        sizes.put("latest", latest.size());
        return sizes;
    }

    private record Timed(SchemaMetadata metadata, long expiresAtMillis) {
    }
}
