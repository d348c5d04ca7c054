package gt.enlace.broker;

/** Thrown when the embedded broker cannot start; the message says why and what to do. */
public class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
