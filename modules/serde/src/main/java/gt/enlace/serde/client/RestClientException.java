package gt.enlace.serde.client;

/**
 * The registry answered with an error. Carries the HTTP status and the registry's stable
 * {@code error_code} (Confluent's codes: 40401 subject not found, 40402 version not found, 40403
 * schema not found, 40901 incompatible schema, 42201 invalid schema, 50001–50004 store errors, …).
 *
 * <p>An error body that is not JSON is reported as {@value #JSON_PARSE_ERROR_CODE}, exactly like
 * Confluent's Java client, so code that switches on error codes behaves the same with both clients.
 */
public class RestClientException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    /** Error code used when the registry's error body is not the expected JSON. */
    public static final int JSON_PARSE_ERROR_CODE = 50005;
    /** Subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Schema not found (unknown id or GUID, or schema not registered under the subject). */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Schema incompatible with an earlier version of the subject. */
    public static final int INCOMPATIBLE_SCHEMA = 40901;

    private final int status;
    private final int errorCode;
    private final String registryMessage;

    /**
     * @param registryMessage the {@code message} of the registry's error body
     * @param status          the HTTP status
     * @param errorCode       the registry's {@code error_code}
     */
    public RestClientException(String registryMessage, int status, int errorCode) {
        super(registryMessage + "; error code: " + errorCode + " (HTTP " + status + ")");
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    /** @return the HTTP status of the response */
    public int status() {
        return status;
    }

    /** @return the registry's {@code error_code}, e.g. 40403 */
    public int errorCode() {
        return errorCode;
    }

    /** @return the registry's {@code message}, without the code */
    public String registryMessage() {
        return registryMessage;
    }
}
