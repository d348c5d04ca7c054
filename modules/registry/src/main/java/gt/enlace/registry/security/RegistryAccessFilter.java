package gt.enlace.registry.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import gt.enlace.bus.security.CredentialDirectory;
import gt.enlace.bus.security.HttpAuthenticator;
import gt.enlace.bus.security.HttpPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Who may do what on the registry when it is secured. Every request needs HTTP Basic credentials of a principal
 * (answered {@code 401 {"error_code":401,"message":"Unauthorized: …"}} with {@code WWW-Authenticate: Basic}
 * otherwise, as Confluent's registry with basic auth does; {@code 429} with {@code Retry-After} during a login
 * lockout). Reads ({@code GET}, compatibility checks, {@code POST /subjects/{s}} lookups) are open to every principal.
 * Writes to a subject ({@code POST /subjects/{s}/versions}, {@code DELETE /subjects/{s}…}, {@code PUT|DELETE
 * /config/{s}} and {@code /mode/{s}}) need the subject's owner: the institution {@code inst} of a subject that starts
 * with {@code gt.<inst>.} or {@code sandbox.<inst>.} (TopicNameStrategy's {@code <topic>-value} and
 * {@code <topic>-key}, and TopicRecordNameStrategy's {@code <topic>-<record>}), or the admin. Everything else
 * (global config and mode, subjects without an owner) needs the admin. A refusal is {@code 403
 * {"error_code":40301,"message":"…"}}, logged and recorded in the audit log as {@code access.denied}.
 */
public final class RegistryAccessFilter extends OncePerRequestFilter {

    /**
     * {@code enlace.registry.auth.credentials-dir}: a credentials directory ({@code <user>.password},
     * {@code <user>.role}, see {@link CredentialDirectory}) that turns authentication on when the host passes no
     * {@link HttpAuthenticator} of its own. No default: without either, the registry is open (insecure mode).
     */
    public static final String CREDENTIALS_DIR = "enlace.registry.auth.credentials-dir";

    /** Confluent's code of a request denied for lack of permission. */
    public static final int FORBIDDEN_CODE = 40301;

    /** Confluent's message of a 401, which Enlace's message starts with. */
    public static final String UNAUTHORIZED = "Unauthorized";

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpAuthenticator authenticator;

    /** @param authenticator checks credentials and records failures and denials; null lets every request through */
    public RegistryAccessFilter(HttpAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Whether requests are authenticated at all. */
    public boolean enabled() {
        return authenticator != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        if (authenticator == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        HttpAuthenticator.Outcome outcome = authenticator.authenticate(request.getHeader("Authorization"), address,
            "registry" + firstSegment(request));
        if (!outcome.authenticated()) {
            if (outcome.status() == 429) {
                response.setHeader("Retry-After", String.valueOf(outcome.retryAfterSeconds()));
                error(response, 429, 429, outcome.message());
            } else {
                // Confluent's registry with HTTP Basic answers {"error_code":401,"message":"Unauthorized"} (quoted by
                // its users in confluentinc/schema-registry#1759 and mostafa/xk6-kafka#375; its client turns it into
                // "Unauthorized; error code: 401") and challenges with Jetty's `basic realm="<authentication.realm>"`.
                // Same status, body fields, error_code and challenge scheme (case-insensitive, RFC 7235 2.1) here; the
                // message keeps "Unauthorized" first and adds why after a colon, and the challenge names the charset
                // (RFC 7617 2.1) so that browsers send UTF-8 user names.
                response.setHeader("WWW-Authenticate", authenticator.challenge());
                error(response, 401, 401, UNAUTHORIZED + ": " + outcome.message());
            }
            return;
        }
        HttpPrincipal principal = outcome.principal();
        Access access = access(request.getMethod(), segments(request));
        String refusal = refusal(principal, access);
        if (refusal != null) {
            authenticator.denied(principal, address, request.getMethod() + " " + request.getRequestURI(),
                access.subject() == null ? "registry/" + access.what() : "subject/" + access.subject(), refusal);
            error(response, 403, FORBIDDEN_CODE, refusal);
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, principal), response);
    }

    /** What a request does: a read, a write to {@code subject}, or an admin-only change of {@code what}. */
    record Access(boolean read, String subject, String what) {
    }

    /** The access a request needs, from its method and decoded path segments. */
    static Access access(String method, List<String> path) {
        String m = method.toUpperCase(Locale.ROOT);
        String root = path.isEmpty() ? "" : path.get(0);
        if (m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS")) {
            return new Access(true, null, root);
        }
        if (m.equals("POST") && root.equals("compatibility")) {
            return new Access(true, null, root);
        }
        if (root.equals("subjects") && path.size() >= 2) {
            if (m.equals("POST") && path.size() == 2) {
                return new Access(true, null, root);   // is this schema registered under the subject?
            }
            return new Access(false, path.get(1), root);
        }
        if ((root.equals("config") || root.equals("mode")) && path.size() == 2) {
            return new Access(false, path.get(1), root);
        }
        return new Access(false, null, root.isEmpty() ? "/" : root);
    }

    /** Why {@code principal} may not do {@code access}, or null when it may. */
    static String refusal(HttpPrincipal principal, Access access) {
        if (access.read() || principal.isAdmin()) {
            return null;
        }
        String who = "User:" + principal.name();
        if (access.subject() == null) {
            String what = access.what().equals("config") || access.what().equals("mode")
                ? "change the global " + access.what() : "make this change (" + access.what() + ")";
            return who + " may not " + what + ": only User:admin may";
        }
        String owner = ownerOf(access.subject());
        if (owner == null) {
            return who + " may not change subject '" + access.subject() + "': it belongs to no institution (subjects of "
                + "institutions start with gt.<institution>. or sandbox.<institution>.), so only User:admin may";
        }
        if (!principal.actsFor(owner)) {
            return who + " may not change subject '" + access.subject() + "': it belongs to institution " + owner
                + "; " + (principal.isEvaluator() ? "evaluators only read the registry"
                : "an institution registers only gt." + principal.name() + ".* and sandbox." + principal.name() + ".* subjects");
        }
        return null;
    }

    /**
     * The institution that owns {@code subject}: {@code inst} when it starts with {@code gt.<inst>.} or
     * {@code sandbox.<inst>.}; null otherwise.
     */
    public static String ownerOf(String subject) {
        for (String prefix : new String[] {"gt.", "sandbox."}) {
            if (subject.startsWith(prefix)) {
                int dot = subject.indexOf('.', prefix.length());
                if (dot > prefix.length()) {
                    String institution = subject.substring(prefix.length(), dot);
                    return CredentialDirectory.validName(institution) ? institution : null;
                }
            }
        }
        return null;
    }

    private static List<String> segments(HttpServletRequest request) {
        String path = request.getRequestURI();
        String context = request.getContextPath();
        if (context != null && !context.isEmpty() && path.startsWith(context)) {
            path = path.substring(context.length());
        }
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            int semicolon = raw.indexOf(';');
            String segment = semicolon >= 0 ? raw.substring(0, semicolon) : raw;
            try {
                segments.add(UriUtils.decode(segment, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // Not decodable: kept raw, so it matches no institution's subject.
                segments.add(segment);
            }
        }
        return segments;
    }

    private static String firstSegment(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int next = uri.indexOf('/', 1);
        String first = next < 0 ? uri : uri.substring(0, next);
        return first.length() > 40 ? first.substring(0, 40) : first;
    }

    private static void error(HttpServletResponse response, int status, int code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        String json = "{\"error_code\":" + code + ",\"message\":\"" + escape(message) + "\"}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
