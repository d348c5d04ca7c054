package gt.enlace.bus.agreements;

/** Where an agreement stands. Only {@link #APPROVED} agreements inside their validity grant access. */
public enum AgreementStatus {
    /** Asked for by the consumer; waiting for the provider (and, for {@code reservada} topics, an administrator). */
    REQUESTED,
    /** Approved by everyone who must approve; grants read access while in force. */
    APPROVED,
    /** Turned down by the provider or an administrator; final. */
    REJECTED,
    /** Withdrawn by the consumer, the provider or an administrator; final. */
    REVOKED,
    /** Approved, but its validity ended; final. */
    EXPIRED;

    /** Whether no further change is possible. */
    public boolean isFinal() {
        return this == REJECTED || this == REVOKED || this == EXPIRED;
    }
}
