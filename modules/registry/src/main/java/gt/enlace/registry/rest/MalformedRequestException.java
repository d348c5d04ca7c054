package gt.enlace.registry.rest;

/**
 * A request body that is not the JSON the endpoint expects. Answered like Confluent's rest-utils does for
 * Jackson parse and mapping errors: HTTP 400 with {@code {"error_code":400,"message":"..."}}.
 */
public class MalformedRequestException extends RuntimeException {

    public MalformedRequestException(String message) {
        super(message, null, false, false);
    }
}
