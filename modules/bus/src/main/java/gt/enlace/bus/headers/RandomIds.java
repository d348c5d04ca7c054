package gt.enlace.bus.headers;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs as {@link UUID#randomUUID()} makes them, from the same kind of generator (a
 * {@link SecureRandom}), but drawing its bytes {@value #IDS_PER_DRAW} ids at a time into a per-thread buffer, so that
 * an event id does not cost one synchronized call into the operating system's generator.
 */
final class RandomIds {

    static final int IDS_PER_DRAW = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    private RandomIds() {
    }

    /** A new random UUID, as text. */
    static String next() {
        return BUFFER.get().next().toString();
    }

    private static final class Buffer {
        private final byte[] bytes = new byte[16 * IDS_PER_DRAW];
        private int position = bytes.length;

        UUID next() {
            if (position == bytes.length) {
                RANDOM.nextBytes(bytes);
                position = 0;
            }
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (bytes[position + i] & 0xff);
            }
            for (int i = 8; i < 16; i++) {
                lsb = (lsb << 8) | (bytes[position + i] & 0xff);
            }
            // Consumed bytes are cleared: an id's randomness stays only in the id.
            java.util.Arrays.fill(bytes, position, position + 16, (byte) 0);
            position += 16;
            msb = (msb & ~0xF000L) | 0x4000L;               // version 4
            lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE; // IETF variant
            return new UUID(msb, lsb);
        }
    }
}
