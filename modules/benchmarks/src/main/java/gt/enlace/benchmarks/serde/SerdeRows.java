package gt.enlace.benchmarks.serde;

import java.util.List;

import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.JmhPairRow;

/**
 * The serde rows of issue 4's speed goal: serialize and deserialize a 1 KiB, 17-field specific record at
 * least 0.9× as fast as raw Avro on the same record in the same run, schema id cached.
 */
public final class SerdeRows {

    /** Enlace / raw Avro must be at least this. */
    public static final double GOAL_RATIO = 0.9;

    private SerdeRows() {
    }

    /** Serialize: {@code KafkaAvroSerializer} vs {@code BinaryEncoder}. */
    public static BenchmarkRow serialize() {
        return new JmhPairRow("serde.serialize", "Serde serialize, 1 KiB 17-field specific record",
            "raw Avro BinaryEncoder", Goal.ratioAtLeast(GOAL_RATIO, "ops/s"), SerdeBenchmark.class,
            "enlaceSerialize", "rawAvroEncode");
    }

    /** Deserialize: {@code KafkaAvroDeserializer} (specific reader) vs {@code BinaryDecoder}. */
    public static BenchmarkRow deserialize() {
        return new JmhPairRow("serde.deserialize", "Serde deserialize, 1 KiB 17-field specific record",
            "raw Avro BinaryDecoder", Goal.ratioAtLeast(GOAL_RATIO, "ops/s"), SerdeBenchmark.class,
            "enlaceDeserialize", "rawAvroDecode");
    }

    /** Both rows, in table order. */
    public static List<BenchmarkRow> all() {
        return List.of(serialize(), deserialize());
    }
}
