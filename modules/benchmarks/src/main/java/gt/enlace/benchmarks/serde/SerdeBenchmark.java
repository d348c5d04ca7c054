package gt.enlace.benchmarks.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import gt.enlace.benchmarks.CitizenRecordUpdated;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Enlace's Kafka serde against plain Avro on the same 1 KiB, 17-field specific record
 * ({@link BenchRecords#citizenRecord()}), single-threaded, in operations per second.
 *
 * <ul>
 *   <li>{@link #rawAvroEncode()}: {@code SpecificDatumWriter} and a reused {@code BinaryEncoder} into a reused
 *       {@code ByteArrayOutputStream}, then {@code toByteArray()} — the least a Kafka serializer must do, since
 *       it has to hand Kafka a {@code byte[]}.</li>
 *   <li>{@link #enlaceSerialize()}: {@code KafkaAvroSerializer.serialize(topic, record)} with an in-memory
 *       ({@code mock://}) registry; the schema id is registered and cached during setup, so this is the steady
 *       state of a producer.</li>
 *   <li>{@link #rawAvroDecode()}: {@code SpecificDatumReader} and a reused {@code BinaryDecoder} over the Avro
 *       bytes, a new record per call.</li>
 *   <li>{@link #enlaceDeserialize()}: {@code KafkaAvroDeserializer} ({@code specific.avro.reader=true}) over the
 *       same bytes in Confluent's wire format.</li>
 * </ul>
 *
 * Setup checks that both sides do the same work: Enlace's bytes are the raw Avro bytes behind the 5-byte
 * prefix, and both readers return a record equal to the original. Forks get
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace}, without which Avro 1.12 refuses to load the
 * generated class by name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace", "-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class SerdeBenchmark {

    /** The topic the serde sees; its subject is {@code <topic>-value}. */
    public static final String TOPIC = "gt.renap.citizen-record-updated.v1";

    private CitizenRecordUpdated record;

    private SpecificDatumWriter<CitizenRecordUpdated> rawWriter;
    private ByteArrayOutputStream rawOut;
    private BinaryEncoder rawEncoder;
    private SpecificDatumReader<CitizenRecordUpdated> rawReader;
    private BinaryDecoder rawDecoder;
    private byte[] avroBytes;

    private String scope;
    private KafkaAvroSerializer serializer;
    private KafkaAvroDeserializer deserializer;
    private byte[] wireBytes;

    /** Builds the record, both codecs and the serde over a fresh in-memory registry, and checks they agree. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        record = BenchRecords.citizenRecord();
        BenchRecords.checkShape(record);

        rawWriter = new SpecificDatumWriter<>(CitizenRecordUpdated.class);
        rawOut = new ByteArrayOutputStream(BenchRecords.EXPECTED_SIZE * 2);
        rawEncoder = EncoderFactory.get().binaryEncoder(rawOut, null);
        rawReader = new SpecificDatumReader<>(CitizenRecordUpdated.class);
        avroBytes = rawAvroEncode();

        scope = "bench-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(
            KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + scope,
            KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true);
        serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);
        wireBytes = enlaceSerialize(); // registers the schema; the id is cached from here on

        if (wireBytes.length != avroBytes.length + 5 || wireBytes[0] != 0
            || !Arrays.equals(wireBytes, 5, wireBytes.length, avroBytes, 0, avroBytes.length)) {
            throw new IllegalStateException("KafkaAvroSerializer did not write 0x00 + id + the raw Avro bytes");
        }
        if (!record.equals(rawAvroDecode()) || !record.equals(enlaceDeserialize())) {
            throw new IllegalStateException("A decoded record differs from the original");
        }
    }

    /** Closes the serde and forgets the in-memory registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        serializer.close();
        deserializer.close();
        MockSchemaRegistryClient.dropScope(scope);
    }

    /** Baseline: plain Avro encoding to a fresh {@code byte[]}. */
    @Benchmark
    public byte[] rawAvroEncode() throws IOException {
        rawOut.reset();
        rawWriter.write(record, rawEncoder);
        rawEncoder.flush();
        return rawOut.toByteArray();
    }

    /** Enlace: Confluent wire format through {@code KafkaAvroSerializer}, schema id cached. */
    @Benchmark
    public byte[] enlaceSerialize() {
        return serializer.serialize(TOPIC, record);
    }

    /** Baseline: plain Avro decoding of the same bytes into a new specific record. */
    @Benchmark
    public CitizenRecordUpdated rawAvroDecode() throws IOException {
        rawDecoder = DecoderFactory.get().binaryDecoder(avroBytes, rawDecoder);
        return rawReader.read(null, rawDecoder);
    }

    /** Enlace: {@code KafkaAvroDeserializer} with {@code specific.avro.reader=true}, writer schema cached. */
    @Benchmark
    public Object enlaceDeserialize() {
        return deserializer.deserialize(TOPIC, wireBytes);
    }
}
