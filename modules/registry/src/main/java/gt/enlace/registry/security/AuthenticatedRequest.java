package gt.enlace.registry.security;

import java.security.Principal;
import java.util.Objects;

import gt.enlace.bus.security.HttpPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request that HTTP Basic authentication let through, as the controllers downstream see it:
 * {@code getUserPrincipal()} is the {@link HttpPrincipal}, {@code getRemoteUser()} its name, {@code getAuthType()}
 * {@code BASIC} and {@code isUserInRole(code)} true for its {@link gt.enlace.bus.security.HttpRole} code only.
 *
 * <p>Shared by the registry's {@link RegistryAccessFilter} and the platform's web filter. It lives here rather than
 * next to {@link HttpPrincipal} in {@code bus} because {@code bus} is a plain library without the servlet API, and
 * the registry is the first module on the dependency path that has it and that the platform already depends on.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final HttpPrincipal principal;

    /**
     * @param request   the request as the container parsed it
     * @param principal who sent it, as the authenticator established
     */
    public AuthenticatedRequest(HttpServletRequest request, HttpPrincipal principal) {
        super(request);
        this.principal = Objects.requireNonNull(principal, "'principal' cannot be null");
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.name();
    }

    @Override
    public String getAuthType() {
        return HttpServletRequest.BASIC_AUTH;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.role().code().equals(role);
    }
}
