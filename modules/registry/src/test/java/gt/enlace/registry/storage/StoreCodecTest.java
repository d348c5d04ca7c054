package gt.enlace.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import gt.enlace.registry.avro.AvroSchemas;
import org.junit.jupiter.api.Test;

class StoreCodecTest {

    @Test
    void keysAreWrittenInConfluentsFieldOrderWithNullSubjectsForGlobalSettings() {
        assertThat(StoreCodec.encodeKey(StoreKey.schema("t-value", 1)))
            .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}");
        assertThat(StoreCodec.encodeKey(StoreKey.config(null)))
            .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(StoreCodec.encodeKey(StoreKey.mode("s")))
            .isEqualTo("{\"keytype\":\"MODE\",\"subject\":\"s\",\"magic\":0}");
        assertThat(StoreCodec.encodeKey(StoreKey.deleteSubject("s")))
            .isEqualTo("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}");
        assertThat(StoreCodec.encodeKey(StoreKey.clearSubject("s")))
            .isEqualTo("{\"keytype\":\"CLEAR_SUBJECT\",\"subject\":\"s\",\"magic\":0}");
        assertThat(StoreCodec.encodeKey(StoreKey.noop())).isEqualTo("{\"keytype\":\"NOOP\",\"magic\":0}");
    }

    @Test
    void schemaValuesRoundTripWithMd5InBase64() {
        byte[] md5 = AvroSchemas.md5("\"string\"", List.of(), null, null);
        SchemaRecord record = new SchemaRecord("t-value", 2, 7, null, List.of(), null, null, md5, "\"string\"", false);

        String json = StoreCodec.encodeSchema(record);

        assertThat(json).isEqualTo("{\"subject\":\"t-value\",\"version\":2,\"id\":7,\"md5\":\""
            + java.util.Base64.getEncoder().encodeToString(md5) + "\",\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        SchemaRecord read = StoreCodec.decodeSchema(StoreKey.schema("t-value", 2), json);
        assertThat(read.id()).isEqualTo(7);
        assertThat(read.md5()).isEqualTo(md5);
        assertThat(read.schema()).isEqualTo("\"string\"");
    }

    @Test
    void unknownKeyTypesAreRecognisedAsUnknownNotFailures() {
        assertThat(StoreCodec.decodeKey("{\"keytype\":\"ASSOCIATION\",\"subject\":\"x\",\"magic\":0}").type())
            .isEqualTo(KeyType.UNKNOWN);
    }

    @Test
    void theStateSkipsRecordsItCannotReadAndKeepsGoing() {
        RegistryState state = new RegistryState();
        state.apply("not json", "{}", 0);
        state.apply("{\"keytype\":\"FUTURE_THING\",\"magic\":9}", "{\"x\":1}", 1);
        state.apply(StoreCodec.encodeKey(StoreKey.schema("s", 1)), "{\"broken\":true}", 2);
        state.apply(StoreCodec.encodeKey(StoreKey.schema("s", 1)),
            "{\"subject\":\"s\",\"version\":1,\"id\":3,\"schema\":\"\\\"int\\\"\",\"deleted\":false}", 3);

        assertThat(state.byId(3)).isPresent();
        assertThat(state.maxId()).isEqualTo(3);
    }

    @Test
    void deleteSubjectMarksVersionsUpToItsVersionAndTombstonesRemove() {
        RegistryState state = new RegistryState();
        for (int v = 1; v <= 3; v++) {
            state.apply(StoreCodec.encodeKey(StoreKey.schema("s", v)), "{\"subject\":\"s\",\"version\":" + v + ",\"id\":" + v
                + ",\"schema\":\"\\\"int\\\"\",\"deleted\":false}", v);
        }
        state.apply(StoreCodec.encodeKey(StoreKey.deleteSubject("s")), StoreCodec.encodeDeleteSubject("s", 2), 4);
        state.apply(StoreCodec.encodeKey(StoreKey.schema("s", 3)), null, 5);

        assertThat(state.versions("s")).extracting(SchemaRecord::version, SchemaRecord::deleted)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(state.byId(3)).isEmpty();
    }
}
