package gt.enlace.bus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), Duration.ofSeconds(30), clock);

    @Test
    void locksAUserOutFromAnAddressAfterTheMaximumFailuresWithinTheWindow() {
        assertThat(throttle.failed("sat", "10.0.0.1")).isFalse();
        assertThat(throttle.failed("sat", "10.0.0.1")).isFalse();
        assertThat(throttle.lockedFor("sat", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("sat", "10.0.0.1")).as("the third failure starts the lockout").isTrue();
        assertThat(throttle.lockedFor("sat", "10.0.0.1")).contains(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("sat", "10.0.0.2")).as("another address is not locked out").isEmpty();
        assertThat(throttle.lockedFor("renap", "10.0.0.1")).as("another user is not locked out").isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.lockedFor("sat", "10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        throttle.failed("sat", "a");
        throttle.failed("sat", "a");
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.failed("sat", "a")).isFalse();
        assertThat(throttle.lockedFor("sat", "a")).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheUsersFailures() {
        throttle.failed("sat", "a");
        throttle.failed("sat", "a");
        throttle.succeeded("sat", "a");
        assertThat(throttle.failed("sat", "a")).isFalse();
    }

    @Test
    void anAddressGuessingManyUsersIsLockedOutAsAWhole() {
        for (int i = 0; i < 3 * LoginThrottle.ADDRESS_FACTOR - 1; i++) {
            throttle.failed("user" + i, "b");
        }
        assertThat(throttle.lockedFor("fresh", "b")).isEmpty();
        throttle.failed("last", "b");
        assertThat(throttle.lockedFor("fresh", "b")).isPresent();
        assertThat(throttle.lockedFor(null, "b")).isPresent();
    }

    @Test
    void memoryStaysBoundedUnderManyAddresses() {
        for (int i = 0; i < LoginThrottle.MAX_KEYS + 500; i++) {
            throttle.failed("u", "addr-" + i);
        }
        assertThat(throttle.lockedFor("u", "addr-" + (LoginThrottle.MAX_KEYS + 499))).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
