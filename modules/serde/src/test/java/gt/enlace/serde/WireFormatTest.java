package gt.enlace.serde;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import gt.enlace.serde.client.MockSchemaRegistryClient;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.test.CitizenRegistered;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Confluent's wire format byte by byte, and the errors for bytes that are not in it. */
class WireFormatTest {

    private static final String TOPIC = "gt.test.citizen-registered.v1";
    private static final int ID = 0x0102; // two significant bytes, to see the big-endian order

    private MockSchemaRegistryClient registry;

    @BeforeEach
    void registerCitizenSchemaUnderAnIdWithTwoSignificantBytes() {
        registry = new MockSchemaRegistryClient();
        registry.register(TOPIC + "-value", CitizenRegistered.getClassSchema(), ID, null);
    }

    /** 0x00, id 0x00000102, then the Avro datum written by hand: zig-zag lengths, UTF-8 text. */
    static byte[] handBuilt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x00, 0x00, 0x01, 0x02});
        out.write(13 * 2);
        out.writeBytes("1580352240101".getBytes(StandardCharsets.UTF_8));
        out.write(3 * 2);
        out.writeBytes("Ana".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xf2, (byte) 0xb9, 0x02}); // 20089 days → zig-zag 40178 → varint
        out.write(4 * 2);
        out.writeBytes("0904".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static CitizenRegistered knownCitizen() {
        return CitizenRegistered.newBuilder().setCui("1580352240101").setFullName("Ana")
            .setBirthDate(LocalDate.ofEpochDay(20089)).setMunicipalityCode("0904").build();
    }

    @Test
    void serializerOutputForAKnownSpecificRecordEqualsTheHandBuiltBytes() {
        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, new RecordHeaders(), knownCitizen());

        assertThat(bytes).isEqualTo(handBuilt());
    }

    @Test
    void serializerOutputForTheSameGenericRecordEqualsTheHandBuiltBytes() {
        Schema schema = new Schema.Parser().parse(CitizenRegistered.getClassSchema().toString());
        GenericRecord record = new GenericData.Record(schema);
        record.put("cui", "1580352240101");
        record.put("fullName", "Ana");
        record.put("birthDate", 20089);
        record.put("municipalityCode", "0904");

        assertThat(new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, record)).isEqualTo(handBuilt());
    }

    @Test
    void handBuiltBytesDeserializeIntoTheSpecificRecord() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(registry,
            Map.of(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true));

        assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), handBuilt())).isEqualTo(knownCitizen());
    }

    @Test
    void handBuiltBytesDeserializeIntoAGenericRecordByDefault() {
        Object value = new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, handBuilt());

        assertThat(value).isInstanceOf(GenericRecord.class);
        assertThat(((GenericRecord) value).get("fullName")).hasToString("Ana");
        assertThat(((GenericRecord) value).get("birthDate")).isEqualTo(20089);
    }

    @Test
    void nullIsKafkaNullBothWaysWithoutAskingTheRegistry() {
        MockSchemaRegistryClient untouchable = new MockSchemaRegistryClient() {
            @Override
            public synchronized SchemaMetadata register(String subject, Schema schema, boolean normalize) {
                throw new AssertionError("registry called");
            }

            @Override
            public synchronized Schema getSchemaById(int id) {
                throw new AssertionError("registry called");
            }
        };
        assertThat(new KafkaAvroSerializer(untouchable, Map.of()).serialize(TOPIC, new RecordHeaders(), null)).isNull();
        assertThat(new KafkaAvroDeserializer(untouchable, Map.of()).deserialize(TOPIC, new RecordHeaders(), (byte[]) null)).isNull();
    }

    @Test
    void theDeserializerAsksTheRegistryOncePerSchemaIdNotPerRecord() {
        AtomicInteger lookups = new AtomicInteger();
        MockSchemaRegistryClient counting = new MockSchemaRegistryClient() {
            @Override
            public synchronized Schema getSchemaById(int id) {
                lookups.incrementAndGet();
                return registry.getSchemaById(id);
            }
        };
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(counting, Map.of(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true));

        for (int i = 0; i < 50; i++) {
            assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), handBuilt())).isEqualTo(knownCitizen());
        }

        assertThat(lookups).hasValue(1);
    }

    @Test
    void garbageBytesAreRejectedAsNotConfluentWireFormat() {
        byte[] garbage = "hello, not avro".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, garbage))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Unknown magic byte 0x68")
            .hasMessageContaining("not Confluent wire format");
    }

    @Test
    void aWrongMagicByteIsNamedInTheError() {
        byte[] bytes = handBuilt();
        bytes[0] = 0x07;

        assertThatThrownBy(() -> new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Unknown magic byte 0x07")
            .hasMessageContaining(TOPIC);
    }

    @Test
    void aRecordTooShortForTheSchemaIdIsRejected() {
        assertThatThrownBy(() -> new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, new byte[] {0, 0, 1}))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("too short")
            .hasMessageContaining("3 byte(s)");
        assertThatThrownBy(() -> new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, new byte[0]))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("empty");
    }

    @Test
    void aTruncatedDatumIsReportedWithItsSchemaId() {
        byte[] full = handBuilt();
        byte[] truncated = Arrays.copyOf(full, full.length - 3);

        assertThatThrownBy(() -> new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, truncated))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("id " + ID)
            .hasMessageContaining("truncated");
    }

    @Test
    void anUnknownSchemaIdNamesTheIdAndTheRegistrysError() {
        byte[] bytes = handBuilt();
        bytes[3] = 0;
        bytes[4] = 99;

        assertThatThrownBy(() -> new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Unknown schema id 99")
            .hasMessageContaining("40403")
            .hasMessageContaining("Schema 99 not found");
    }

    @Test
    void aMalformedSchemaIdHeaderIsRejectedEvenWhenThePayloadLooksFine() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("__value_schema_id", new byte[] {0x01, 0x02});

        assertThatThrownBy(() -> new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, headers, handBuilt()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("__value_schema_id")
            .hasMessageContaining("2 byte(s)");
    }

    @Test
    void theKeySideUsesTheKeyHeaderAndTheKeySubject() {
        KafkaAvroSerializer keySerializer = new KafkaAvroSerializer(registry);
        keySerializer.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://ignored"), true);

        keySerializer.serialize(TOPIC, new RecordHeaders(), "a-key");

        assertThat(registry.getAllSubjects()).contains(TOPIC + "-key");
    }
}
