package gt.enlace.serde;

import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import gt.enlace.serde.client.SchemaRegistryClientConfig;
import gt.enlace.serde.internal.SchemaIdLocation;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link KafkaAvroSerializer} and {@link KafkaAvroDeserializer}: Confluent's keys
 * with Confluent's defaults, plus every key of {@link SchemaRegistryClientConfig}. Configuration
 * written for Confluent's serde works unchanged, including Confluent's class names as values of
 * the subject-name-strategy and schema-id (de)serializer keys.
 *
 * <p>Registry client keys may also be given with the {@code schema.registry.} prefix (e.g.
 * {@code schema.registry.basic.auth.user.info}); the prefixed form wins.
 */
public class KafkaAvroSerDeConfig extends AbstractConfig {

    /** See {@link SchemaRegistryClientConfig#SCHEMA_REGISTRY_URL_CONFIG}. */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG;
    /** See {@link SchemaRegistryClientConfig#BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG;
    /** See {@link SchemaRegistryClientConfig#BASIC_AUTH_USER_INFO_CONFIG}. */
    public static final String BASIC_AUTH_USER_INFO_CONFIG = SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG;
    /** See {@link SchemaRegistryClientConfig#MAX_SCHEMAS_PER_SUBJECT_CONFIG}. */
    public static final String MAX_SCHEMAS_PER_SUBJECT_CONFIG = SchemaRegistryClientConfig.MAX_SCHEMAS_PER_SUBJECT_CONFIG;
    /** See {@link SchemaRegistryClientConfig#LATEST_CACHE_TTL_CONFIG}. */
    public static final String LATEST_CACHE_TTL_CONFIG = SchemaRegistryClientConfig.LATEST_CACHE_TTL_CONFIG;

    /** Register the schema when it is not registered yet. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "Register the writer's schema under its subject "
        + "(POST /subjects/{subject}/versions) and write the id the registry returns. When false (and neither "
        + "use.schema.id nor use.latest.version is set) the schema is only looked up, and serialization fails if "
        + "it is not registered.";

    /** Write this fixed schema id. */
    public static final String USE_SCHEMA_ID = "use.schema.id";
    private static final String USE_SCHEMA_ID_DOC = "Write with this registered schema id instead of registering or "
        + "looking up; -1 disables it.";

    /** With {@link #USE_SCHEMA_ID}, check the local schema is compatible with the id's schema. */
    public static final String ID_COMPATIBILITY_STRICT = "id.compatibility.strict";
    private static final String ID_COMPATIBILITY_STRICT_DOC = "With use.schema.id, fail unless the registered "
        + "schema can read data written with the record's own schema (backward compatible).";

    /** Write with the subject's latest version. */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    private static final String USE_LATEST_VERSION_DOC = "Write with the subject's latest registered version "
        + "(refreshed every latest.cache.ttl.sec) instead of registering.";

    /** With {@link #USE_LATEST_VERSION}, check the local schema is compatible with the latest one. */
    public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    private static final String LATEST_COMPATIBILITY_STRICT_DOC = "With use.latest.version, fail unless the latest "
        + "version can read data written with the record's own schema (backward compatible).";

    /** Ask the registry to normalize schemas. */
    public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
    private static final String NORMALIZE_SCHEMAS_DOC = "Send normalize=true when registering and looking up.";

    /** Subject name strategy of keys. */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    /** Subject name strategy of values. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    private static final String SUBJECT_NAME_STRATEGY_DOC = "Class implementing gt.enlace.serde.SubjectNameStrategy. "
        + "Confluent's io.confluent.kafka.serializers.subject.{TopicNameStrategy,RecordNameStrategy,"
        + "TopicRecordNameStrategy} are accepted as aliases of Enlace's; AssociatedNameStrategy maps to "
        + "TopicNameStrategy (its fallback: Enlace's registry has no associations).";
    /** Default of the subject name strategies. */
    public static final String SUBJECT_NAME_STRATEGY_DEFAULT = TopicNameStrategy.class.getName();

    /** Read into generated SpecificRecord classes. */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    private static final String SPECIFIC_AVRO_READER_DOC = "Deserialize records into the generated SpecificRecord "
        + "class named by the writer's schema (its SCHEMA$ is the reader schema) instead of GenericRecord.";

    /** Use Avro's logical-type conversions for generic data. */
    public static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    private static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS_DOC = "Generic data uses Avro's logical-type "
        + "conversions: date→LocalDate, timestamp-millis/micros→Instant, time→LocalTime, decimal→BigDecimal, "
        + "uuid→UUID. Specific classes always use the conversions they were generated with.";

    /** Where the key serializer puts the schema id. */
    public static final String KEY_SCHEMA_ID_SERIALIZER = "key.schema.id.serializer";
    /** Where the value serializer puts the schema id. */
    public static final String VALUE_SCHEMA_ID_SERIALIZER = "value.schema.id.serializer";
    private static final String SCHEMA_ID_SERIALIZER_DOC = "prefix (default: 0x00 + 4-byte id before the Avro "
        + "datum, readable by every Confluent client) or header (8.x: header __key_schema_id/__value_schema_id = "
        + "0x01 + 16-byte GUID, payload plain Avro; needs a registry that returns GUIDs). Confluent's "
        + "PrefixSchemaIdSerializer/HeaderSchemaIdSerializer class names are accepted.";

    /** Where the key deserializer looks for the schema id. */
    public static final String KEY_SCHEMA_ID_DESERIALIZER = "key.schema.id.deserializer";
    /** Where the value deserializer looks for the schema id. */
    public static final String VALUE_SCHEMA_ID_DESERIALIZER = "value.schema.id.deserializer";
    private static final String SCHEMA_ID_DESERIALIZER_DOC = "dual (default: the header if present, else the "
        + "payload prefix), prefix or header. Confluent's DualSchemaIdDeserializer/PrefixSchemaIdDeserializer/"
        + "HeaderSchemaIdDeserializer class names are accepted.";

    private static final String CLIENT_PREFIX = "schema.registry.";

    private static final Map<String, String> STRATEGY_ALIASES = Map.of(
        "io.confluent.kafka.serializers.subject.TopicNameStrategy", TopicNameStrategy.class.getName(),
        "io.confluent.kafka.serializers.subject.RecordNameStrategy", RecordNameStrategy.class.getName(),
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", TopicRecordNameStrategy.class.getName(),
        "io.confluent.kafka.serializers.subject.AssociatedNameStrategy", TopicNameStrategy.class.getName(),
        "TopicNameStrategy", TopicNameStrategy.class.getName(),
        "RecordNameStrategy", RecordNameStrategy.class.getName(),
        "TopicRecordNameStrategy", TopicRecordNameStrategy.class.getName());

    private static final ConfigDef CONFIG = SchemaRegistryClientConfig.addClientConfigs(new ConfigDef())
        .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
        .define(USE_SCHEMA_ID, Type.INT, -1, Importance.LOW, USE_SCHEMA_ID_DOC)
        .define(ID_COMPATIBILITY_STRICT, Type.BOOLEAN, true, Importance.LOW, ID_COMPATIBILITY_STRICT_DOC)
        .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.LOW, USE_LATEST_VERSION_DOC)
        .define(LATEST_COMPATIBILITY_STRICT, Type.BOOLEAN, true, Importance.LOW, LATEST_COMPATIBILITY_STRICT_DOC)
        .define(NORMALIZE_SCHEMAS, Type.BOOLEAN, false, Importance.LOW, NORMALIZE_SCHEMAS_DOC)
        .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, SUBJECT_NAME_STRATEGY_DEFAULT, Importance.MEDIUM, SUBJECT_NAME_STRATEGY_DOC)
        .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, SUBJECT_NAME_STRATEGY_DEFAULT, Importance.MEDIUM, SUBJECT_NAME_STRATEGY_DOC)
        .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.LOW, SPECIFIC_AVRO_READER_DOC)
        .define(AVRO_USE_LOGICAL_TYPE_CONVERTERS, Type.BOOLEAN, false, Importance.LOW, AVRO_USE_LOGICAL_TYPE_CONVERTERS_DOC)
        .define(KEY_SCHEMA_ID_SERIALIZER, Type.STRING, "prefix", Importance.LOW, SCHEMA_ID_SERIALIZER_DOC)
        .define(VALUE_SCHEMA_ID_SERIALIZER, Type.STRING, "prefix", Importance.LOW, SCHEMA_ID_SERIALIZER_DOC)
        .define(KEY_SCHEMA_ID_DESERIALIZER, Type.STRING, "dual", Importance.LOW, SCHEMA_ID_DESERIALIZER_DOC)
        .define(VALUE_SCHEMA_ID_DESERIALIZER, Type.STRING, "dual", Importance.LOW, SCHEMA_ID_DESERIALIZER_DOC);

    /**
     * @param props the serde configuration (producer/consumer properties are fine: unknown keys are ignored)
     */
    public KafkaAvroSerDeConfig(Map<?, ?> props) {
        super(CONFIG, withClientPrefixApplied(props), false);
    }

    /**
     * Parses the configuration of a serializer or deserializer. When the caller handed the serde its own
     * registry client, {@code schema.registry.url} is not needed and may be left out.
     */
    static KafkaAvroSerDeConfig forSerde(Map<String, ?> configs, boolean clientGiven) {
        if (!clientGiven) {
            return new KafkaAvroSerDeConfig(configs);
        }
        Map<String, Object> props = new HashMap<>(configs);
        props.putIfAbsent(SCHEMA_REGISTRY_URL_CONFIG, "mock://unused-client-given");
        return new KafkaAvroSerDeConfig(props);
    }

    /** @return the definition of every key, e.g. to render documentation */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /**
     * The configuration handed to the registry client: the originals, with
     * {@code schema.registry.}-prefixed client keys taking precedence.
     *
     * @return client configuration
     */
    public Map<String, Object> clientConfigs() {
        return new HashMap<>(originals());
    }

    /**
     * @param isKey key or value side
     * @return a new instance of the configured subject name strategy
     */
    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String key = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        String name = getString(key).trim();
        String className = STRATEGY_ALIASES.getOrDefault(name, name);
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : KafkaAvroSerDeConfig.class.getClassLoader());
            if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
                throw new ConfigException(key, name, "does not implement " + SubjectNameStrategy.class.getName());
            }
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, name, "class not found; use " + TopicNameStrategy.class.getName() + ", "
                + RecordNameStrategy.class.getName() + ", " + TopicRecordNameStrategy.class.getName()
                + " (or Confluent's names for them) or a class implementing " + SubjectNameStrategy.class.getName());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new ConfigException(key, name, "cannot be instantiated with a public no-argument constructor: " + cause);
        }
    }

    /**
     * @param isKey key or value side
     * @return where the serializer writes the schema id
     */
    public SchemaIdLocation schemaIdSerializer(boolean isKey) {
        String key = isKey ? KEY_SCHEMA_ID_SERIALIZER : VALUE_SCHEMA_ID_SERIALIZER;
        SchemaIdLocation location = location(key, getString(key));
        if (location == SchemaIdLocation.DUAL) {
            throw new ConfigException(key, getString(key), "a serializer writes either prefix or header");
        }
        return location;
    }

    /**
     * @param isKey key or value side
     * @return where the deserializer reads the schema id
     */
    public SchemaIdLocation schemaIdDeserializer(boolean isKey) {
        String key = isKey ? KEY_SCHEMA_ID_DESERIALIZER : VALUE_SCHEMA_ID_DESERIALIZER;
        return location(key, getString(key));
    }

    private static SchemaIdLocation location(String key, String value) {
        String v = value.trim();
        int dot = v.lastIndexOf('.');
        String simple = (dot >= 0 ? v.substring(dot + 1) : v).toLowerCase(Locale.ROOT);
        if (simple.startsWith("prefix")) {
            return SchemaIdLocation.PREFIX;
        }
        if (simple.startsWith("header")) {
            return SchemaIdLocation.HEADER;
        }
        if (simple.startsWith("dual")) {
            return SchemaIdLocation.DUAL;
        }
        throw new ConfigException(key, value, "expected prefix, header or dual (or Confluent's "
            + "PrefixSchemaId*, HeaderSchemaId*, DualSchemaIdDeserializer class names)");
    }

    private static Map<String, Object> withClientPrefixApplied(Map<?, ?> props) {
        Map<String, Object> out = new HashMap<>();
        props.forEach((k, v) -> out.put(String.valueOf(k), v));
        props.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (name.startsWith(CLIENT_PREFIX) && !name.equals(SCHEMA_REGISTRY_URL_CONFIG)) {
                out.put(name.substring(CLIENT_PREFIX.length()), v);
            }
        });
        return out;
    }
}
