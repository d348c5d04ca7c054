package gt.enlace.publisher.gateway;

import gt.enlace.schemas.catalog.TopicDefinition;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Decides whether a request may publish to a topic. Until institutions have credentials, the gateway publishes as
 * the topic's owner and {@link #ALLOW_ALL} is used; once identities exist, a bean of this type returning a reason
 * for another institution's topic makes the gateway answer {@code 403 TOPIC_NOT_OWNED} with that reason.
 */
@FunctionalInterface
public interface GatewayAuthorizer {

    /** Lets every request publish as the topic's owner. */
    GatewayAuthorizer ALLOW_ALL = (request, topic) -> Optional.empty();

    /**
     * @return empty to allow, or why the caller may not publish to {@code topic}
     */
    Optional<String> deny(HttpServletRequest request, TopicDefinition topic);
}
