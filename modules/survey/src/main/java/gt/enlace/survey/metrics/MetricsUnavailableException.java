package gt.enlace.survey.metrics;

/** The observed metrics cannot be queried now: the topology is starting, rebalancing or restoring its state. */
public class MetricsUnavailableException extends RuntimeException {

    public MetricsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
