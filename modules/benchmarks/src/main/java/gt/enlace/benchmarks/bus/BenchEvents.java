package gt.enlace.benchmarks.bus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The records the Kafka rows publish: the catalog's own samples ({@link SampleEvents}), so they pass the SDK's
 * validation exactly like an agency's records.
 */
public final class BenchEvents {

    /** Target size of the 1 KiB rows' value on the wire (Confluent header included). */
    public static final int ONE_KIB = 1024;
    /** Bytes of the Confluent wire header: magic byte and schema id. */
    public static final int WIRE_HEADER = 5;

    private BenchEvents() {
    }

    /**
     * Birth sample {@code index} whose {@code facilityName} (a free-text hospital name) is lengthened so the value is
     * {@value #ONE_KIB} bytes on the wire, like the 1 KiB record of the serde rows.
     */
    public static SpecificRecord birth1KiB(int index) {
        SpecificRecord sample = SampleEvents.sampleFor(BusFixture.BIRTHS, index);
        SpecificRecord record = SpecificData.getForSchema(sample.getSchema()).deepCopy(sample.getSchema(), sample);
        int facility = record.getSchema().getField("facilityName").pos();
        StringBuilder name = new StringBuilder("Hospital Nacional de Occidente San Juan de Dios, Quetzaltenango");
        record.put(facility, name.toString());
        int size = wireSize(record);
        if (size > ONE_KIB) {
            throw new IllegalStateException("the birth sample is already " + size + " bytes");
        }
        // One ASCII character is one byte; the string's length prefix may grow by a byte as it passes 63 characters.
        while (wireSize(record) < ONE_KIB) {
            name.append(name.length() % 10 == 0 ? ' ' : 'x');
            record.put(facility, name.toString());
        }
        return record;
    }

    /** SAT taxpayer status sample {@code index}: a small record (106 bytes on the wire). */
    public static SpecificRecord taxpayerStatus(int index) {
        return SampleEvents.sampleFor(BusFixture.TAXPAYER_STATUS, index);
    }

    /** The record's size on the wire: the Confluent header plus its Avro binary encoding. */
    public static int wireSize(SpecificRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.size() + WIRE_HEADER;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
