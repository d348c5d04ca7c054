package gt.enlace.serde.internal;

/** Where the schema identity travels (Confluent 8.x's schema-id (de)serializers). */
public enum SchemaIdLocation {
    /** {@code 0x00} + 4-byte id before the datum (every Confluent version). */
    PREFIX,
    /** Header {@code __value_schema_id}/{@code __key_schema_id} = {@code 0x01} + 16-byte GUID. */
    HEADER,
    /** Reading only: the header when present, else the prefix. */
    DUAL
}
