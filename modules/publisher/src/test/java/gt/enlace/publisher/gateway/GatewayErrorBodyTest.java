package gt.enlace.publisher.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import gt.enlace.publisher.validation.Violation;
import org.junit.jupiter.api.Test;

/** The gateway's error body is the shared {@code ApiError}, written byte for byte as before. */
class GatewayErrorBodyTest {

    @Test
    void aValidationErrorListsEachViolationWithPathCodeAndMessageInThatOrder() {
        String body = GatewayController.errorBody(GatewayError.VALIDATION_FAILED, "1 of 2 events is invalid",
            List.of(new Violation("/1/cui", "invalid-cui", "check digit \"7\" does not match")));
        assertThat(body).isEqualTo("{\"code\":\"VALIDATION_FAILED\",\"message\":\"1 of 2 events is invalid\",\"errors\":"
            + "[{\"path\":\"/1/cui\",\"code\":\"invalid-cui\",\"message\":\"check digit \\\"7\\\" does not match\"}]}");
    }

    @Test
    void anErrorWithoutViolationsHasAnEmptyErrorsList() {
        assertThat(GatewayController.errorBody(GatewayError.TOPIC_NOT_FOUND, "topic 'x' is not in the catalog", List.of()))
            .isEqualTo("{\"code\":\"TOPIC_NOT_FOUND\",\"message\":\"topic 'x' is not in the catalog\",\"errors\":[]}");
    }
}
