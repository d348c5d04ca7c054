package gt.enlace.bus.agreements;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A data-sharing agreement: {@code consumer} may read {@code topics} of {@code provider} for {@code purpose}, under
 * {@code legalBasis}, from {@code validFrom} until {@code validUntil}, once approved. Immutable; every change is a
 * new value (and a new event on the agreements topic).
 *
 * @param id                     stable id, e.g. {@code agr-3f2a…}
 * @param provider               the institution that owns the topics
 * @param consumer               the institution that will read them
 * @param topics                 topic names, all owned by the provider
 * @param legalBasis             the law or convenio that allows the exchange
 * @param purpose                what the consumer uses the data for
 * @param validFrom              start of validity (inclusive)
 * @param validUntil             end of validity (exclusive)
 * @param status                 where it stands
 * @param adminApprovalRequired  whether a topic is {@code reservada}, so an administrator must approve too
 * @param requestedBy            the principal that asked for it
 * @param providerApprovedBy     the principal that approved for the provider, or {@code null}
 * @param adminApprovedBy        the administrator that approved, or {@code null}
 * @param decidedBy              who rejected or revoked it (or {@code system} for expiry), or {@code null}
 * @param reason                 why it was rejected or revoked, or {@code null}
 * @param createdAt              when it was requested
 * @param updatedAt              when it last changed
 */
public record Agreement(
    String id,
    String provider,
    String consumer,
    List<String> topics,
    String legalBasis,
    String purpose,
    Instant validFrom,
    Instant validUntil,
    AgreementStatus status,
    boolean adminApprovalRequired,
    String requestedBy,
    String providerApprovedBy,
    String adminApprovedBy,
    String decidedBy,
    String reason,
    Instant createdAt,
    Instant updatedAt) {

    public Agreement {
        Objects.requireNonNull(id, "'id' cannot be null");
        Objects.requireNonNull(provider, "'provider' cannot be null");
        Objects.requireNonNull(consumer, "'consumer' cannot be null");
        topics = List.copyOf(topics);
        Objects.requireNonNull(validFrom, "'validFrom' cannot be null");
        Objects.requireNonNull(validUntil, "'validUntil' cannot be null");
        Objects.requireNonNull(status, "'status' cannot be null");
    }

    /** Whether it grants access at {@code now}: approved, and {@code validFrom <= now < validUntil}. */
    public boolean inForce(Instant now) {
        return status == AgreementStatus.APPROVED && !now.isBefore(validFrom) && now.isBefore(validUntil);
    }

    /** The status as of {@code now}: {@link AgreementStatus#EXPIRED} once an approved agreement's validity ended. */
    public AgreementStatus statusAt(Instant now) {
        return status == AgreementStatus.APPROVED && !now.isBefore(validUntil) ? AgreementStatus.EXPIRED : status;
    }

    Agreement with(AgreementStatus newStatus, String newProviderApprovedBy, String newAdminApprovedBy, String newDecidedBy,
                   String newReason, Instant at) {
        return new Agreement(id, provider, consumer, topics, legalBasis, purpose, validFrom, validUntil, newStatus,
            adminApprovalRequired, requestedBy, newProviderApprovedBy, newAdminApprovedBy, newDecidedBy, newReason,
            createdAt, at);
    }
}
