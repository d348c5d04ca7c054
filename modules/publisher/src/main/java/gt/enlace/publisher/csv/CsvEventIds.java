package gt.enlace.publisher.csv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * The event ids of the CSV bridge: name-based UUIDs (version 5, SHA-1, RFC 9562) of
 * {@code <topic>:<file SHA-256>:<row>} under a fixed Enlace namespace. The same row of the same file for the same
 * topic always gets the same {@code ce_id}, so a re-run that does publish a row again (after a crash between the
 * acknowledgement and the progress marker) is recognisable to consumers, which deduplicate on {@code ce_id}.
 */
public final class CsvEventIds {

    /** The namespace UUID of CSV-bridge event ids. */
    public static final UUID NAMESPACE = UUID.fromString("6b2f1c3e-7a51-5c0e-9d2a-45e1ac0b9f11");

    private CsvEventIds() {
    }

    /** The id of row {@code row} (spreadsheet numbering, header = 1) of the file with this SHA-256. */
    public static String eventId(String topic, String fileSha256, long row) {
        return nameUuid(NAMESPACE, topic + ":" + fileSha256 + ":" + row).toString();
    }

    /**
     * The ids of one file's rows, equal to {@link #eventId} but hashing the shared {@code <topic>:<SHA-256>:} prefix
     * once per file instead of once per row.
     */
    public static LongFunction<String> forFile(String topic, String fileSha256) {
        MessageDigest prefix = sha1();
        prefix.update(namespaceBytes(NAMESPACE));
        prefix.update((topic + ":" + fileSha256 + ":").getBytes(StandardCharsets.UTF_8));
        return row -> {
            MessageDigest digest;
            try {
                digest = (MessageDigest) prefix.clone();
            } catch (CloneNotSupportedException e) {
                return eventId(topic, fileSha256, row);
            }
            return toUuid(digest.digest(Long.toString(row).getBytes(StandardCharsets.UTF_8))).toString();
        };
    }

    /** A version-5 UUID of {@code name} in {@code namespace}. */
    public static UUID nameUuid(UUID namespace, String name) {
        MessageDigest sha1 = sha1();
        sha1.update(namespaceBytes(namespace));
        return toUuid(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] namespaceBytes(UUID namespace) {
        return ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
            .putLong(namespace.getLeastSignificantBits()).array();
    }

    private static UUID toUuid(byte[] hash) {
        hash[6] = (byte) ((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3F) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
