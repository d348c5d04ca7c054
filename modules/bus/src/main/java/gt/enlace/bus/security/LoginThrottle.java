package gt.enlace.bus.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows down password guessing on the HTTP ports: after {@link #maxFailures()} failed logins for one user from one
 * remote address within {@link #window()}, that user is locked out <em>from that address</em> for {@link #lockout()};
 * after {@value #ADDRESS_FACTOR} times as many failures from one address (whatever the users), the whole address is.
 * Every request of a locked-out user or address is answered {@code 429} with {@code Retry-After}, <em>even one with
 * the right password</em>, so that a guesser learns nothing during the lockout. The lockout is per address so that a
 * guesser elsewhere cannot lock the platform's own clients (which log in as {@code admin} from the platform's host)
 * out of the registry. A successful login outside a lockout clears that user's failures from that address.
 *
 * <p>Thread-safe; memory is bounded ({@value #MAX_KEYS} users and addresses tracked, the oldest forgotten first).
 */
public final class LoginThrottle {

    /** Default {@link #maxFailures()}. */
    public static final int DEFAULT_MAX_FAILURES = 5;
    /** Default {@link #window()}. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    /** Default {@link #lockout()}. */
    public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(1);
    /** An address is locked out after this many times {@link #maxFailures()} failures, whatever the users. */
    public static final int ADDRESS_FACTOR = 4;
    /** Users and addresses tracked at most. */
    static final int MAX_KEYS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> byKey = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param maxFailures failures within {@code window} that start a lockout; at least 1
     * @param window      how far back failures count
     * @param lockout     how long a lockout lasts
     * @param clock       the time
     */
    public LoginThrottle(int maxFailures, Duration window, Duration lockout, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("'maxFailures' must be at least 1, got " + maxFailures);
        }
        if (window == null || window.isNegative() || window.isZero() || lockout == null || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("'window' and 'lockout' must be positive durations");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null");
    }

    /** 5 failures within a minute lock out for a minute. */
    public static LoginThrottle withDefaults() {
        return new LoginThrottle(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW, DEFAULT_LOCKOUT, Clock.systemUTC());
    }

    /** Failures within {@link #window()} that start a lockout. */
    public int maxFailures() {
        return maxFailures;
    }

    /** How far back failures count. */
    public Duration window() {
        return window;
    }

    /** How long a lockout lasts. */
    public Duration lockout() {
        return lockout;
    }

    /**
     * How long {@code user} is still locked out from {@code address}, or the address as a whole; empty when not.
     *
     * @param user    the user the request names, or null when it names none
     * @param address the remote address, or null
     */
    public synchronized Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration longest = null;
        for (String key : keys(user, address)) {
            Failures f = byKey.get(key);
            if (f != null && f.lockedUntil != null && f.lockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, f.lockedUntil);
                longest = longest == null || left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return Optional.ofNullable(longest);
    }

    /**
     * Counts a failed login.
     *
     * @return true when this failure started a lockout of the user or the address
     */
    public synchronized boolean failed(String user, String address) {
        Instant now = clock.instant();
        boolean locked = false;
        for (String key : keys(user, address)) {
            int threshold = key.startsWith("addr:") ? maxFailures * ADDRESS_FACTOR : maxFailures;
            Failures f = byKey.computeIfAbsent(key, k -> new Failures());
            while (!f.times.isEmpty() && !f.times.peekFirst().isAfter(now.minus(window))) {
                f.times.removeFirst();
            }
            f.times.addLast(now);
            if (f.times.size() >= threshold && (f.lockedUntil == null || !f.lockedUntil.isAfter(now))) {
                f.lockedUntil = now.plus(lockout);
                f.times.clear();
                locked = true;
            }
        }
        evict(now);
        return locked;
    }

    /** Clears the failures of a user from an address it just logged in from. */
    public synchronized void succeeded(String user, String address) {
        for (String key : keys(user, address)) {
            if (key.startsWith("addr:")) {
                continue;
            }
            Failures f = byKey.get(key);
            if (f != null && (f.lockedUntil == null || !f.lockedUntil.isAfter(clock.instant()))) {
                byKey.remove(key);
            }
        }
    }

    private static String[] keys(String user, String address) {
        String from = address == null ? "" : address;
        return user == null ? new String[] {"addr:" + from} : new String[] {"user:" + user + "@" + from, "addr:" + from};
    }

    private void evict(Instant now) {
        if (byKey.size() <= MAX_KEYS) {
            return;
        }
        Iterator<Failures> it = byKey.values().iterator();
        while (it.hasNext()) {
            Failures f = it.next();
            boolean stale = (f.lockedUntil == null || !f.lockedUntil.isAfter(now))
                && (f.times.isEmpty() || !f.times.peekLast().isAfter(now.minus(window)));
            if (stale) {
                it.remove();
            }
        }
        // Still too many: forget the least recently touched.
        it = byKey.values().iterator();
        while (byKey.size() > MAX_KEYS && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static final class Failures {
        final Deque<Instant> times = new ArrayDeque<>();
        Instant lockedUntil;
    }
}
