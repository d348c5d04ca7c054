package gt.enlace.survey.metrics;

import java.time.Instant;
import java.util.Objects;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementStatus;

/**
 * What the observed metrics keep of one data-sharing agreement: its parties, whether it names a legal basis, and
 * the time it was in force, if ever. Immutable; the latest state of each agreement on {@code _enlace.agreements}
 * is kept in the topology's agreements store.
 *
 * <p>An agreement is <b>in force</b> from {@code from} (inclusive) to {@code until} (exclusive):
 * <ul>
 *   <li>{@code APPROVED}, {@code EXPIRED}: from the later of {@code validFrom} and the approval (when the topology saw
 *       the agreement become approved; {@code validFrom} when it only ever saw a later state) to {@code validUntil};</li>
 *   <li>{@code REVOKED} after every required approval: the same, but ending at the revocation ({@code updatedAt})
 *       when that comes before {@code validUntil}; a revoked agreement without {@code updatedAt} was never seen in
 *       force;</li>
 *   <li>{@code REQUESTED}, {@code REJECTED}, and {@code REVOKED} before approval: never.</li>
 * </ul>
 *
 * @param id            agreement id
 * @param provider      institution that owns the topics
 * @param consumer      institution that reads them
 * @param legalBasis    whether {@code legalBasis} is present and not blank
 * @param status        the latest status
 * @param from          start of force, or null when it never was in force
 * @param until         end of force (exclusive), or null when it never was in force
 * @param approvedAt    when the topology saw it approved ({@code updatedAt} of its first {@code APPROVED} state), or
 *                      null
 */
public record AgreementSpan(String id, String provider, String consumer, boolean legalBasis, AgreementStatus status,
                            Instant from, Instant until, Instant approvedAt) {

    public AgreementSpan {
        Objects.requireNonNull(id, "'id' cannot be null");
        Objects.requireNonNull(provider, "'provider' cannot be null");
        Objects.requireNonNull(consumer, "'consumer' cannot be null");
        Objects.requireNonNull(status, "'status' cannot be null");
        if ((from == null) != (until == null)) {
            throw new IllegalArgumentException("'from' and 'until' must both be set or both be null");
        }
    }

    /**
     * The span of {@code agreement}'s latest state.
     *
     * @param previous the span kept for the same agreement before this state, or null; it gives the approval time
     *                 once the agreement has moved on from {@code APPROVED}
     */
    public static AgreementSpan of(Agreement agreement, AgreementSpan previous) {
        Instant approvedAt = previous == null ? null : previous.approvedAt();
        if (approvedAt == null && agreement.status() == AgreementStatus.APPROVED) {
            approvedAt = agreement.updatedAt();
        }
        boolean approved = switch (agreement.status()) {
            case APPROVED, EXPIRED -> true;
            case REVOKED -> approvedAt != null || (agreement.providerApprovedBy() != null
                    && (!agreement.adminApprovalRequired() || agreement.adminApprovedBy() != null));
            case REQUESTED, REJECTED -> false;
        };
        Instant from = agreement.validFrom();
        if (approvedAt != null && approvedAt.isAfter(from)) {
            from = approvedAt;
        }
        Instant until = agreement.validUntil();
        if (agreement.status() == AgreementStatus.REVOKED) {
            Instant revokedAt = agreement.updatedAt();
            if (revokedAt == null) {
                approved = false;
            } else if (revokedAt.isBefore(until)) {
                until = revokedAt;
            }
        }
        boolean inForceSometime = approved && from.isBefore(until);
        boolean basis = agreement.legalBasis() != null && !agreement.legalBasis().isBlank();
        return new AgreementSpan(agreement.id(), agreement.provider(), agreement.consumer(), basis, agreement.status(),
                inForceSometime ? from : null, inForceSometime ? until : null, approvedAt);
    }

    /** Whether it was in force at some instant of [{@code start}, {@code end}). */
    public boolean inForceDuring(Instant start, Instant end) {
        return from != null && from.isBefore(end) && until.isAfter(start);
    }

    /** Whether {@code institution} is its provider or its consumer. */
    public boolean involves(String institution) {
        return provider.equals(institution) || consumer.equals(institution);
    }
}
