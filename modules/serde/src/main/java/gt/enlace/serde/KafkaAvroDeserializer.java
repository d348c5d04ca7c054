package gt.enlace.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClients;
import gt.enlace.serde.client.SchemaRegistryException;
import gt.enlace.serde.client.internal.Guids;
import gt.enlace.serde.internal.AvroData;
import gt.enlace.serde.internal.SchemaIdLocation;
import gt.enlace.serde.internal.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} reading Avro in Confluent's wire format, whoever wrote it (Confluent's
 * Java, JavaScript, Python or .NET serializers, or {@link KafkaAvroSerializer}).
 *
 * <p>Where the writer's schema comes from ({@code value.schema.id.deserializer}, default
 * {@code dual}, like Confluent 8.x): the {@code __value_schema_id}/{@code __key_schema_id} header
 * when present ({@code 0x01} + 16-byte GUID, fetched with {@code GET /schemas/guids/{guid}}; the
 * payload is then plain Avro), else the payload prefix ({@code 0x00} + 4-byte big-endian id). The
 * schema is fetched once per id and cached, with a {@code DatumReader} per (writer schema id, reader
 * schema) pair.
 *
 * <p>Result: a {@code GenericRecord} (or {@code GenericData.EnumSymbol}, {@code GenericData.Fixed},
 * …) by default; with {@code specific.avro.reader=true} an instance of the generated class named by
 * the writer's schema, read with that class's {@code SCHEMA$} as reader schema, so data written with
 * an older schema gets the new fields' defaults (Avro schema resolution). A string primitive comes
 * back as {@code String}, a bytes primitive as {@code byte[]}. A Kafka {@code null} stays
 * {@code null}.
 *
 * <p>Failures are {@link SerializationException}s that say what is wrong: an unknown magic byte
 * (the bytes are not Confluent wire format), a record too short to hold a schema id, an id or GUID
 * the registry does not know (with the registry's error code), or a datum that does not decode
 * with the writer's schema.
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {

    private static final ThreadLocal<BinaryDecoder[]> DECODER = ThreadLocal.withInitial(() -> new BinaryDecoder[1]);

    /**
     * The decoder of the thread that last used this deserializer. A Kafka consumer calls its deserializer from one
     * thread, so this spares that thread a {@link ThreadLocal} lookup per record (measured at several percent of a
     * consumer's time); a decoder is only ever used by the thread in its slot.
     */
    private volatile DecoderSlot lastDecoder;

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean specific;
    private GenericData genericData;
    private SchemaIdLocation idLocation = SchemaIdLocation.DUAL;
    private String headerName;
    private int maxCachedSchemas;
    private boolean configured;

    private volatile ReaderState lastById;
    private volatile ReaderState lastByGuid;
    private final Map<Integer, ReaderState> byId = new ConcurrentHashMap<>();
    private final Map<UUID, ReaderState> byGuid = new ConcurrentHashMap<>();

    /** For Kafka: instantiate by class name, then {@link #configure}. */
    public KafkaAvroDeserializer() {
    }

    /**
     * Uses a given client (not closed by {@link #close()}); call {@link #configure} before use.
     *
     * @param client the registry client
     */
    public KafkaAvroDeserializer(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "'client' cannot be null");
    }

    /**
     * Uses a given client and configures a value deserializer; {@code schema.registry.url} may be
     * omitted.
     *
     * @param client the registry client (not closed by {@link #close()})
     * @param props  serde configuration
     */
    public KafkaAvroDeserializer(SchemaRegistryClient client, Map<String, ?> props) {
        this(client);
        configure(props, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        KafkaAvroSerDeConfig config = KafkaAvroSerDeConfig.forSerde(configs, client != null);
        this.specific = config.getBoolean(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER);
        this.genericData = AvroData.genericData(config.getBoolean(KafkaAvroSerDeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS));
        this.idLocation = config.schemaIdDeserializer(isKey);
        this.headerName = isKey ? WireFormat.KEY_SCHEMA_ID_HEADER : WireFormat.VALUE_SCHEMA_ID_HEADER;
        this.maxCachedSchemas = config.getInt(KafkaAvroSerDeConfig.MAX_SCHEMAS_PER_SUBJECT_CONFIG);
        if (client == null) {
            this.client = SchemaRegistryClients.create(config.clientConfigs());
            this.ownsClient = true;
        }
        this.byId.clear();
        this.byGuid.clear();
        this.lastById = null;
        this.lastByGuid = null;
        this.configured = true;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        return read(topic, headers, data, 0, data.length);
    }

    /** Reads straight from the consumer's buffer when it is array-backed, without copying. */
    @Override
    public Object deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return read(topic, headers, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return read(topic, headers, copy, 0, copy.length);
    }

    private Object read(String topic, Headers headers, byte[] data, int start, int length) {
        if (!configured) {
            throw new IllegalStateException("KafkaAvroDeserializer used before configure(...)");
        }
        ReaderState state;
        int datumStart;
        Header header = idLocation != SchemaIdLocation.PREFIX && headers != null ? headers.lastHeader(headerName) : null;
        if (header != null) {
            state = fromHeader(topic, header.value());
            datumStart = start;
        } else if (idLocation == SchemaIdLocation.HEADER) {
            throw new SerializationException("Record on topic '" + topic + "' has no " + headerName + " header, and "
                + "schema.id.deserializer=header does not look at the payload prefix");
        } else {
            if (length < 1) {
                throw new SerializationException("Record on topic '" + topic + "' is empty: too short for Confluent wire "
                    + "format (needs 0x00 + 4-byte schema id + Avro datum)");
            }
            byte magic = data[start];
            if (magic == WireFormat.MAGIC_BYTE_ID) {
                if (length < WireFormat.ID_PREFIX_LENGTH) {
                    throw tooShort(topic, length, WireFormat.ID_PREFIX_LENGTH, "0x00 + 4-byte schema id");
                }
                state = byId(topic, WireFormat.readInt(data, start + 1));
                datumStart = start + WireFormat.ID_PREFIX_LENGTH;
            } else if (magic == WireFormat.MAGIC_BYTE_GUID) {
                if (length < WireFormat.GUID_LENGTH) {
                    throw tooShort(topic, length, WireFormat.GUID_LENGTH, "0x01 + 16-byte schema GUID");
                }
                state = byGuid(topic, Guids.fromBytes(data, start + 1));
                datumStart = start + WireFormat.GUID_LENGTH;
            } else {
                throw new SerializationException(String.format("Unknown magic byte 0x%02x at the start of a %d-byte record "
                    + "on topic '%s': this is not Confluent wire format (expected 0x00 followed by a 4-byte schema id%s)",
                    magic & 0xff, length, topic, idLocation == SchemaIdLocation.DUAL ? ", or a " + headerName + " header" : ""));
            }
        }
        BinaryDecoder decoder = decoder(data, datumStart, start + length - datumStart);
        try {
            Object result = state.reader.read(null, decoder);
            return state.adapt(result);
        } catch (Exception e) {
            throw new SerializationException("Error deserializing Avro record on topic '" + topic + "' written with schema "
                + state.describe() + ": the datum is truncated or was not written with that schema (" + e + ")", e);
        }
    }

    private BinaryDecoder decoder(byte[] data, int offset, int length) {
        Thread current = Thread.currentThread();
        DecoderSlot slot = lastDecoder;
        if (slot != null && slot.owner == current) {
            return DecoderFactory.get().binaryDecoder(data, offset, length, slot.decoder);
        }
        BinaryDecoder[] holder = DECODER.get();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, offset, length, holder[0]);
        holder[0] = decoder;
        lastDecoder = new DecoderSlot(current, decoder);
        return decoder;
    }

    /** A thread and its decoder (the one in its {@link #DECODER} holder). */
    private record DecoderSlot(Thread owner, BinaryDecoder decoder) {
    }

    private static SerializationException tooShort(String topic, int length, int needed, String what) {
        return new SerializationException("Record on topic '" + topic + "' is too short: " + length + " byte(s), but "
            + "Confluent wire format needs at least " + needed + " (" + what + ")");
    }

    private ReaderState fromHeader(String topic, byte[] value) {
        if (value != null && value.length == WireFormat.GUID_LENGTH && value[0] == WireFormat.MAGIC_BYTE_GUID) {
            return byGuid(topic, Guids.fromBytes(value, 1));
        }
        if (value != null && value.length == WireFormat.ID_PREFIX_LENGTH && value[0] == WireFormat.MAGIC_BYTE_ID) {
            return byId(topic, WireFormat.readInt(value, 1));
        }
        throw new SerializationException("Header " + headerName + " on topic '" + topic + "' is not a schema id: "
            + (value == null ? "no value" : value.length + " byte(s)" + (value.length > 0 ? String.format(" starting 0x%02x", value[0]) : ""))
            + "; expected 0x01 + 16-byte GUID (or 0x00 + 4-byte id)");
    }

    private ReaderState byId(String topic, int id) {
        ReaderState state = lastById;
        if (state != null && state.id == id) {
            return state;
        }
        state = byId.get(id);
        if (state == null) {
            Schema writer;
            try {
                writer = client.getSchemaById(id);
            } catch (RestClientException e) {
                throw new SerializationException("Unknown schema id " + id + " in a record on topic '" + topic
                    + "': the schema registry answered error " + e.errorCode() + " (" + e.registryMessage() + "). "
                    + "Was it written against another registry?", e);
            } catch (SchemaRegistryException e) {
                throw new SerializationException("Could not fetch schema id " + id + " for a record on topic '" + topic + "': "
                    + e.getMessage(), e);
            }
            state = newState(id, null, writer);
            if (byId.size() >= maxCachedSchemas) {
                byId.clear(); // bounded like the client's caches; the client still holds the schemas
            }
            byId.put(id, state);
        }
        lastById = state;
        return state;
    }

    private ReaderState byGuid(String topic, UUID guid) {
        ReaderState state = lastByGuid;
        if (state != null && guid.equals(state.guid)) {
            return state;
        }
        state = byGuid.get(guid);
        if (state == null) {
            Schema writer;
            try {
                writer = client.getSchemaByGuid(guid.toString());
            } catch (RestClientException e) {
                throw new SerializationException("Unknown schema GUID " + guid + " in a record on topic '" + topic
                    + "': the schema registry answered error " + e.errorCode() + " (" + e.registryMessage() + ")", e);
            } catch (SchemaRegistryException e) {
                throw new SerializationException("Could not fetch schema GUID " + guid + " for a record on topic '" + topic
                    + "': " + e.getMessage(), e);
            }
            state = newState(-1, guid, writer);
            if (byGuid.size() >= maxCachedSchemas) {
                byGuid.clear();
            }
            byGuid.put(guid, state);
        }
        lastByGuid = state;
        return state;
    }

    @SuppressWarnings("unchecked")
    private ReaderState newState(int id, UUID guid, Schema writer) {
        DatumReader<Object> reader;
        Schema.Type type = writer.getType();
        boolean named = type == Schema.Type.RECORD || type == Schema.Type.ENUM || type == Schema.Type.FIXED;
        if (specific && named) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new SerializationException("Could not find class " + writer.getFullName() + " specified in the writer's "
                    + "schema (" + (guid != null ? "GUID " + guid : "id " + id) + ") whilst finding the reader's schema for a "
                    + "SpecificRecord: put the generated class on the classpath, or set specific.avro.reader=false");
            }
            SpecificData model = SpecificData.getForClass(generated);
            reader = new SpecificDatumReader<>(writer, model.getSchema(generated), model);
        } else {
            reader = (DatumReader<Object>) genericData.createDatumReader(writer, writer);
        }
        return new ReaderState(id, guid, writer, reader);
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }

    /** The writer's schema and the reader for it, per id or GUID. */
    private static final class ReaderState {
        final int id;
        final UUID guid;
        final Schema writer;
        final DatumReader<Object> reader;
        final boolean stringResult;
        final boolean bytesResult;

        ReaderState(int id, UUID guid, Schema writer, DatumReader<Object> reader) {
            this.id = id;
            this.guid = guid;
            this.writer = writer;
            this.reader = reader;
            this.stringResult = writer.getType() == Schema.Type.STRING;
            this.bytesResult = writer.getType() == Schema.Type.BYTES;
        }

        Object adapt(Object result) {
            if (stringResult && result != null) {
                return result.toString();
            }
            if (bytesResult && result instanceof ByteBuffer buffer) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            }
            return result;
        }

        String describe() {
            return (guid != null ? "GUID " + guid : "id " + id) + " (" + writer.getFullName() + ")";
        }
    }
}
