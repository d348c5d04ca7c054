package gt.enlace.serde.internal;

/** Constants of Confluent's wire format (reference section 6). */
public final class WireFormat {

    /** Prefix form: {@code 0x00} + 4-byte big-endian schema id. */
    public static final byte MAGIC_BYTE_ID = 0x0;
    /** 8.x form: {@code 0x01} + 16-byte GUID (most significant half first). */
    public static final byte MAGIC_BYTE_GUID = 0x1;
    /** Length of the id prefix. */
    public static final int ID_PREFIX_LENGTH = 5;
    /** Length of a GUID schema id. */
    public static final int GUID_LENGTH = 17;
    /** Header carrying the value's schema id in the 8.x header form. */
    public static final String VALUE_SCHEMA_ID_HEADER = "__value_schema_id";
    /** Header carrying the key's schema id in the 8.x header form. */
    public static final String KEY_SCHEMA_ID_HEADER = "__key_schema_id";

    private WireFormat() {
    }

    /**
     * @param bytes  the buffer
     * @param offset where the big-endian int starts
     * @return the int
     */
    public static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
            | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
    }

    /**
     * @param id a schema id
     * @return {@code 0x00} + the id, big-endian
     */
    public static byte[] idPrefix(int id) {
        return new byte[] {MAGIC_BYTE_ID, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }
}
