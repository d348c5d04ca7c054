package gt.enlace.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the one error a single-node KRaft broker logs on every restart: its broker side asks to register with
 * the controller a moment before that same node has won the election, the controller answers
 * {@code NotControllerException}, Kafka logs it with a stack trace at {@code ERROR}, and retries successfully.
 * Users took it for a failure. Any other error of that logger, and this one with any other cause, still shows.
 */
public final class KafkaRestartNoiseFilter extends TurboFilter {

    static final String LOGGER = "kafka.server.ControllerApis";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t == null || level != Level.ERROR || !LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.NotControllerException) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
