package gt.enlace.platform.security;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementException;
import gt.enlace.bus.agreements.AgreementRequest;
import gt.enlace.portal.catalog.AccessRequest;
import gt.enlace.portal.catalog.AccessRequests;
import gt.enlace.portal.catalog.CatalogError;
import gt.enlace.portal.catalog.CatalogException;

/**
 * On a secure platform, a request for access made from a catalog page is a data-sharing agreement request: it lands
 * on {@code _enlace.agreements} as {@code REQUESTED}, the provider sees it in {@code enlace agreements list} and the
 * API, and approving it grants the ACLs. The portal has already checked that the logged-in institution asks in its
 * own name, so the requester is the agreement's consumer and the actor of the audit entry.
 */
final class AgreementAccessRequests implements AccessRequests {

    /** Access runs to the end of the last day the requester asked for, in Guatemala's time. */
    static final ZoneId GUATEMALA = ZoneId.of("America/Guatemala");

    private final AgreementService agreements;
    private final Clock clock;

    AgreementAccessRequests(AgreementService agreements, Clock clock) {
        this.agreements = agreements;
        this.clock = clock;
    }

    @Override
    public AccessRequest submit(AccessRequest request) {
        Agreement agreement;
        try {
            agreement = agreements.request(request.requester(), new AgreementRequest(request.provider(), request.requester(),
                List.of(request.topic()), request.legalBasis(), request.purpose(), clock.instant(),
                request.validUntil().plusDays(1).atStartOfDay(GUATEMALA).toInstant()));
        } catch (AgreementException e) {
            throw new CatalogException(CatalogError.ACCESS_REQUEST_NOT_RECORDED, e.getMessage());
        }
        return new AccessRequest(agreement.id(), request.topic(), agreement.provider(), agreement.consumer(),
            agreement.purpose(), agreement.legalBasis(), request.validUntil(), agreement.createdAt() == null
                ? clock.instant() : agreement.createdAt(), agreement.status().name());
    }
}
