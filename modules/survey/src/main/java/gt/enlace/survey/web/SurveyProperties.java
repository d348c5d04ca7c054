package gt.enlace.survey.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import gt.enlace.survey.metrics.MetricsSettings;
import gt.enlace.survey.metrics.ObservedMetricsService;
import gt.enlace.survey.metrics.Period;
import gt.enlace.survey.metrics.SubscriptionSampler;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * The survey role's settings, read from the Spring environment. Each key defaults to what the platform sets for
 * every web role ({@code enlace.platform.*}).
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}, default {@code enlace.platform.bootstrap-servers}
 * @param registryUrl      {@value #REGISTRY_URL}, default {@code enlace.platform.registry-url}
 * @param stateDir         {@value #STATE_DIR}: Kafka Streams' local state, default
 *                         {@code <enlace.platform.data-dir>/survey/streams}
 * @param applicationId    {@value #APPLICATION_ID}: the Streams application id, default
 *                         {@value ObservedMetricsService#DEFAULT_APPLICATION_ID}
 * @param period           {@value #PERIOD}: {@code day} (default), {@code week} or {@code month}
 * @param zone             {@value #ZONE}: the calendar of periods, default {@code America/Guatemala}
 * @param streamThreads    {@value #STREAM_THREADS}: Kafka Streams threads of the metrics topology, 1 to
 *                         {@value #MAX_STREAM_THREADS}, default {@value ObservedMetricsService#DEFAULT_STREAM_THREADS};
 *                         2 on a host that gives the survey two cores
 * @param subscriptionSampleInterval {@value #SUBSCRIPTION_SAMPLE_INTERVAL}: how often the consumer groups' committed
 *                         offsets are sampled for the active-subscriptions metric, 1 s to 1 h, default 60 s
 *                         ({@code 60s}, {@code 5m}, {@code PT1M}; a bare number is seconds)
 */
public record SurveyProperties(String bootstrapServers, String registryUrl, Path stateDir, String applicationId,
                               Period period, ZoneId zone, int streamThreads, Duration subscriptionSampleInterval) {

    /** Turns the survey role off when {@code false}; default {@code true}. */
    public static final String ENABLED = "enlace.survey.enabled";
    /** Kafka's {@code bootstrap.servers}. */
    public static final String BOOTSTRAP_SERVERS = "enlace.survey.bootstrap-servers";
    /** Base URL of the schema registry. */
    public static final String REGISTRY_URL = "enlace.survey.registry-url";
    /** Directory of the metrics topology's local state. */
    public static final String STATE_DIR = "enlace.survey.state-dir";
    /** Kafka Streams application id of the metrics topology. */
    public static final String APPLICATION_ID = "enlace.survey.application-id";
    /** Period of observed metrics. */
    public static final String PERIOD = "enlace.survey.period";
    /** Time zone of periods. */
    public static final String ZONE = "enlace.survey.zone";
    /** Kafka Streams threads ({@code num.stream.threads}) of the metrics topology. */
    public static final String STREAM_THREADS = "enlace.survey.stream-threads";
    /** Most stream threads accepted; threads beyond the topology's tasks (6 with the bundled catalog) stay idle. */
    public static final int MAX_STREAM_THREADS = 32;
    /**
     * How often the {@link SubscriptionSampler} reads the consumer groups' committed offsets; default
     * {@link SubscriptionSampler#DEFAULT_INTERVAL} (60 s). A group that consumes and commits between two samples
     * counts; a shorter interval costs one Admin request per interval.
     */
    public static final String SUBSCRIPTION_SAMPLE_INTERVAL = "enlace.survey.subscription-sample-interval";
    /** Longest sampling interval accepted: a day period still gets several samples. */
    public static final Duration MAX_SUBSCRIPTION_SAMPLE_INTERVAL = Duration.ofHours(1);

    /**
     * Reads the settings.
     *
     * @throws IllegalStateException naming the missing or bad key
     */
    public static SurveyProperties from(Environment env) {
        String bootstrap = required(env, BOOTSTRAP_SERVERS, "enlace.platform.bootstrap-servers");
        String registry = required(env, REGISTRY_URL, "enlace.platform.registry-url");
        String stateDir = env.getProperty(STATE_DIR);
        if (stateDir == null) {
            String dataDir = env.getProperty("enlace.platform.data-dir");
            stateDir = dataDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "enlace-survey-streams").toString()
                    : Path.of(dataDir, "survey", "streams").toString();
        }
        Period period;
        ZoneId zone;
        try {
            period = Period.parse(env.getProperty(PERIOD, "day"));
            zone = ZoneId.of(env.getProperty(ZONE, MetricsSettings.DEFAULT.zone().getId()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("bad survey setting: " + e.getMessage(), e);
        }
        String threads = env.getProperty(STREAM_THREADS, String.valueOf(ObservedMetricsService.DEFAULT_STREAM_THREADS));
        int streamThreads;
        try {
            streamThreads = Integer.parseInt(threads.strip());
        } catch (NumberFormatException e) {
            streamThreads = 0;
        }
        if (streamThreads < 1 || streamThreads > MAX_STREAM_THREADS) {
            throw new IllegalStateException("bad survey setting: " + STREAM_THREADS + " must be a whole number from 1 to "
                    + MAX_STREAM_THREADS + ", was '" + threads + "'");
        }
        String intervalText = env.getProperty(SUBSCRIPTION_SAMPLE_INTERVAL,
                SubscriptionSampler.DEFAULT_INTERVAL.toSeconds() + "s");
        Duration interval;
        try {
            interval = DurationStyle.detectAndParse(intervalText.strip(), ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            interval = null;
        }
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0
                || interval.compareTo(MAX_SUBSCRIPTION_SAMPLE_INTERVAL) > 0) {
            throw new IllegalStateException("bad survey setting: " + SUBSCRIPTION_SAMPLE_INTERVAL
                    + " must be a duration from 1s to 1h (e.g. 60s, 5m), was '" + intervalText + "'");
        }
        return new SurveyProperties(bootstrap, registry, Path.of(stateDir),
                env.getProperty(APPLICATION_ID, ObservedMetricsService.DEFAULT_APPLICATION_ID), period, zone,
                streamThreads, interval);
    }

    /** The topology's settings. */
    public MetricsSettings metricsSettings() {
        return new MetricsSettings(period, zone);
    }

    private static String required(Environment env, String key, String fallback) {
        String value = env.getProperty(key, env.getProperty(fallback, ""));
        if (value.isBlank()) {
            throw new IllegalStateException("the survey needs " + key + " (or " + fallback + ")");
        }
        return value;
    }
}
