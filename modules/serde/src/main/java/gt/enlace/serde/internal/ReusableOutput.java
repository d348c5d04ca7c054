package gt.enlace.serde.internal;

import java.io.ByteArrayOutputStream;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A per-thread output buffer with its Avro encoder bound to it once, so that serializing allocates
 * only the returned array. A buffer that grew past {@link #MAX_RETAINED} is dropped after use.
 */
public final class ReusableOutput extends ByteArrayOutputStream {

    /** Largest buffer kept between calls. */
    public static final int MAX_RETAINED = 1 << 20;

    private static final ThreadLocal<ReusableOutput> CURRENT = ThreadLocal.withInitial(ReusableOutput::new);

    /** The encoder writing into this buffer. */
    public final BinaryEncoder encoder;

    private ReusableOutput() {
        super(1024);
        this.encoder = EncoderFactory.get().binaryEncoder(this, null);
    }

    /** @return this thread's buffer, emptied */
    public static ReusableOutput acquire() {
        ReusableOutput out = CURRENT.get();
        out.reset();
        return out;
    }

    /**
     * Forgets this thread's buffer after a failed write: the encoder may hold half a datum.
     */
    public static void discard() {
        CURRENT.remove();
    }

    /**
     * Copies the content out and releases an oversized buffer.
     *
     * @return the bytes written since {@link #acquire()}
     */
    public byte[] toByteArrayAndRelease() {
        byte[] bytes = toByteArray();
        if (buf.length > MAX_RETAINED) {
            CURRENT.remove();
        }
        return bytes;
    }
}
