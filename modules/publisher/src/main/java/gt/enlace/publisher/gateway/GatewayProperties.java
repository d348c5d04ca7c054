package gt.enlace.publisher.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP gateway's settings, {@code enlace.gateway.*}.
 *
 * @param enabled            whether the gateway's endpoints are served (default true)
 * @param bootstrapServers   the Kafka cluster; default {@code enlace.platform.bootstrap-servers}
 * @param registryUrl        the schema registry; default {@code enlace.platform.registry-url}
 * @param system             the {@code <system>} of {@code ce_source=/gt/<institution>/<system>} (default {@code enlace-gateway})
 * @param maxBodySize        largest request body; more is a 413 (default 5MB)
 * @param kafkaTimeout       how long a request waits for Kafka's acknowledgements before a 503 (default 10s)
 * @param retryAfter         the {@code Retry-After} of a 503 (default 5s)
 * @param idempotencyTopic   the compacted topic of stored answers (default {@code _enlace.gateway.idempotency})
 * @param idempotencyRetention how long a stored answer is kept (default 7 days)
 * @param maxEventChars      most characters of text in one event; more is a 422 TOO_LARGE (default 900,000)
 * @param maxCsvSize         largest CSV upload to {@code /api/v1/topics/{topic}/csv}; more is a 413 (default 512MB)
 * @param signingKeysDir     folder of the institutions' signing keys ({@code <institution>.key}); when set, the gateway and
 *                           its CSV bridge sign every event with the owning institution's key (the platform sets it to
 *                           {@code <data-dir>/keys}); unset: unsigned
 */
@ConfigurationProperties(prefix = "enlace.gateway")
public record GatewayProperties(
    @DefaultValue("true") boolean enabled,
    String bootstrapServers,
    String registryUrl,
    @DefaultValue("enlace-gateway") String system,
    @DefaultValue("5MB") DataSize maxBodySize,
    @DefaultValue("10s") Duration kafkaTimeout,
    @DefaultValue("5s") Duration retryAfter,
    @DefaultValue(GatewayProperties.DEFAULT_IDEMPOTENCY_TOPIC) String idempotencyTopic,
    @DefaultValue("7d") Duration idempotencyRetention,
    @DefaultValue("900000") int maxEventChars,
    @DefaultValue("512MB") DataSize maxCsvSize,
    String signingKeysDir) {

    /** Default {@link #idempotencyTopic()}. */
    public static final String DEFAULT_IDEMPOTENCY_TOPIC = "_enlace.gateway.idempotency";
}
