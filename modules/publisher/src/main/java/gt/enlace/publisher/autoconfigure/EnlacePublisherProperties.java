package gt.enlace.publisher.autoconfigure;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code enlace.publisher.*}: the SDK's settings for Spring Boot applications, in the spirit of
 * {@code spring.kafka.producer.*}.
 *
 * <pre>
 * enlace:
 *   publisher:
 *     institution: renap
 *     system: sirenap
 *     bootstrap-servers: kafka-1:9092,kafka-2:9092
 *     schema-registry-url: http://registry:8081
 *     properties:              # any producer or serde key, passed through
 *       linger.ms: 10
 *       compression.type: lz4
 * </pre>
 *
 * @param institution       the publishing institution's catalog code; the {@code EventPublisher} bean exists only when set
 * @param system            the system part of {@code ce_source} (default {@code enlace-sdk})
 * @param bootstrapServers  Kafka; default {@code spring.kafka.bootstrap-servers}, else {@code localhost:9092}
 * @param schemaRegistryUrl the schema registry (default {@code http://localhost:8081})
 * @param channel           the {@code ce_channel} code (default {@code sdk})
 * @param validate          whether records are validated before sending (default true)
 * @param signingKeyFile    the institution's Ed25519 key file {@code <institution>.key} (with {@code .pub} beside it);
 *                          events are signed when set (default unset: unsigned)
 * @param properties        extra producer and serde keys
 */
@ConfigurationProperties(prefix = "enlace.publisher")
public record EnlacePublisherProperties(
    String institution,
    @DefaultValue("enlace-sdk") String system,
    List<String> bootstrapServers,
    @DefaultValue("http://localhost:8081") String schemaRegistryUrl,
    @DefaultValue("sdk") String channel,
    @DefaultValue("true") boolean validate,
    String signingKeyFile,
    Map<String, String> properties) {
}
