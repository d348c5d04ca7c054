package gt.enlace.subscriber.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.subscriber.IdempotencyGuard;
import gt.enlace.subscriber.SubscriberProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

class SubscriberPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EnlaceSubscriberAutoConfiguration.class));

    @Test
    void staysOffWithoutBootstrapServers() {
        runner.run(context -> assertThat(context).doesNotHaveBean(SubscriberProperties.class)
            .doesNotHaveBean("kafkaListenerContainerFactory"));
    }

    @Test
    void bindsDefaultsAndBuildsTheConsumerConfiguration() {
        runner.withPropertyValues("enlace.subscriber.bootstrap-servers=kafka:9092", "enlace.subscriber.institution=muni-mixco")
            .run(context -> {
                SubscriberProperties p = context.getBean(SubscriberProperties.class);
                assertThat(p.registryUrl()).isEqualTo("http://127.0.0.1:8081");
                assertThat(p.effectiveGroupId()).isEqualTo("muni-mixco.subscriber");
                assertThat(p.backOff().toPolicy().maxAttempts()).isEqualTo(5);
                assertThat(p.backOff().initialInterval()).isEqualTo(Duration.ofSeconds(1));
                assertThat(p.deadLetter().enabled()).isTrue();
                assertThat(p.idempotencyGuard().enabled()).isFalse();
                assertThat(p.idempotencyGuard().topic()).isEqualTo(IdempotencyGuard.DEFAULT_TOPIC);
                assertThat(p.idempotencyGuard().retention()).isEqualTo(Duration.ofDays(7));
                assertThat(context).hasBean("kafkaListenerContainerFactory").hasBean("enlaceErrorHandler")
                    .doesNotHaveBean(IdempotencyGuardInterceptor.class);
                Map<String, Object> config = context.getBean(ConsumerFactory.class).getConfigurationProperties();
                assertThat(config).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "muni-mixco.subscriber")
                    .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                    .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class)
                    .containsEntry("specific.avro.reader", true);
            });
    }

    @Test
    void theGuardAndExtraNonRetryableExceptionsAreOptIn() {
        runner.withPropertyValues("enlace.subscriber.bootstrap-servers=kafka:9092", "enlace.subscriber.group-id=g",
                "enlace.subscriber.idempotency-guard.enabled=true", "enlace.subscriber.back-off.max-attempts=2",
                "enlace.subscriber.not-retryable=java.lang.UnsupportedOperationException")
            .run(context -> {
                assertThat(context).hasSingleBean(IdempotencyGuardInterceptor.class);
                assertThat(context.getBean(SubscriberProperties.class).effectiveGroupId()).isEqualTo("g");
            });
    }

    @Test
    void theGuardsRetentionIsReadAndANonPositiveOneFailsTheStartNamingIt() {
        runner.withPropertyValues("enlace.subscriber.bootstrap-servers=kafka:9092",
                "enlace.subscriber.idempotency-guard.retention=36h")
            .run(context -> assertThat(context.getBean(SubscriberProperties.class).idempotencyGuard().retention())
                .isEqualTo(Duration.ofHours(36)));
        runner.withPropertyValues("enlace.subscriber.bootstrap-servers=kafka:9092",
                "enlace.subscriber.idempotency-guard.retention=0s")
            .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("retention must be positive"));
    }

    @Test
    void anUnknownNonRetryableClassFailsTheStartWithItsName() {
        runner.withPropertyValues("enlace.subscriber.bootstrap-servers=kafka:9092", "enlace.subscriber.not-retryable=com.example.Nope")
            .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("com.example.Nope"));
    }

    @Test
    void credentialsAreNotPrinted() {
        assertThat(new SubscriberProperties.Credentials("u", "secret").toString()).doesNotContain("secret");
        assertThatThrownBy(() -> new SubscriberProperties.BackOff(Duration.ZERO, 0.1, Duration.ZERO, 1).toPolicy())
            .hasMessageContaining("multiplier");
    }
}
