package gt.enlace.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.NotControllerException;
import org.junit.jupiter.api.Test;

class KafkaRestartNoiseFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final KafkaRestartNoiseFilter filter = new KafkaRestartNoiseFilter();

    @Test
    void dropsTheControllerRegistrationRaceOfARestartingSingleNodeBroker() {
        Throwable race = new CompletionException(new NotControllerException("The active controller appears to be node 1."));

        assertThat(filter.decide(null, context.getLogger(KafkaRestartNoiseFilter.LOGGER), Level.ERROR,
            "Unexpected error handling request", null, race)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsEveryOtherErrorOfTheSameLoggerAndTheSameErrorFromOtherLoggers() {
        Throwable other = new CompletionException(new IllegalStateException("disk full"));
        Throwable race = new NotControllerException("race");

        assertThat(filter.decide(null, context.getLogger(KafkaRestartNoiseFilter.LOGGER), Level.ERROR, "x", null, other))
            .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger(KafkaRestartNoiseFilter.LOGGER), Level.ERROR, "x", null, null))
            .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("kafka.server.KafkaApis"), Level.ERROR, "x", null, race))
            .isEqualTo(FilterReply.NEUTRAL);
    }
}
