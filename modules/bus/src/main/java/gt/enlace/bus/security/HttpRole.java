package gt.enlace.bus.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a principal may do on the platform's HTTP ports (registry, gateway, survey API, portal), beyond what Kafka's
 * ACLs say. Every principal has exactly one role.
 */
public enum HttpRole {

    /** The platform's own principal ({@code User:admin}): everything, for every institution. */
    ADMIN,

    /**
     * The pilot's coordination office: the maturity dashboard of every institution, the survey form for any
     * institution and the catalog; no publishing and no schema changes.
     */
    EVALUATOR,

    /**
     * An institution ({@code User:renap}): the catalog, onboarding, and, for its own institution only, its dashboard
     * page, the survey form, publishing, CSV upload and schema registration. The default role.
     */
    INSTITUTION;

    /** The role's name as stored and as {@code HttpServletRequest.isUserInRole} takes it: lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code code} (any case, surrounding blanks ignored), if there is one. */
    public static Optional<HttpRole> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (HttpRole role : values()) {
            if (role.code().equalsIgnoreCase(code.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
