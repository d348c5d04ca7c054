package gt.enlace.platform.runtime;

/** A part of the platform could not start; the message names the part and the reason. */
public class PlatformStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
