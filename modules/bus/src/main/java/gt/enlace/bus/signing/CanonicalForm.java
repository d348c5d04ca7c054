package gt.enlace.bus.signing;

import gt.enlace.bus.headers.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The bytes an event signature covers, version 1. Stable: a change would invalidate every signature on
 * the bus, so a new form gets a new version tag.
 *
 * <pre>
 * "enlace-signature-v1" 0x00
 * u32 N                                          number of signed headers
 * N times, sorted by name (String order; equal names keep their record order):
 *   u32 length, name (UTF-8)
 *   i32 length (-1 for a null value), value bytes
 * i32 length (-1 for a null value), value bytes  the serialized record value, as on the wire
 * </pre>
 *
 * <p>Signed headers: every header whose name starts with {@code ce_} except
 * {@value SignatureHeader#NAME} itself, plus {@code content-type}. Other headers (tracing, dead-letter
 * {@code enlace_dlt_*}, Spring's) are not signed, so infrastructure may add them. All integers are
 * big-endian. The record key, topic, partition and timestamp are not signed: {@code ce_type},
 * {@code ce_id} and {@code ce_time} say what, which and when.
 */
public final class CanonicalForm {

    /** The version tag the form starts with. */
    public static final String VERSION_TAG = "enlace-signature-v1";

    private static final byte[] TAG = (VERSION_TAG + "\0").getBytes(StandardCharsets.US_ASCII);
    private static final Comparator<Header> BY_NAME = Comparator.comparing(Header::key);

    private CanonicalForm() {
    }

    /** Whether a header is covered by the signature. */
    public static boolean isSigned(String name) {
        return name != null && (name.startsWith(HeaderNames.PREFIX) && !name.equals(SignatureHeader.NAME)
            || name.equals(HeaderNames.CONTENT_TYPE));
    }

    /**
     * The canonical bytes of an event.
     *
     * @param headers the record's headers (the signature header, if any, is left out)
     * @param value   the serialized value, or null
     * @return the bytes to sign or verify
     */
    public static byte[] of(Headers headers, byte[] value) {
        List<Header> signed = signedHeaders(headers);
        int size = headersSize(signed) + 4 + (value == null ? 0 : value.length);
        Buffer buffer = new Buffer(size);
        writeHeaders(buffer, signed);
        buffer.bytes(value);
        return buffer.array;
    }

    /**
     * A short digest of the signed headers alone (the first 16 bytes of SHA-256 over the form's header
     * part). Carried in the signature header so that a verifier can tell a changed header from a changed
     * value; it is a diagnosis, not a proof: validity comes from the signature alone.
     */
    public static byte[] headerDigest(Headers headers) {
        List<Header> signed = signedHeaders(headers);
        Buffer buffer = new Buffer(headersSize(signed));
        writeHeaders(buffer, signed);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(buffer.array);
            byte[] prefix = new byte[16];
            System.arraycopy(digest, 0, prefix, 0, prefix.length);
            return prefix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The form up to the value: the tag and the signed headers. */
    static byte[] headerPart(Headers headers) {
        List<Header> signed = signedHeaders(headers);
        Buffer buffer = new Buffer(headersSize(signed));
        writeHeaders(buffer, signed);
        return buffer.array;
    }

    /** {@link #headerDigest(Headers)} from {@link #headerPart}. */
    static byte[] headerDigest(MessageDigest sha256, byte[] headerPart) {
        byte[] digest = sha256.digest(headerPart);
        byte[] prefix = new byte[16];
        System.arraycopy(digest, 0, prefix, 0, prefix.length);
        return prefix;
    }

    /**
     * Feeds the whole form to a digest without copying the value: {@code headerPart}, then the value's length and
     * bytes.
     */
    static void update(MessageDigest digest, byte[] headerPart, byte[] value) {
        digest.update(headerPart);
        int length = value == null ? -1 : value.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        if (value != null) {
            digest.update(value);
        }
    }

    private static List<Header> signedHeaders(Headers headers) {
        List<Header> signed = new ArrayList<>(16);
        if (headers != null) {
            for (Header header : headers) {
                if (isSigned(header.key())) {
                    signed.add(header);
                }
            }
        }
        signed.sort(BY_NAME);
        return signed;
    }

    private static int headersSize(List<Header> signed) {
        int size = TAG.length + 4;
        for (Header header : signed) {
            size += 4 + utf8Length(header.key()) + 4 + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private static void writeHeaders(Buffer buffer, List<Header> signed) {
        System.arraycopy(TAG, 0, buffer.array, 0, TAG.length);
        buffer.position = TAG.length;
        buffer.int32(signed.size());
        for (Header header : signed) {
            buffer.bytes(header.key().getBytes(StandardCharsets.UTF_8));
            buffer.bytes(header.value());
        }
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static final class Buffer {
        final byte[] array;
        int position;

        Buffer(int size) {
            array = new byte[size];
        }

        void int32(int v) {
            array[position++] = (byte) (v >>> 24);
            array[position++] = (byte) (v >>> 16);
            array[position++] = (byte) (v >>> 8);
            array[position++] = (byte) v;
        }

        void bytes(byte[] b) {
            if (b == null) {
                int32(-1);
                return;
            }
            int32(b.length);
            System.arraycopy(b, 0, array, position, b.length);
            position += b.length;
        }
    }
}
