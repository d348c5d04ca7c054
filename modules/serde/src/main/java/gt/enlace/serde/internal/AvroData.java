package gt.enlace.serde.internal;

import java.nio.ByteBuffer;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;

/** Avro data models and the schema of plain Java values. */
public final class AvroData {

    private static final Schema NULL = Schema.create(Schema.Type.NULL);
    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private static final GenericData WITH_CONVERSIONS = withConversions();

    private AvroData() {
    }

    /**
     * @param useLogicalTypeConverters whether logical types map to Java types
     * @return the generic model to read and write with
     */
    public static GenericData genericData(boolean useLogicalTypeConverters) {
        return useLogicalTypeConverters ? WITH_CONVERSIONS : GenericData.get();
    }

    /**
     * The schema of an object the serializer accepts: a record/enum/fixed/array carries its own; a
     * Java primitive, {@code CharSequence}, {@code byte[]} or {@code ByteBuffer} maps to Avro's
     * primitive. Returns the same instance for the same input type, so callers can key caches by
     * identity.
     *
     * @param value the object to serialize, not null
     * @return its schema
     * @throws SerializationException for anything else, naming the class
     */
    public static Schema schemaOf(Object value) {
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (value instanceof CharSequence) {
            return STRING;
        }
        if (value instanceof Integer) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return BYTES;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        if (value == null) {
            return NULL;
        }
        throw new SerializationException("Cannot serialize a " + value.getClass().getName() + " with Avro: expected a "
            + "GenericRecord, SpecificRecord, GenericContainer, CharSequence, Integer, Long, Float, Double, Boolean, "
            + "byte[] or ByteBuffer");
    }

    private static GenericData withConversions() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }
}
