package gt.enlace.platform.security;

import gt.enlace.bus.security.HttpPrincipal;

/**
 * Which paths of the web port are public and which need more than a login; see {@link WebAccessFilter}. Paths are
 * the container's normalised, decoded paths, compared segment by segment.
 */
final class WebAccessRules {

    private WebAccessRules() {
    }

    /** Whether {@code path} is served without a login. */
    static boolean isPublic(String path) {
        if (path.equals("/health") || path.equals("/openapi") || path.equals("/favicon.ico")
            || path.equals("/api/v1/keys") || path.startsWith("/api/v1/keys/")) {
            return true;
        }
        // The portal's static files; "/portal" itself is the home page.
        if (path.startsWith("/portal/vendor/")) {
            return !path.contains("..");
        }
        if (path.startsWith("/portal/") && path.indexOf('/', "/portal/".length()) < 0) {
            return path.endsWith(".css") || path.endsWith(".js");
        }
        return false;
    }

    /** The first segment of the path, e.g. {@code /dashboard}, for logs and the audit. */
    static String area(String path) {
        String[] s = segments(path);
        String area = s.length == 0 ? "/" : "/" + (s[0].equals("api") && s.length >= 3 ? "api/" + s[1] + "/" + s[2] : s[0]);
        return area.length() > 60 ? area.substring(0, 60) : area;
    }

    /** Why {@code principal} may not {@code method} {@code path}, or null when it may. */
    static String refusal(HttpPrincipal principal, String method, String path) {
        if (principal.isAdmin()) {
            return null;
        }
        String[] s = segments(path);
        String who = "User:" + principal.name();
        if (s.length >= 1 && s[0].equals("dashboard")) {
            if (s.length >= 3 && s[1].equals("institutions")) {
                return principal.mayView(s[2]) ? null : who + " may see only its own institution's maturity page ("
                    + "/dashboard/institutions/" + principal.name() + "), not " + s[2] + "'s";
            }
            return principal.isEvaluator() ? null
                : who + " may not see the maturity dashboard of every institution: it is for evaluators; its own page is "
                    + "/dashboard/institutions/" + principal.name();
        }
        if (s.length >= 4 && s[0].equals("api") && s[1].equals("v1") && s[2].equals("survey")) {
            if (s[3].equals("institutions") && s.length >= 5) {
                return principal.mayView(s[4]) ? null
                    : who + " may read only its own institution's survey results, not " + s[4] + "'s";
            }
            if (s[3].equals("institutions") || s[3].equals("overview")) {
                return principal.isEvaluator() ? null
                    : who + " may not read every institution's survey results: they are for evaluators";
            }
        }
        return null;
    }

    private static String[] segments(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toArray(String[]::new);
    }
}
