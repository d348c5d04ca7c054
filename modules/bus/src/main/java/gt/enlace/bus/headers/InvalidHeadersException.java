package gt.enlace.bus.headers;

import java.util.Objects;

/**
 * Thrown when a header set is not a valid Enlace event, by {@link EventHeaders#parse} for records read
 * from Kafka and by {@link EventHeaders.Builder#build()} for events being published. It names the
 * {@link #header()} at fault and the {@link #reason()}; the message reads
 * {@code invalid header 'ce_time': ...}.
 *
 * <p>A record whose headers fail to parse will fail the same way on every retry: subscribers should
 * treat this exception as not retryable and send the record to its dead-letter topic.
 */
public final class InvalidHeadersException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final HeaderError error;
    private final String header;
    private final String reason;

    /**
     * @param error  the rule that failed
     * @param header the header key at fault, e.g. {@code ce_time}
     * @param reason what is wrong and what was expected
     */
    public InvalidHeadersException(HeaderError error, String header, String reason) {
        super("invalid header '" + header + "': " + reason);
        this.error = Objects.requireNonNull(error, "'error' cannot be null");
        this.header = Objects.requireNonNull(header, "'header' cannot be null");
        this.reason = Objects.requireNonNull(reason, "'reason' cannot be null");
    }

    /** The rule that failed. */
    public HeaderError error() {
        return error;
    }

    /** The header key at fault. */
    public String header() {
        return header;
    }

    /** What is wrong and what was expected, without the header name. */
    public String reason() {
        return reason;
    }
}
