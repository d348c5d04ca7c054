package gt.enlace.survey.metrics;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How the observed-metrics topology counts.
 *
 * @param period granularity of the periods (default {@link Period#DAY})
 * @param zone   the calendar periods follow (default {@code America/Guatemala})
 */
public record MetricsSettings(Period period, ZoneId zone) {

    /** Days in Guatemala. */
    public static final MetricsSettings DEFAULT = new MetricsSettings(Period.DAY, ZoneId.of("America/Guatemala"));

    public MetricsSettings {
        Objects.requireNonNull(period, "'period' cannot be null");
        Objects.requireNonNull(zone, "'zone' cannot be null");
    }
}
