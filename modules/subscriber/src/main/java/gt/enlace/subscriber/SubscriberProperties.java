package gt.enlace.subscriber;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code enlace.subscriber.*} keys read by the Spring Boot auto-configuration
 * ({@code gt.enlace.subscriber.spring.EnlaceSubscriberAutoConfiguration}). The auto-configuration is
 * active only when {@code enlace.subscriber.bootstrap-servers} is set.
 *
 * <pre>{@code
 * enlace:
 *   subscriber:
 *     bootstrap-servers: kafka.enlace.gob.gt:9092
 *     registry-url: https://registry.enlace.gob.gt
 *     institution: muni-mixco
 *     group-id: muni-mixco.births
 *     back-off: {initial-interval: 1s, multiplier: 2, max-interval: 30s, max-attempts: 5}
 *     dead-letter.enabled: true
 *     idempotency-guard.enabled: true
 * }</pre>
 *
 * @param bootstrapServers   {@code bootstrap.servers} of the bus; required
 * @param registryUrl        schema registry base URL(s), comma-separated; default {@code http://127.0.0.1:8081}
 * @param institution        the subscribing institution's code (e.g. {@code muni-mixco}); used as the
 *                           default group id prefix and client id
 * @param groupId            default consumer group of listeners that do not name one; default
 *                           {@code <institution>.subscriber}, or {@code enlace-subscriber}
 * @param credentials        SASL credentials, reserved for the secured bus (not applied yet)
 * @param backOff            retries of a failing handler
 * @param deadLetter         dead-letter publishing
 * @param idempotencyGuard   skipping events this group already handled
 * @param verify             signature verification of every record (off by default)
 * @param notRetryable       extra exception class names that are never retried (added to
 *                           deserialisation, conversion, {@code ClassCastException} and
 *                           {@code InvalidHeadersException})
 * @param properties         extra Kafka client properties for the consumer and the dead-letter producer
 */
@ConfigurationProperties(SubscriberProperties.PREFIX)
public record SubscriberProperties(
    String bootstrapServers,
    @DefaultValue("http://127.0.0.1:8081") String registryUrl,
    String institution,
    String groupId,
    @DefaultValue Credentials credentials,
    @DefaultValue BackOff backOff,
    @DefaultValue DeadLetter deadLetter,
    @DefaultValue Guard idempotencyGuard,
    @DefaultValue Verify verify,
    List<String> notRetryable,
    Map<String, String> properties) {

    /** Prefix of every key. */
    public static final String PREFIX = "enlace.subscriber";

    /** Normalises absent collections to empty ones. */
    public SubscriberProperties {
        notRetryable = notRetryable == null ? List.of() : List.copyOf(notRetryable);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        credentials = credentials == null ? new Credentials(null, null) : credentials;
        backOff = backOff == null ? new BackOff(BackOffPolicy.DEFAULT.initialInterval(), BackOffPolicy.DEFAULT.multiplier(),
            BackOffPolicy.DEFAULT.maxInterval(), BackOffPolicy.DEFAULT.maxAttempts()) : backOff;
        deadLetter = deadLetter == null ? new DeadLetter(true) : deadLetter;
        idempotencyGuard = idempotencyGuard == null ? new Guard(false, IdempotencyGuard.DEFAULT_TOPIC, IdempotencyGuard.DEFAULT_RETENTION) : idempotencyGuard;
        verify = verify == null ? new Verify(false, null, null) : verify;
    }

    /** The group id listeners use when they name none. */
    public String effectiveGroupId() {
        if (groupId != null && !groupId.isBlank()) {
            return groupId;
        }
        return institution != null && !institution.isBlank() ? institution + ".subscriber" : "enlace-subscriber";
    }

    /**
     * SASL credentials of the institution. Placeholders: the embedded bus has no authentication yet,
     * so they are bound but not applied.
     *
     * @param username SASL user
     * @param password SASL password
     */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials(username=" + username + ", password=" + (password == null ? "null" : "****") + ")";
        }
    }

    /**
     * {@code enlace.subscriber.back-off.*}: see {@link BackOffPolicy}.
     *
     * @param initialInterval wait after the first failure (default 1s)
     * @param multiplier      growth factor (default 2)
     * @param maxInterval     longest wait (default 30s)
     * @param maxAttempts     deliveries in all, first included (default 5)
     */
    public record BackOff(@DefaultValue("1s") Duration initialInterval, @DefaultValue("2.0") double multiplier,
                          @DefaultValue("30s") Duration maxInterval, @DefaultValue("5") int maxAttempts) {

        /** @return the plain-Java policy */
        public BackOffPolicy toPolicy() {
            return new BackOffPolicy(initialInterval, multiplier, maxInterval, maxAttempts);
        }
    }

    /**
     * {@code enlace.subscriber.dead-letter.*}.
     *
     * @param enabled publish failed records to {@code <topic>.dlt} (default true); when false they are
     *                logged and skipped
     */
    public record DeadLetter(@DefaultValue("true") boolean enabled) {
    }

    /**
     * {@code enlace.subscriber.idempotency-guard.*}: see {@link IdempotencyGuard}.
     *
     * @param enabled   skip events whose {@code ce_id} this group already handled (default false)
     * @param topic     the compacted topic holding handled ids (default {@value IdempotencyGuard#DEFAULT_TOPIC})
     * @param retention how long a handled id is remembered (default 7 days)
     */
    public record Guard(@DefaultValue("false") boolean enabled,
                        @DefaultValue(IdempotencyGuard.DEFAULT_TOPIC) String topic,
                        @DefaultValue("7d") Duration retention) {
        public Guard {
            retention = retention == null ? IdempotencyGuard.DEFAULT_RETENTION : IdempotencyGuard.checkRetention(retention);
        }
    }

    /**
     * {@code enlace.subscriber.verify.*}: checks each record's {@code ce_signature} before the listener sees it;
     * a record that fails goes to {@code <topic>.dlt} with stage {@code verify}.
     *
     * @param enabled whether signatures are verified (default false)
     * @param keysUrl the platform's key listing, e.g. {@code http://platform:8080/api/v1/keys}
     * @param keysDir a folder of {@code <institution>.pub} files, used when {@code keys-url} is not set
     */
    public record Verify(@DefaultValue("false") boolean enabled, String keysUrl, String keysDir) {

        /**
         * The key directory to verify with.
         *
         * @throws IllegalArgumentException when enabled without {@code keys-url} or {@code keys-dir}
         */
        public gt.enlace.bus.signing.KeyDirectory keyDirectory() {
            if (keysUrl != null && !keysUrl.isBlank()) {
                return gt.enlace.bus.signing.KeyDirectory.url(java.net.URI.create(keysUrl.trim()));
            }
            if (keysDir != null && !keysDir.isBlank()) {
                return gt.enlace.bus.signing.KeyDirectory.folder(java.nio.file.Path.of(keysDir.trim()));
            }
            throw new IllegalArgumentException(PREFIX + ".verify.enabled=true needs " + PREFIX + ".verify.keys-url or "
                + PREFIX + ".verify.keys-dir");
        }
    }
}
