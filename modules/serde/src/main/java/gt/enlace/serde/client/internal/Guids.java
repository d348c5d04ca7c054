package gt.enlace.serde.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** The 8.x schema GUID: an MD5 digest shown as a UUID. */
public final class Guids {

    private Guids() {
    }

    /**
     * @param text the text to digest (the registry digests the canonical schema string)
     * @return the MD5 of its UTF-8 bytes as a UUID
     */
    public static UUID md5Uuid(String text) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return fromBytes(d, 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }

    /**
     * @param bytes  at least 16 bytes from {@code offset}: most then least significant half, big-endian
     * @param offset where the GUID starts
     * @return the UUID
     */
    public static UUID fromBytes(byte[] bytes, int offset) {
        return new UUID(readLong(bytes, offset), readLong(bytes, offset + 8));
    }

    /**
     * @param guid a UUID
     * @return its 16 bytes, most significant half first
     */
    public static byte[] toBytes(UUID guid) {
        byte[] out = new byte[16];
        writeLong(out, 0, guid.getMostSignificantBits());
        writeLong(out, 8, guid.getLeastSignificantBits());
        return out;
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
