package gt.enlace.publisher.gateway;

/**
 * The codes of the gateway's error bodies, {@code {"code": ..., "message": ..., "errors": [...]}}, with their HTTP
 * status. Codes are public API: added, never renamed.
 */
public enum GatewayError {

    /** 400: the body is not well-formed JSON; the message gives line and column. */
    MALFORMED_JSON(400),
    /** 403: the caller may not publish to this topic (another institution's). */
    TOPIC_NOT_OWNED(403),
    /** 404: the topic is not in the catalog. */
    TOPIC_NOT_FOUND(404),
    /** 409: a request with the same Idempotency-Key is still being processed. */
    IDEMPOTENCY_KEY_IN_USE(409),
    /** 413: the body is larger than {@code enlace.gateway.max-body-size}. */
    PAYLOAD_TOO_LARGE(413),
    /** 415: the body is not {@code application/json} (UTF-8). */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** 422: one or more events break the schema or the bus's rules; {@code errors} lists each, nothing was published. */
    VALIDATION_FAILED(422),
    /** 422: an uploaded CSV file cannot be published at all (not a CSV, unknown or missing columns). */
    INVALID_CSV(422),
    /** 422: the Idempotency-Key was used before with a different body. */
    IDEMPOTENCY_KEY_REUSED(422),
    /** 503: Kafka or the schema registry is unavailable; retry after {@code Retry-After} seconds with the same Idempotency-Key. */
    UNAVAILABLE(503),
    /** 500: a fault of the gateway itself, never caused by the input. */
    INTERNAL_ERROR(500);

    private final int status;

    GatewayError(int status) {
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
