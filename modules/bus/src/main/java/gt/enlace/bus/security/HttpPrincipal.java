package gt.enlace.bus.security;

import java.security.Principal;
import java.util.Objects;

/**
 * Who an HTTP request comes from once its HTTP Basic credentials were checked: the principal's name (the same as
 * its Kafka user, e.g. {@code renap} for {@code User:renap}) and its {@link HttpRole}.
 *
 * @param name the principal's user name
 * @param role what it may do
 */
public record HttpPrincipal(String name, HttpRole role) implements Principal {

    /** @throws NullPointerException when a component is null */
    public HttpPrincipal {
        Objects.requireNonNull(name, "'name' cannot be null");
        Objects.requireNonNull(role, "'role' cannot be null");
    }

    @Override
    public String getName() {
        return name;
    }

    /** Whether this is the platform's admin. */
    public boolean isAdmin() {
        return role == HttpRole.ADMIN;
    }

    /** Whether this is an evaluator. */
    public boolean isEvaluator() {
        return role == HttpRole.EVALUATOR;
    }

    /** Whether the principal may act for {@code institution}: the admin for every one, an institution for itself. */
    public boolean actsFor(String institution) {
        return isAdmin() || (role == HttpRole.INSTITUTION && name.equals(institution));
    }

    /** Whether the principal may see what evaluators see about {@code institution}: admin, evaluator, or itself. */
    public boolean mayView(String institution) {
        return isAdmin() || isEvaluator() || name.equals(institution);
    }

    /** {@code User:<name> (<role>)}, for messages. */
    @Override
    public String toString() {
        return "User:" + name + " (" + role.code() + ")";
    }
}
