package gt.enlace.platform.security;

import java.security.Principal;
import java.util.Optional;

import gt.enlace.bus.security.HttpAuthenticator;
import gt.enlace.bus.security.HttpPrincipal;
import gt.enlace.publisher.gateway.GatewayAuthorizer;
import gt.enlace.schemas.catalog.TopicDefinition;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may publish through the gateway, its CSV bridge and the portal's upload on a secure bus: the topic's owner
 * institution and the admin. Anyone else gets {@code 403 TOPIC_NOT_OWNED} with the reason, which is also logged and
 * recorded in the audit log as {@code access.denied}.
 */
public final class SecureGatewayAuthorizer implements GatewayAuthorizer {

    private final HttpAuthenticator authenticator;

    /** @param authenticator where denials are logged and recorded */
    public SecureGatewayAuthorizer(HttpAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Optional<String> deny(HttpServletRequest request, TopicDefinition topic) {
        Principal principal = request.getUserPrincipal();
        if (!(principal instanceof HttpPrincipal who)) {
            // The web filter authenticates every gateway request first; this is the deny-by-default backstop.
            return Optional.of("no authenticated principal: send HTTP Basic credentials");
        }
        if (who.actsFor(topic.owner())) {
            return Optional.empty();
        }
        String reason = "User:" + who.name() + " may not publish to " + topic.name() + ": it belongs to institution "
            + topic.owner() + (who.isEvaluator() ? "; evaluators do not publish"
            : "; an institution publishes only to its own gt." + who.name() + ".* topics");
        authenticator.denied(who, request.getRemoteAddr(), "publish", "topic/" + topic.name(), reason);
        return Optional.of(reason);
    }
}
