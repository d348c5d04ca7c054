package gt.enlace.registry.service;

import java.util.Objects;

/**
 * A failure the registry reports to its client: a stable {@link RegistryError} plus the message
 * Confluent would give. The REST layer turns it into {@code {"error_code":N,"message":"..."}}.
 *
 * <p>Client errors (4xx) carry no stack trace: they are expected and never logged as errors.
 */
public class RegistryException extends RuntimeException {

    private final RegistryError error;

    public RegistryException(RegistryError error, String message) {
        this(error, message, null);
    }

    public RegistryException(RegistryError error, String message, Throwable cause) {
        super(message, cause, true, Objects.requireNonNull(error, "'error' cannot be null").httpStatus() >= 500);
        this.error = error;
    }

    /** The error kind, with its code and HTTP status. */
    public RegistryError error() {
        return error;
    }
}
