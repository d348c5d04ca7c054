package gt.enlace.portal.catalog;

import org.springframework.http.HttpStatus;

/** The catalog's error codes, stable: clients match on {@link #code()}, never on the message. */
public enum CatalogError {
    /** The topic is not in the catalog. */
    TOPIC_NOT_FOUND("catalog-topic-not-found", HttpStatus.NOT_FOUND),
    /** The institution is not in the catalog. */
    INSTITUTION_NOT_FOUND("catalog-institution-not-found", HttpStatus.NOT_FOUND),
    /** A search parameter is too long or malformed. */
    INVALID_PARAMETER("catalog-invalid-parameter", HttpStatus.BAD_REQUEST),
    /** An access request failed validation; the body lists the fields at fault. */
    INVALID_ACCESS_REQUEST("catalog-invalid-access-request", HttpStatus.BAD_REQUEST),
    /** An access request could not be recorded (the cluster did not acknowledge it); nothing was recorded. */
    ACCESS_REQUEST_NOT_RECORDED("catalog-access-request-not-recorded", HttpStatus.SERVICE_UNAVAILABLE);

    private final String code;
    private final HttpStatus status;

    CatalogError(String code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    /** @return the stable code in error bodies, e.g. {@code catalog-topic-not-found} */
    public String code() {
        return code;
    }

    /** @return the HTTP status it maps to */
    public HttpStatus status() {
        return status;
    }
}
