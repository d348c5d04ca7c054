package gt.enlace.survey.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.survey.metrics.ObservedMetricsService;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The survey role's settings: defaults and the answer to a bad value. */
class SurveyPropertiesTest {

    private static MockEnvironment platform() {
        return new MockEnvironment().withProperty("enlace.platform.bootstrap-servers", "localhost:9092")
                .withProperty("enlace.platform.registry-url", "http://localhost:8081");
    }

    @Test
    void theMetricsTopologyRunsTwoStreamThreadsUnlessTold() {
        assertThat(SurveyProperties.from(platform()).streamThreads())
                .isEqualTo(ObservedMetricsService.DEFAULT_STREAM_THREADS).isEqualTo(2);
        assertThat(SurveyProperties.from(platform().withProperty(SurveyProperties.STREAM_THREADS, "1")).streamThreads())
                .isEqualTo(1);
    }

    @Test
    void aStreamThreadCountThatIsNotAWholeNumberFromOneTo32IsRefusedNamingTheKey() {
        for (String bad : new String[] {"0", "-1", "33", "two", "1.5", ""}) {
            assertThatThrownBy(() -> SurveyProperties.from(platform().withProperty(SurveyProperties.STREAM_THREADS, bad)))
                    .as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("enlace.survey.stream-threads")
                    .hasMessageContaining("from 1 to 32")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void subscriptionsAreSampledEveryMinuteUnlessTold() {
        assertThat(SurveyProperties.from(platform()).subscriptionSampleInterval()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(SurveyProperties.from(platform().withProperty(SurveyProperties.SUBSCRIPTION_SAMPLE_INTERVAL, "5m"))
                .subscriptionSampleInterval()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(SurveyProperties.from(platform().withProperty(SurveyProperties.SUBSCRIPTION_SAMPLE_INTERVAL, "90"))
                .subscriptionSampleInterval()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(SurveyProperties.from(platform().withProperty(SurveyProperties.SUBSCRIPTION_SAMPLE_INTERVAL, "PT30S"))
                .subscriptionSampleInterval()).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void aSampleIntervalOutsideOneSecondToOneHourIsRefusedNamingTheKey() {
        for (String bad : new String[] {"0s", "500ms", "2h", "soon", ""}) {
            assertThatThrownBy(() -> SurveyProperties.from(platform()
                    .withProperty(SurveyProperties.SUBSCRIPTION_SAMPLE_INTERVAL, bad)))
                    .as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("enlace.survey.subscription-sample-interval")
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
