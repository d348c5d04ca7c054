package gt.enlace.subscriber.deliveries;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/topics/{topic}/deliveries}: the topic's {@link TopicDeliveries} as JSON. An
 * unknown topic answers 404 with {@code {"error_code": 40401, "message": "..."}}; a cluster that does
 * not answer, 503 with error code 50301.
 */
@RestController
public class DeliveriesController {

    /** Error code of an unknown topic. */
    public static final int TOPIC_NOT_FOUND = 40401;
    /** Error code of a cluster that does not answer. */
    public static final int CLUSTER_UNAVAILABLE = 50301;

    private final DeliveryStatus status;

    /**
     * @param status where the status comes from
     */
    public DeliveriesController(DeliveryStatus status) {
        this.status = status;
    }

    /**
     * @param topic the topic
     * @return its delivery status, or an error body
     */
    @GetMapping(path = "/api/v1/topics/{topic}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> deliveries(@PathVariable("topic") String topic) {
        try {
            return ResponseEntity.ok(status.deliveries(topic));
        } catch (UnknownTopicOrPartitionException e) {
            return error(HttpStatus.NOT_FOUND, TOPIC_NOT_FOUND, "Topic '" + topic + "' not found");
        } catch (org.apache.kafka.common.KafkaException e) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, CLUSTER_UNAVAILABLE, e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
