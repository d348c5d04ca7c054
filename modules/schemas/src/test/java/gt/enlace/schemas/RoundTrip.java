package gt.enlace.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Writes a generated record as Avro binary and reads it back with the generated class. */
public final class RoundTrip {

    private RoundTrip() {
    }

    /** The Avro binary encoding of {@code record}. */
    public static <T extends SpecificRecord> byte[] toBinary(T record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            @SuppressWarnings("unchecked")
            SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code record} written as Avro binary and read back as a new instance of its class. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T throughBinary(T record) {
        byte[] bytes = toBinary(record);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            SpecificDatumReader<T> reader = new SpecificDatumReader<>((Class<T>) record.getClass());
            T copy = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalStateException("bytes left after reading " + record.getSchema().getFullName());
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
