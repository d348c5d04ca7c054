package gt.enlace.publisher.gateway;

import gt.enlace.publisher.validation.Violation;
import java.util.List;

/** An answer other than 200, with its code, message and, for validation, the errors per path. */
public final class GatewayException extends RuntimeException {

    private final GatewayError error;
    private final List<Violation> violations;

    public GatewayException(GatewayError error, String message) {
        this(error, message, List.of());
    }

    public GatewayException(GatewayError error, String message, List<Violation> violations) {
        super(message, null, false, false);
        this.error = error;
        this.violations = List.copyOf(violations);
    }

    public GatewayError error() {
        return error;
    }

    public List<Violation> violations() {
        return violations;
    }
}
