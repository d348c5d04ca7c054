package gt.enlace.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.bus.security.HttpAuthenticator;
import gt.enlace.bus.security.HttpPrincipal;
import gt.enlace.portal.PortalLanguage;
import gt.enlace.registry.security.AuthenticatedRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * HTTP Basic authentication and roles on the platform's web port (gateway, survey API, agreements API, portal) when
 * the bus is secure. Everything needs a principal except {@code /health}, the gateway's {@code /openapi}, the
 * published signing keys ({@code /api/v1/keys}) and the portal's static files ({@code /portal/*.css|js},
 * {@code /portal/vendor/…}). On top of that, by path ({@link WebAccessRules}): the maturity dashboard and the survey
 * reports are for the admin and evaluators, except an institution's own page ({@code /dashboard/institutions/<code>},
 * {@code /api/v1/survey/institutions/<code>…}). Finer rules live where the data is: the gateway and the CSV upload
 * ask {@link SecureGatewayAuthorizer} who may publish to a topic, the survey API who may answer for an institution,
 * the agreements API who is party to an agreement.
 *
 * <p>Downstream, {@code request.getUserPrincipal()} is the {@link HttpPrincipal}, {@code getRemoteUser()} its name and
 * {@code isUserInRole("admin"|"evaluator"|"institution")} its role. Refusals: {@code 401} with
 * {@code WWW-Authenticate: Basic} (so a browser asks for the login), {@code 403}, or {@code 429} with
 * {@code Retry-After} during a login lockout; JSON ({@code {"error_code":40101,"error":"UNAUTHENTICATED","message":…}})
 * under {@code /api/}, elsewhere a short page in the portal's language ({@code ?lang=es|en}, else the language
 * cookie, else Spanish).
 */
public final class WebAccessFilter extends OncePerRequestFilter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpAuthenticator authenticator;

    /** @param authenticator checks credentials and records failures and denials */
    public WebAccessFilter(HttpAuthenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "'authenticator' cannot be null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String path = path(request);
        if (WebAccessRules.isPublic(path)) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        HttpAuthenticator.Outcome outcome = authenticator.authenticate(request.getHeader("Authorization"), address,
            "web" + WebAccessRules.area(path));
        if (!outcome.authenticated()) {
            if (outcome.status() == 429) {
                response.setHeader("Retry-After", String.valueOf(outcome.retryAfterSeconds()));
                refuse(request, response, path, 429, 42901, "TOO_MANY_FAILED_LOGINS", outcome.message());
            } else {
                response.setHeader("WWW-Authenticate", authenticator.challenge());
                refuse(request, response, path, 401, 40101, "UNAUTHENTICATED", outcome.message());
            }
            return;
        }
        HttpPrincipal principal = outcome.principal();
        String refusal = WebAccessRules.refusal(principal, request.getMethod(), path);
        if (refusal != null) {
            authenticator.denied(principal, address, request.getMethod() + " " + path, "web" + WebAccessRules.area(path),
                refusal);
            refuse(request, response, path, 403, 40301, "FORBIDDEN", refusal);
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, principal), response);
    }

    /** The path as the servlet container normalised and decoded it (no {@code //}, {@code ..} or {@code ;params}). */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo();
        String path = info == null ? servletPath : servletPath + info;
        return path.isEmpty() ? "/" : path;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String path, int status, int code,
                               String error, String message) throws IOException {
        response.setStatus(status);
        byte[] body;
        if (path.startsWith("/api/")) {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("error_code", code);
            node.put("error", error);
            node.put("message", message);
            response.setContentType("application/json");
            body = node.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("text/html;charset=UTF-8");
            body = page(request, path, status, message).getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The short page a browser gets, in the portal's language ({@code ?lang=}, else its cookie, else Spanish; texts
     * from the portal's {@code common} bundle), with a link to the other language. The reason stays as the
     * authenticator or the rules gave it.
     */
    static String page(HttpServletRequest request, String path, int status, String message) {
        Locale locale = PortalLanguage.of(request);
        String lang = PortalLanguage.tag(locale);
        String other = lang.equals("es") ? "en" : "es";
        String title = PortalLanguage.common("access.title." + status, locale);
        return "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" + title
            + " · Enlace</title><link rel=\"stylesheet\" href=\"/portal/enlace.css\"></head><body><main><h1>" + title
            + "</h1><p>" + PortalLanguage.common("access.detail", locale) + " " + HtmlUtils.htmlEscape(message) + "</p>"
            + (status == 401 ? "<p>" + PortalLanguage.common("access.hint.401", locale) + "</p>" : "")
            + "<p><a href=\"/\">" + PortalLanguage.common("error.home", locale) + "</a> · <a href=\""
            + HtmlUtils.htmlEscape(UriUtils.encodePath(path, StandardCharsets.UTF_8)) + "?lang=" + other + "\" hreflang=\""
            + other + "\" lang=\"" + other + "\">" + PortalLanguage.common("portal.language.switch", locale)
            + "</a></p></main></body></html>";
    }
}
