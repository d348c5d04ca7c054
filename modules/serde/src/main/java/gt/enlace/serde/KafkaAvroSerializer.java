package gt.enlace.serde;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClients;
import gt.enlace.serde.client.SchemaRegistryException;
import gt.enlace.serde.client.internal.Guids;
import gt.enlace.serde.internal.AvroData;
import gt.enlace.serde.internal.ReusableOutput;
import gt.enlace.serde.internal.SchemaIdLocation;
import gt.enlace.serde.internal.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} writing Avro in Confluent's wire format: {@code 0x00}, the schema id as
 * a 4-byte big-endian int, then the Avro binary datum (no container header). Any Confluent client
 * in any language reads what it writes. Accepts generic records ({@code GenericRecord} and any
 * {@code GenericContainer}), generated {@code SpecificRecord} classes, and Avro primitives
 * ({@code CharSequence}, {@code Integer}, {@code Long}, {@code Float}, {@code Double},
 * {@code Boolean}, {@code byte[]}, {@code ByteBuffer}); {@code null} becomes a Kafka {@code null}
 * without calling the registry.
 *
 * <p>Where the id comes from, as in Confluent's serializer: {@code use.schema.id} (fixed id), else
 * {@code use.latest.version} (the subject's latest version, refreshed every
 * {@code latest.cache.ttl.sec}), else {@code auto.register.schemas} (default: register), else a
 * lookup that fails when the schema is not registered. The subject comes from the configured
 * {@link SubjectNameStrategy} (default {@code <topic>-value}). See {@link KafkaAvroSerDeConfig}.
 *
 * <p>Hot path: once a (topic, schema instance) pair is resolved its id, prefix and
 * {@link DatumWriter} are cached by schema identity, and the per-thread buffer and encoder are
 * reused, so a record costs the Avro encoding plus one array copy.
 *
 * <pre>{@code
 * props.put("value.serializer", KafkaAvroSerializer.class.getName());
 * props.put("schema.registry.url", "http://registry:8081");
 * }</pre>
 */
public class KafkaAvroSerializer implements Serializer<Object> {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private SubjectNameStrategy strategy;
    private boolean autoRegister;
    private boolean normalize;
    private boolean useLatest;
    private boolean latestStrict;
    private int useSchemaId;
    private boolean idStrict;
    private long latestTtlNanos;
    private int maxSchemasPerTopic;
    private GenericData genericData;
    private SchemaIdLocation idLocation = SchemaIdLocation.PREFIX;
    private String headerName;
    private boolean configured;

    private volatile WriterState last;
    private final Map<String, WriterState[]> byTopic = new ConcurrentHashMap<>();

    /** For Kafka: instantiate by class name, then {@link #configure}. */
    public KafkaAvroSerializer() {
    }

    /**
     * Uses a given client (not closed by {@link #close()}); call {@link #configure} before use.
     *
     * @param client the registry client
     */
    public KafkaAvroSerializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "'client' cannot be null");
    }

    /**
     * Uses a given client and configures a value serializer; {@code schema.registry.url} may be
     * omitted.
     *
     * @param client the registry client (not closed by {@link #close()})
     * @param props  serde configuration
     */
    public KafkaAvroSerializer(SchemaRegistryClient client, Map<String, ?> props) {
        this(client);
        configure(props, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        KafkaAvroSerDeConfig config = KafkaAvroSerDeConfig.forSerde(configs, client != null);
        this.isKey = isKey;
        this.strategy = config.subjectNameStrategy(isKey);
        this.autoRegister = config.getBoolean(KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS);
        this.normalize = config.getBoolean(KafkaAvroSerDeConfig.NORMALIZE_SCHEMAS);
        this.useLatest = config.getBoolean(KafkaAvroSerDeConfig.USE_LATEST_VERSION);
        this.latestStrict = config.getBoolean(KafkaAvroSerDeConfig.LATEST_COMPATIBILITY_STRICT);
        this.useSchemaId = config.getInt(KafkaAvroSerDeConfig.USE_SCHEMA_ID);
        this.idStrict = config.getBoolean(KafkaAvroSerDeConfig.ID_COMPATIBILITY_STRICT);
        long ttlSeconds = config.getLong(KafkaAvroSerDeConfig.LATEST_CACHE_TTL_CONFIG);
        this.latestTtlNanos = ttlSeconds < 0 ? -1 : TimeUnit.SECONDS.toNanos(ttlSeconds);
        this.maxSchemasPerTopic = config.getInt(KafkaAvroSerDeConfig.MAX_SCHEMAS_PER_SUBJECT_CONFIG);
        this.genericData = AvroData.genericData(config.getBoolean(KafkaAvroSerDeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS));
        this.idLocation = config.schemaIdSerializer(isKey);
        this.headerName = isKey ? WireFormat.KEY_SCHEMA_ID_HEADER : WireFormat.VALUE_SCHEMA_ID_HEADER;
        if (client == null) {
            this.client = SchemaRegistryClients.create(config.clientConfigs());
            this.ownsClient = true;
        }
        this.byTopic.clear();
        this.last = null;
        this.configured = true;
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null) {
            return null;
        }
        Schema schema = AvroData.schemaOf(data);
        WriterState state = last;
        if (state == null || state.schema != schema || !state.topic.equals(topic) || state.stale()) {
            state = stateFor(topic, schema, data);
            last = state;
        }
        ReusableOutput out = ReusableOutput.acquire();
        try {
            if (idLocation == SchemaIdLocation.PREFIX) {
                out.write(state.prefix, 0, state.prefix.length);
            } else {
                if (headers == null) {
                    throw new SerializationException("The header schema-id form needs record headers; "
                        + "call serialize(topic, headers, data) or use the prefix form");
                }
                headers.remove(headerName);
                headers.add(headerName, state.headerValue);
            }
            if (data instanceof byte[] bytes) {
                out.encoder.writeBytes(bytes);
            } else {
                state.writer.write(data, out.encoder);
            }
            out.encoder.flush();
            return out.toByteArrayAndRelease();
        } catch (SerializationException e) {
            ReusableOutput.discard();
            throw e;
        } catch (Exception e) {
            ReusableOutput.discard();
            throw new SerializationException("Error serializing an Avro " + schema.getFullName() + " for topic '" + topic
                + "' with schema id " + state.id + ": " + e, e);
        }
    }

    private WriterState stateFor(String topic, Schema schema, Object data) {
        WriterState[] slots = byTopic.get(topic);
        if (slots != null) {
            for (WriterState s : slots) {
                if (s.schema == schema && !s.stale()) {
                    return s;
                }
            }
        }
        WriterState fresh = resolve(topic, schema, data);
        synchronized (byTopic) {
            WriterState[] current = byTopic.get(topic);
            WriterState[] next;
            if (current == null || current.length >= maxSchemasPerTopic) {
                next = new WriterState[] {fresh};
            } else {
                next = Arrays.copyOf(current, current.length + 1);
                int kept = 0;
                for (WriterState s : current) {
                    if (s.schema != schema) {
                        next[kept++] = s;
                    }
                }
                next[kept++] = fresh;
                next = Arrays.copyOf(next, kept);
            }
            byTopic.put(topic, next);
        }
        return fresh;
    }

    private WriterState resolve(String topic, Schema schema, Object data) {
        if (!configured) {
            throw new IllegalStateException("KafkaAvroSerializer used before configure(...)");
        }
        String subject = strategy.subjectName(topic, isKey, schema);
        SchemaMetadata metadata;
        Schema writerSchema = schema;
        long refreshAt = 0;
        try {
            if (useSchemaId >= 0) {
                Schema registered = client.getSchemaById(useSchemaId);
                if (idStrict) {
                    requireReadable(registered, schema, subject, "use.schema.id=" + useSchemaId + " (id.compatibility.strict=true)");
                }
                metadata = new SchemaMetadata(subject, useSchemaId, SchemaMetadata.UNKNOWN_VERSION, null, registered);
                writerSchema = registered;
            } else if (useLatest) {
                metadata = client.getLatestVersion(subject);
                if (latestStrict) {
                    requireReadable(metadata.schema(), schema, subject, "use.latest.version (latest.compatibility.strict=true)");
                }
                writerSchema = metadata.schema();
                if (latestTtlNanos >= 0) {
                    refreshAt = System.nanoTime() + latestTtlNanos;
                    if (refreshAt == 0) {
                        refreshAt = 1;
                    }
                }
            } else if (autoRegister) {
                metadata = client.register(subject, schema, normalize);
            } else {
                metadata = lookup(subject, schema, topic);
            }
        } catch (RestClientException e) {
            throw new SerializationException("Error " + (autoRegister && useSchemaId < 0 && !useLatest ? "registering" : "retrieving")
                + " Avro schema " + schema.getFullName() + " for subject '" + subject + "' (topic '" + topic + "'): "
                + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Schema registry unavailable while resolving subject '" + subject + "': "
                + e.getMessage(), e);
        }
        byte[] headerValue = null;
        if (idLocation == SchemaIdLocation.HEADER) {
            if (metadata.guid() == null) {
                throw new SerializationException("The header schema-id form needs the schema's GUID, but the registry gave "
                    + "none for subject '" + subject + "' id " + metadata.id() + " (registries before 8.0 have no GUIDs; "
                    + "use " + (isKey ? KafkaAvroSerDeConfig.KEY_SCHEMA_ID_SERIALIZER : KafkaAvroSerDeConfig.VALUE_SCHEMA_ID_SERIALIZER)
                    + "=prefix)");
            }
            headerValue = new byte[WireFormat.GUID_LENGTH];
            headerValue[0] = WireFormat.MAGIC_BYTE_GUID;
            System.arraycopy(Guids.toBytes(UUID.fromString(metadata.guid())), 0, headerValue, 1, 16);
        }
        return new WriterState(topic, schema, metadata.id(), WireFormat.idPrefix(metadata.id()), headerValue,
            writerFor(writerSchema, data), refreshAt);
    }

    private SchemaMetadata lookup(String subject, Schema schema, String topic) {
        try {
            return client.lookup(subject, schema, normalize);
        } catch (RestClientException e) {
            if (e.errorCode() == RestClientException.SCHEMA_NOT_FOUND || e.errorCode() == RestClientException.SUBJECT_NOT_FOUND) {
                throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject '" + subject
                    + "' (topic '" + topic + "') and auto.register.schemas=false: register it first, or enable "
                    + "auto.register.schemas or use.latest.version. Registry said: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static void requireReadable(Schema registered, Schema local, String subject, String mode) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(registered, local);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("The registered schema of subject '" + subject + "' cannot read data written with the "
                + "record's schema " + local.getFullName() + " (" + mode + "): " + result.getResult().getIncompatibilities());
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writerFor(Schema writerSchema, Object data) {
        if (data instanceof SpecificRecord || data instanceof Enum<?>) {
            return new SpecificDatumWriter<>(writerSchema, SpecificData.getForClass(data.getClass()));
        }
        return (DatumWriter<Object>) genericData.createDatumWriter(writerSchema);
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }

    /** Everything the hot path needs for one (topic, schema instance). */
    private static final class WriterState {
        final String topic;
        final Schema schema;
        final int id;
        final byte[] prefix;
        final byte[] headerValue;
        final DatumWriter<Object> writer;
        final long refreshAtNanos;

        WriterState(String topic, Schema schema, int id, byte[] prefix, byte[] headerValue, DatumWriter<Object> writer,
                    long refreshAtNanos) {
            this.topic = topic;
            this.schema = schema;
            this.id = id;
            this.prefix = prefix;
            this.headerValue = headerValue;
            this.writer = writer;
            this.refreshAtNanos = refreshAtNanos;
        }

        boolean stale() {
            return refreshAtNanos != 0 && System.nanoTime() - refreshAtNanos >= 0;
        }
    }
}
