package gt.enlace.bus.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import gt.enlace.bus.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication for the platform's HTTP ports (the registry's and the web port of the gateway, survey
 * API and portal), shared so that both answer alike: the {@code Authorization} header is parsed strictly
 * ({@link BasicCredentials}), the password checked ({@link PasswordCheck}, normally the platform's
 * {@link CredentialDirectory}: the same password as the principal's Kafka SCRAM credential), and failed logins
 * rate-limited ({@link LoginThrottle}). Every failed login and every denied access is logged at WARN with the user
 * and the remote address (never the password) and recorded in the audit log when there is one: {@code auth.failed},
 * {@code auth.locked} when a failure starts a lockout, {@code access.denied}. Requests refused during a lockout are
 * logged but not each recorded, so a guesser cannot flood the audit log.
 *
 * <p>The servlet filters of each port turn an {@link Outcome} into their own error bodies.
 */
public final class HttpAuthenticator {

    /** The {@code WWW-Authenticate} realm of the platform's ports. */
    public static final String DEFAULT_REALM = "enlace";

    /** Audit action of a failed login. */
    public static final String AUDIT_FAILED = "auth.failed";
    /** Audit action of a failed login that started a lockout. */
    public static final String AUDIT_LOCKED = "auth.locked";
    /** Audit action of an authenticated request refused for lack of permission. */
    public static final String AUDIT_DENIED = "access.denied";

    static final String MISSING = "Missing credentials: send HTTP Basic authentication with your institution code and "
        + "its bus password";

    private static final Logger log = LoggerFactory.getLogger(HttpAuthenticator.class);

    /** Checks a user's password. */
    @FunctionalInterface
    public interface PasswordCheck {
        /** @return the principal when {@code password} is {@code user}'s, empty otherwise (unknown user included) */
        Optional<HttpPrincipal> check(String user, String password);
    }

    /**
     * What became of a request's credentials.
     *
     * @param principal         who it is, when authenticated; null otherwise
     * @param status            200 when authenticated, 401 or 429 otherwise
     * @param message           why not, for the client; null when authenticated
     * @param retryAfterSeconds for 429, when to try again; 0 otherwise
     */
    public record Outcome(HttpPrincipal principal, int status, String message, long retryAfterSeconds) {

        /** Whether the request may go on (subject to the port's own permission rules). */
        public boolean authenticated() {
            return principal != null;
        }
    }

    private final PasswordCheck passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final String realm;

    /**
     * @param passwords checks passwords
     * @param throttle  counts failures
     * @param audit     where failures and denials are recorded; null for none (they are still logged)
     * @param realm     the {@code WWW-Authenticate} realm
     */
    public HttpAuthenticator(PasswordCheck passwords, LoginThrottle throttle, AuditLog audit, String realm) {
        this.passwords = Objects.requireNonNull(passwords, "'passwords' cannot be null");
        this.throttle = Objects.requireNonNull(throttle, "'throttle' cannot be null");
        this.audit = audit;
        this.realm = realm == null || realm.isBlank() ? DEFAULT_REALM : realm;
    }

    /** The realm, for {@code WWW-Authenticate}. */
    public String realm() {
        return realm;
    }

    /** The {@code WWW-Authenticate} header value of a 401. */
    public String challenge() {
        return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    /**
     * Authenticates one request.
     *
     * @param authorization the {@code Authorization} header, or null
     * @param remoteAddress the client's address, for the throttle and the log
     * @param target        what the request is for, e.g. {@code registry/subjects}, for the log and the audit
     */
    public Outcome authenticate(String authorization, String remoteAddress, String target) {
        if (authorization == null || authorization.isEmpty()) {
            // A browser's first request: no guess was made, so nothing is counted or recorded.
            Optional<Duration> locked = throttle.lockedFor(null, remoteAddress);
            if (locked.isPresent()) {
                return tooMany(null, remoteAddress, locked.get());
            }
            return new Outcome(null, 401, MISSING, 0);
        }
        BasicCredentials credentials;
        try {
            credentials = BasicCredentials.parse(authorization);
        } catch (BasicCredentials.MalformedCredentialsException e) {
            Optional<Duration> locked = throttle.lockedFor(null, remoteAddress);
            if (locked.isPresent()) {
                return tooMany(null, remoteAddress, locked.get());
            }
            return failure(null, remoteAddress, target, "Malformed HTTP Basic credentials: " + e.getMessage());
        }
        String user = credentials.user();
        Optional<Duration> locked = throttle.lockedFor(user, remoteAddress);
        if (locked.isPresent()) {
            return tooMany(user, remoteAddress, locked.get());
        }
        Optional<HttpPrincipal> principal;
        try {
            principal = passwords.check(user, credentials.password());
        } catch (RuntimeException e) {
            log.error("Cannot check the password of {}: {}", printable(user), e.getMessage());
            return new Outcome(null, 401, "The platform cannot check credentials right now; try again", 0);
        }
        if (principal.isEmpty()) {
            return failure(user, remoteAddress, target, "Wrong user or password for principal User:" + printable(user));
        }
        throttle.succeeded(user, remoteAddress);
        return new Outcome(principal.get(), 200, null, 0);
    }

    /**
     * Logs and records that {@code principal} was refused {@code operation} on {@code target}.
     *
     * @param principal     who asked
     * @param remoteAddress from where
     * @param operation     what it asked, e.g. {@code POST /subjects/x/versions} or {@code publish}
     * @param target        what on, as {@code <kind>/<name>}, e.g. {@code subject/gt.renap.x.v1-value}
     * @param reason        why not, as told to the client
     */
    public void denied(HttpPrincipal principal, String remoteAddress, String operation, String target, String reason) {
        log.warn("Access denied to {} from {}: {} {}: {}", principal, remoteAddress, operation, target, reason);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("operation", cut(operation, 200));
        details.put("reason", cut(reason, 500));
        details.put("address", String.valueOf(remoteAddress));
        record(principal.name(), AUDIT_DENIED, target, details);
    }

    private Outcome failure(String user, String remoteAddress, String target, String reason) {
        boolean lockedNow = throttle.failed(user, remoteAddress);
        String who = user == null ? "(unreadable)" : printable(user);
        log.warn("Failed login on {} for user {} from {}: {}", target, who, remoteAddress, reason);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("user", who);
        details.put("address", String.valueOf(remoteAddress));
        details.put("reason", cut(reason, 500));
        String actor = user != null && CredentialDirectory.validName(user) ? user : "anonymous";
        record(actor, AUDIT_FAILED, cut(target, 200), details);
        if (lockedNow) {
            log.warn("Login locked for {} for user {} from {} after {} failures in {} s", throttle.lockout().toSeconds() + " s",
                who, remoteAddress, throttle.maxFailures(), throttle.window().toSeconds());
            Map<String, String> lock = new LinkedHashMap<>(details);
            lock.remove("reason");
            lock.put("seconds", String.valueOf(throttle.lockout().toSeconds()));
            record(actor, AUDIT_LOCKED, cut(target, 200), lock);
        }
        return new Outcome(null, 401, reason, 0);
    }

    private Outcome tooMany(String user, String remoteAddress, Duration left) {
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        String who = user == null ? "" : " for User:" + printable(user);
        log.warn("Login refused{} from {}: locked out for {} more s after repeated failures", who, remoteAddress, seconds);
        return new Outcome(null, 429, "Too many failed logins" + who + " from " + remoteAddress + ": try again in "
            + seconds + " s", seconds);
    }

    private void record(String actor, String action, String target, Map<String, String> details) {
        if (audit == null) {
            return;
        }
        try {
            audit.append(actor, action, target, details);
        } catch (RuntimeException e) {
            log.error("Could not record {} {} in the audit log: {}", action, target, e.getMessage());
        }
    }

    /** {@code s} without control, format (e.g. right-to-left override) or surrogate characters, at most 64: safe to log. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        return s.length() > 64 ? b + "…" : b.toString();
    }

    private static String cut(String s, int max) {
        String p = s == null ? "" : s;
        return p.length() <= max ? p : p.substring(0, max) + "…";
    }
}
