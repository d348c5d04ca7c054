package gt.enlace.bus.signing;

/**
 * Why an event's signature was not accepted. The {@link #code()} is stable public API: it is what a
 * dead letter and {@code enlace verify} say about the record, so a constant may be added but its code is
 * never renamed.
 */
public enum SignatureError {

    /** The record has no {@code ce_signature} header: it was not signed. */
    MISSING("SIGNATURE_MISSING"),
    /**
     * The {@code ce_signature} header is in neither format of {@link SignatureHeader}, a part is not base64 or decimal, or
     * the audit path does not have the hashes that position {@code idx} of {@code n} needs.
     */
    MALFORMED("SIGNATURE_MALFORMED"),
    /** No published key has the header's key id. */
    UNKNOWN_KEY("SIGNATURE_UNKNOWN_KEY"),
    /** The key belongs to another institution than the one in {@code ce_source}. */
    WRONG_SIGNER("SIGNATURE_WRONG_SIGNER"),
    /** A {@code ce_*} header was added, removed or changed after signing. */
    HEADER_TAMPERED("SIGNATURE_HEADER_TAMPERED"),
    /**
     * The signature does not match: the value, the batch position ({@code idx}, {@code n}) or the audit path was changed,
     * or the signature was not made with that key.
     */
    BAD_SIGNATURE("SIGNATURE_BAD");

    private final String code;

    SignatureError(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code SIGNATURE_BAD}. */
    public String code() {
        return code;
    }
}
