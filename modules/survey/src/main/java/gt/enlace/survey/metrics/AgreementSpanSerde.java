package gt.enlace.survey.metrics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

import gt.enlace.bus.agreements.AgreementStatus;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary form of {@link AgreementSpan} in the agreements store and its changelog topic: a format byte
 * ({@value #FORMAT}), then id, provider, consumer (UTF), the legal-basis flag, the status name, and the three instants
 * as a presence byte followed by seconds and nanoseconds. A new field means a new format byte.
 */
public final class AgreementSpanSerde implements Serde<AgreementSpan> {

    /** The format written. */
    public static final byte FORMAT = 1;

    @Override
    public Serializer<AgreementSpan> serializer() {
        return (topic, span) -> span == null ? null : write(span);
    }

    @Override
    public Deserializer<AgreementSpan> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(AgreementSpan span) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeUTF(span.id());
            out.writeUTF(span.provider());
            out.writeUTF(span.consumer());
            out.writeBoolean(span.legalBasis());
            out.writeUTF(span.status().name());
            writeInstant(out, span.from());
            writeInstant(out, span.until());
            writeInstant(out, span.approvedAt());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot write agreement " + span.id() + ": " + e.getMessage(), e);
        }
    }

    static AgreementSpan read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("unknown AgreementSpan format " + format + "; this version reads " + FORMAT);
            }
            return new AgreementSpan(in.readUTF(), in.readUTF(), in.readUTF(), in.readBoolean(),
                    AgreementStatus.valueOf(in.readUTF()), readInstant(in), readInstant(in), readInstant(in));
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("cannot read AgreementSpan: " + e.getMessage(), e);
        }
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
