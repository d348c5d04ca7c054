package gt.enlace.bus.agreements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;

/**
 * Who may do what with an agreement. Only the consumer requests; only the provider approves or rejects (and, when a
 * topic is {@code reservada}, an administrator must approve as well; an administrator may also reject); the consumer,
 * the provider or an administrator revokes. Every method returns the new value and never changes the old one.
 * Actors are principal names: an institution code, or {@value ClientSecurity#ADMIN}.
 */
public final class AgreementRules {

    static final int MAX_TOPICS = 50;
    static final int MAX_LEGAL_BASIS = 500;
    static final int MAX_PURPOSE = 1000;
    static final int MAX_REASON = 500;

    private final TopicCatalog catalog;
    private final Set<String> institutions;

    /**
     * @param catalog      the topics, their owners and classifications
     * @param institutions every institution that is a principal (the catalog's plus those added later)
     */
    public AgreementRules(TopicCatalog catalog, Set<String> institutions) {
        this.catalog = Objects.requireNonNull(catalog, "'catalog' cannot be null");
        this.institutions = Set.copyOf(institutions);
    }

    /** Validates a request made by {@code actor} and returns the new agreement in {@link AgreementStatus#REQUESTED}. */
    public Agreement request(AgreementRequest request, String actor, Instant now) {
        if (request == null) {
            throw AgreementException.invalid("body", "is required");
        }
        String provider = institution(request.provider(), "provider");
        String consumer = institution(request.consumer(), "consumer");
        if (provider.equals(consumer)) {
            throw AgreementException.invalid("consumer", "must differ from the provider: an institution already reads its own topics");
        }
        if (!consumer.equals(actor)) {
            throw new AgreementException(AgreementError.FORBIDDEN, "consumer", "Only the consumer '" + consumer
                + "' may request this agreement; " + ClientSecurity.principal(actor) + " may not");
        }
        if (request.topics() == null || request.topics().isEmpty()) {
            throw AgreementException.invalid("topics", "must name at least one topic of " + provider);
        }
        if (request.topics().size() > MAX_TOPICS) {
            throw AgreementException.invalid("topics", "may name at most " + MAX_TOPICS + " topics, got " + request.topics().size());
        }
        Set<String> topics = new LinkedHashSet<>();
        boolean reservada = false;
        for (int i = 0; i < request.topics().size(); i++) {
            String name = request.topics().get(i);
            String field = "topics[" + i + "]";
            TopicDefinition topic = name == null ? null : catalog.topic(name.trim()).orElse(null);
            if (topic == null) {
                throw AgreementException.invalid(field, "'" + name + "' is not a topic of the catalog");
            }
            if (!topic.owner().equals(provider)) {
                throw AgreementException.invalid(field, "'" + name + "' belongs to " + topic.owner() + ", not to the provider " + provider);
            }
            reservada |= topic.classification() == Classification.RESERVADA;
            topics.add(topic.name());
        }
        String legalBasis = text(request.legalBasis(), "legalBasis", MAX_LEGAL_BASIS);
        String purpose = text(request.purpose(), "purpose", MAX_PURPOSE);
        Instant validFrom = request.validFrom() != null ? request.validFrom() : now;
        if (request.validUntil() == null) {
            throw AgreementException.invalid("validUntil", "is required (an ISO-8601 instant, e.g. 2027-12-31T00:00:00Z)");
        }
        if (!request.validUntil().isAfter(validFrom)) {
            throw AgreementException.invalid("validUntil", "must be after validFrom " + validFrom);
        }
        if (!request.validUntil().isAfter(now)) {
            throw AgreementException.invalid("validUntil", "must be in the future");
        }
        String id = "agr-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new Agreement(id, provider, consumer, new ArrayList<>(topics), legalBasis, purpose, validFrom,
            request.validUntil(), AgreementStatus.REQUESTED, reservada, actor, null, null, null, null, now, now);
    }

    /**
     * Records the approval of {@code actor}: the provider, or an administrator when the agreement needs one. The
     * agreement becomes {@link AgreementStatus#APPROVED} once every required approval is in.
     */
    public Agreement approve(Agreement agreement, String actor, Instant now) {
        requireStatus(agreement, now, "approve", AgreementStatus.REQUESTED);
        boolean admin = ClientSecurity.ADMIN.equals(actor);
        String providerApproval = agreement.providerApprovedBy();
        String adminApproval = agreement.adminApprovedBy();
        if (agreement.provider().equals(actor)) {
            providerApproval = actor;
        } else if (admin && agreement.adminApprovalRequired()) {
            adminApproval = actor;
        } else {
            throw new AgreementException(AgreementError.FORBIDDEN, null, "Only the provider '" + agreement.provider()
                + "'" + (agreement.adminApprovalRequired() ? " and an administrator" : "") + " may approve agreement "
                + agreement.id() + "; " + ClientSecurity.principal(actor) + " may not");
        }
        boolean complete = providerApproval != null && (!agreement.adminApprovalRequired() || adminApproval != null);
        return agreement.with(complete ? AgreementStatus.APPROVED : AgreementStatus.REQUESTED, providerApproval,
            adminApproval, null, null, now);
    }

    /** The provider or an administrator turns a request down. */
    public Agreement reject(Agreement agreement, String actor, String reason, Instant now) {
        requireStatus(agreement, now, "reject", AgreementStatus.REQUESTED);
        if (!agreement.provider().equals(actor) && !ClientSecurity.ADMIN.equals(actor)) {
            throw new AgreementException(AgreementError.FORBIDDEN, null, "Only the provider '" + agreement.provider()
                + "' or an administrator may reject agreement " + agreement.id() + "; " + ClientSecurity.principal(actor) + " may not");
        }
        return agreement.with(AgreementStatus.REJECTED, agreement.providerApprovedBy(), agreement.adminApprovedBy(), actor,
            optionalText(reason), now);
    }

    /** The consumer, the provider or an administrator withdraws a requested or approved agreement. */
    public Agreement revoke(Agreement agreement, String actor, String reason, Instant now) {
        requireStatus(agreement, now, "revoke", AgreementStatus.REQUESTED, AgreementStatus.APPROVED);
        if (!agreement.provider().equals(actor) && !agreement.consumer().equals(actor) && !ClientSecurity.ADMIN.equals(actor)) {
            throw new AgreementException(AgreementError.FORBIDDEN, null, "Only '" + agreement.provider() + "', '"
                + agreement.consumer() + "' or an administrator may revoke agreement " + agreement.id() + "; "
                + ClientSecurity.principal(actor) + " may not");
        }
        return agreement.with(AgreementStatus.REVOKED, agreement.providerApprovedBy(), agreement.adminApprovedBy(), actor,
            optionalText(reason), now);
    }

    /** The agreement marked {@link AgreementStatus#EXPIRED} by the platform, once its validity has ended. */
    public static Agreement expire(Agreement agreement, Instant now) {
        return agreement.with(AgreementStatus.EXPIRED, agreement.providerApprovedBy(), agreement.adminApprovedBy(),
            "system", "validity ended " + agreement.validUntil(), now);
    }

    private static void requireStatus(Agreement agreement, Instant now, String step, AgreementStatus... allowed) {
        AgreementStatus current = agreement.statusAt(now);
        for (AgreementStatus status : allowed) {
            if (current == status) {
                return;
            }
        }
        throw new AgreementException(AgreementError.INVALID_TRANSITION, "status", "Cannot " + step + " agreement "
            + agreement.id() + ": it is " + current);
    }

    private String institution(String value, String field) {
        if (value == null || value.isBlank()) {
            throw AgreementException.invalid(field, "is required: an institution code such as " + institutions.stream().sorted().limit(3).toList());
        }
        String code = value.trim();
        if (!institutions.contains(code)) {
            throw AgreementException.invalid(field, "'" + code + "' is not a known institution");
        }
        return code;
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw AgreementException.invalid(field, "is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw AgreementException.invalid(field, "must be at most " + max + " characters, got " + trimmed.length());
        }
        return trimmed;
    }

    private static String optionalText(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_REASON) {
            throw AgreementException.invalid("reason", "must be at most " + MAX_REASON + " characters, got " + trimmed.length());
        }
        return trimmed;
    }
}
