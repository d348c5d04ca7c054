package gt.enlace.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementError;
import gt.enlace.bus.agreements.AgreementException;
import gt.enlace.bus.agreements.AgreementRequest;
import gt.enlace.bus.agreements.AgreementRules;
import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;

/**
 * The agreement operations behind the API and the CLI: authenticates the caller with its bus credentials (HTTP
 * Basic, the same user and password as in Kafka), applies {@link AgreementRules} and stores the result.
 */
public final class AgreementService {

    private final AgreementStore store;
    private final CredentialStore credentials;
    private final TopicCatalog catalog;
    private final Clock clock;

    /**
     * @param store       where agreements live
     * @param credentials who may call, with which password
     * @param catalog     the topics and their owners
     * @param clock       the time
     */
    public AgreementService(AgreementStore store, CredentialStore credentials, TopicCatalog catalog, Clock clock) {
        this.store = store;
        this.credentials = credentials;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * The principal an {@code Authorization: Basic …} header proves.
     *
     * @throws AgreementException {@link AgreementError#UNAUTHENTICATED} when the header is missing or wrong
     */
    public String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new AgreementException(AgreementError.UNAUTHENTICATED, null,
                "Missing credentials: send HTTP Basic authentication with your institution code and its bus password");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AgreementException(AgreementError.UNAUTHENTICATED, null, "Malformed HTTP Basic credentials");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!credentials.matches(user, password)) {
            throw new AgreementException(AgreementError.UNAUTHENTICATED, null,
                "Wrong user or password for principal User:" + user);
        }
        return user;
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
        return store.save(rules().request(request, actor, clock.instant()));
    }

    /** {@code actor} approves agreement {@code id}. */
    public synchronized Agreement approve(String actor, String id) {
        return store.save(rules().approve(find(actor, id), actor, clock.instant()));
    }

    /** {@code actor} rejects agreement {@code id}. */
    public synchronized Agreement reject(String actor, String id, String reason) {
        return store.save(rules().reject(find(actor, id), actor, reason, clock.instant()));
    }

    /** {@code actor} revokes agreement {@code id}. */
    public synchronized Agreement revoke(String actor, String id, String reason) {
        return store.save(rules().revoke(find(actor, id), actor, reason, clock.instant()));
    }

    /** The agreements {@code actor} is party to (every one for the admin), oldest first. */
    public List<Agreement> visibleTo(String actor) {
        return store.all().stream().filter(a -> visible(a, actor)).toList();
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
