package gt.enlace.bus.agreements;

/** Stable error codes of agreement operations, with the HTTP status the API answers them with. */
public enum AgreementError {
    /** A field of the request is missing or wrong; the exception names the field. */
    INVALID_FIELD(42201, 422),
    /** The caller did not authenticate, or the credentials are wrong. */
    UNAUTHENTICATED(40101, 401),
    /** The caller is not the party allowed to do this. */
    FORBIDDEN(40301, 403),
    /** No agreement has this id. */
    NOT_FOUND(40401, 404),
    /** The agreement's status does not allow this step (e.g. approving a revoked agreement). */
    INVALID_TRANSITION(40901, 409),
    /** The agreement could not be stored (Kafka unavailable). */
    UNAVAILABLE(50301, 503);

    private final int code;
    private final int httpStatus;

    AgreementError(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The stable numeric code, e.g. 42201. */
    public int code() {
        return code;
    }

    /** The HTTP status of the API's answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
