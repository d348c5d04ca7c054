package gt.enlace.platform.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementError;
import gt.enlace.bus.agreements.AgreementException;
import gt.enlace.bus.agreements.AgreementRequest;
import gt.enlace.bus.agreements.AgreementRules;
import gt.enlace.bus.audit.AuditLog;
import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;

/**
 * The agreement operations behind the API and the CLI: applies {@link AgreementRules} for an authenticated caller
 * (the web port's {@link WebAccessFilter} checks its HTTP Basic credentials, the same user and password as in Kafka),
 * stores the result and records every change in the audit log ({@code agreement.request}, {@code agreement.approve},
 * {@code agreement.reject}, {@code agreement.revoke}; the reconciler records {@code agreement.expire}).
 */
public final class AgreementService {

    private final AgreementStore store;
    private final CredentialStore credentials;
    private final TopicCatalog catalog;
    private final Clock clock;
    private final AuditLog audit;

    /**
     * @param store       where agreements live
     * @param credentials the principals
     * @param catalog     the topics and their owners
     * @param clock       the time
     * @param audit       where changes are recorded; null for nowhere
     */
    public AgreementService(AgreementStore store, CredentialStore credentials, TopicCatalog catalog, Clock clock,
                            AuditLog audit) {
        this.store = store;
        this.credentials = credentials;
        this.catalog = catalog;
        this.clock = clock;
        this.audit = audit;
    }

    /** Every institution that is a principal: the catalog's and those added since. */
    public Set<String> institutions() {
        Set<String> all = new TreeSet<>();
        for (InstitutionDefinition institution : catalog.institutions()) {
            all.add(institution.code());
        }
        all.addAll(credentials.users());
        all.remove(ClientSecurity.ADMIN);
        return all;
    }

    /** {@code actor} asks for an agreement. */
    public synchronized Agreement request(String actor, AgreementRequest request) {
        return recorded(actor, "agreement.request", store.save(rules().request(request, actor, clock.instant())), null);
    }

    /** {@code actor} approves agreement {@code id}. */
    public synchronized Agreement approve(String actor, String id) {
        return recorded(actor, "agreement.approve", store.save(rules().approve(find(actor, id), actor, clock.instant())), null);
    }

    /** {@code actor} rejects agreement {@code id}. */
    public synchronized Agreement reject(String actor, String id, String reason) {
        return recorded(actor, "agreement.reject", store.save(rules().reject(find(actor, id), actor, reason, clock.instant())),
            reason);
    }

    /** {@code actor} revokes agreement {@code id}. */
    public synchronized Agreement revoke(String actor, String id, String reason) {
        return recorded(actor, "agreement.revoke", store.save(rules().revoke(find(actor, id), actor, reason, clock.instant())),
            reason);
    }

    /** The agreements {@code actor} is party to (every one for the admin), oldest first. */
    public List<Agreement> visibleTo(String actor) {
        return store.all().stream().filter(a -> visible(a, actor)).toList();
    }

    /** The audit entry of an agreement change: who, what, the parties, topics and status. */
    static Map<String, String> details(Agreement agreement, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("provider", agreement.provider());
        details.put("consumer", agreement.consumer());
        details.put("topics", String.join(",", agreement.topics()));
        details.put("status", agreement.status().name());
        if (agreement.validUntil() != null) {
            details.put("validUntil", agreement.validUntil().toString());
        }
        if (reason != null && !reason.isBlank()) {
            details.put("reason", reason.length() > 500 ? reason.substring(0, 500) + "…" : reason);
        }
        return details;
    }

    private Agreement recorded(String actor, String action, Agreement agreement, String reason) {
        if (audit != null) {
            try {
                audit.append(actor, action, "agreement/" + agreement.id(), details(agreement, reason));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AgreementService.class).error("Could not record {} of agreement {} in "
                    + "the audit log: {}", action, agreement.id(), e.getMessage());
            }
        }
        return agreement;
    }

    private Agreement find(String actor, String id) {
        return store.get(id).filter(a -> visible(a, actor)).orElseThrow(() ->
            new AgreementException(AgreementError.NOT_FOUND, "id", "No agreement '" + id + "' that User:" + actor + " is party to"));
    }

    private static boolean visible(Agreement agreement, String actor) {
        return ClientSecurity.ADMIN.equals(actor) || agreement.provider().equals(actor) || agreement.consumer().equals(actor);
    }

    private AgreementRules rules() {
        return new AgreementRules(catalog, institutions());
    }
}
