package gt.enlace.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import gt.enlace.registry.avro.AvroSchemas;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    @Test
    void theCanonicalStringIsAvrosCompactFormKeepingDocsAndDefaults() {
        String posted = "{ \"type\" : \"record\", \"name\" : \"T\", \"namespace\": \"gt.x\", \"doc\": \"d\",\n"
            + " \"fields\" : [ { \"name\" : \"a\", \"type\" : \"int\", \"default\": 1 } ] }";

        assertThat(AvroSchemas.parse(posted, List.of(), false).canonical()).isEqualTo(
            "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"gt.x\",\"doc\":\"d\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":1}]}");
    }

    @Test
    void normalizingFoldsNamespacesIntoFullNamesAndFixesAttributeOrder() {
        String a = "{\"namespace\":\"gt.x\",\"name\":\"T\",\"type\":\"record\",\"fields\":[{\"type\":\"int\",\"name\":\"a\"},"
            + "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}},{\"name\":\"f\",\"type\":\"E\"}]}";
        String b = "{\"type\":\"record\",\"name\":\"gt.x.T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"e\",\"type\":{\"name\":\"gt.x.E\",\"type\":\"enum\",\"symbols\":[\"A\"]}},{\"name\":\"f\",\"type\":\"gt.x.E\"}]}";

        String normalized = AvroSchemas.parse(a, List.of(), true).canonical();

        assertThat(normalized).isEqualTo(AvroSchemas.parse(b, List.of(), true).canonical());
        assertThat(normalized).isEqualTo("{\"type\":\"record\",\"name\":\"gt.x.T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"gt.x.E\",\"symbols\":[\"A\"]}},{\"name\":\"f\",\"type\":\"gt.x.E\"}]}");
    }

    @Test
    void theGuidIsTheMd5ShownAsAUuid() {
        byte[] md5 = AvroSchemas.md5("\"string\"", List.of(), null, null);
        assertThat(AvroSchemas.guid(md5)).hasSize(36);
        assertThat(AvroSchemas.guid(md5).replace("-", "")).isEqualTo(AvroSchemas.hex(md5));
    }

    @Test
    void invalidDefaultsAreRefused() {
        assertThatThrownBy(() -> AvroSchemas.parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\","
            + "\"type\":\"int\",\"default\":\"x\"}]}", List.of(), false))
            .isInstanceOf(AvroSchemas.InvalidAvroSchemaException.class);
    }
}
