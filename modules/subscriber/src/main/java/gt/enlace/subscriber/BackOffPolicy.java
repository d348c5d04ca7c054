package gt.enlace.subscriber;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a failing handler is retried before its record is dead-lettered:
 * exponential back-off from {@code initialInterval}, multiplied by {@code multiplier} after each
 * failure, capped at {@code maxInterval}, for at most {@code maxAttempts} deliveries in all (the first
 * one included). Deserialisation failures and non-retryable exceptions get one attempt only.
 *
 * @param initialInterval wait after the first failure; default 1 s
 * @param multiplier      factor applied after each failure, at least 1; default 2
 * @param maxInterval     longest wait; default 30 s
 * @param maxAttempts     deliveries in all, at least 1; default 5 (so waits of 1, 2, 4 and 8 s)
 */
public record BackOffPolicy(Duration initialInterval, double multiplier, Duration maxInterval, int maxAttempts) {

    /** 1 s, ×2, at most 30 s, 5 attempts. */
    public static final BackOffPolicy DEFAULT = new BackOffPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 5);

    /** Validates every component. */
    public BackOffPolicy {
        Objects.requireNonNull(initialInterval, "'initialInterval' cannot be null");
        Objects.requireNonNull(maxInterval, "'maxInterval' cannot be null");
        if (initialInterval.isNegative() || maxInterval.isNegative()) {
            throw new IllegalArgumentException("back-off intervals cannot be negative: initial " + initialInterval
                + ", max " + maxInterval);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("back-off multiplier must be at least 1, got " + multiplier);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("back-off max attempts must be at least 1 (the first delivery), got " + maxAttempts);
        }
    }

    /**
     * The wait after a failed attempt.
     *
     * @param failedAttempt 1 for the first delivery
     * @return how long to wait before the next attempt
     */
    public Duration delayAfter(int failedAttempt) {
        double millis = initialInterval.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxInterval.toMillis()));
    }
}
