package gt.enlace.publisher.gateway;

import gt.enlace.schemas.catalog.TopicDefinition;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Decides whether a request may publish to a topic. Without a bean of this type (an insecure platform) the gateway
 * publishes as the topic's owner and {@link #ALLOW_ALL} is used; on a secure platform the platform's bean checks the
 * request's logged-in principal ({@code request.getUserPrincipal()}) and returns a reason for another institution's
 * topic, which the gateway, its CSV bridge and the portal's upload answer as {@code 403 TOPIC_NOT_OWNED}.
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
