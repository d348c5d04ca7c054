package gt.enlace.publisher.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gt.enlace.publisher.json.JsonRecordMapper;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.validation.RecordValidator;
import gt.enlace.schemas.catalog.TopicCatalog;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static JsonNode document() throws Exception {
        try (InputStream in = GatewayController.class.getResourceAsStream("openapi.json")) {
            return JsonText.parse(in);
        }
    }

    @Test
    void theRequestExampleIsAValidBirth() throws Exception {
        JsonNode example = document().at("/paths/~1api~1v1~1topics~1{topic}~1events/post/requestBody/content/application~1json/example");
        Schema schema = TopicCatalog.loadDefault().topic("gt.renap.birth-registered.v1").orElseThrow().schema();
        JsonRecordMapper.Result result = JsonRecordMapper.strict().map(example, schema);
        assertThat(result.violations()).isEmpty();
        assertThat(new RecordValidator().validate(result.record(), schema)).isEmpty();
    }

    @Test
    void everyErrorCodeIsDocumented() throws Exception {
        JsonNode codes = document().at("/components/schemas/Error/properties/code/enum");
        assertThat(codes).extracting(JsonNode::asText)
            .containsExactlyInAnyOrderElementsOf(Arrays.stream(GatewayError.values()).map(Enum::name).toList());
        JsonNode responses = document().at("/paths/~1api~1v1~1topics~1{topic}~1events/post/responses");
        for (GatewayError error : GatewayError.values()) {
            assertThat(responses.has(Integer.toString(error.status()))).as(error.name()).isTrue();
        }
    }
}
