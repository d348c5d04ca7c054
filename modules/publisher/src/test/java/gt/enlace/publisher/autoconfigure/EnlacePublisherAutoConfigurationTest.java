package gt.enlace.publisher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.bus.headers.Channel;
import gt.enlace.publisher.EventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EnlacePublisherAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EnlacePublisherAutoConfiguration.class));

    @Test
    void createsAPublisherFromEnlacePublisherProperties() {
        runner.withPropertyValues("enlace.publisher.institution=renap", "enlace.publisher.system=sirenap",
                "enlace.publisher.bootstrap-servers=127.0.0.1:1", "enlace.publisher.schema-registry-url=mock://autoconfig",
                "enlace.publisher.channel=gateway", "enlace.publisher.properties.linger.ms=7")
            .run(context -> {
                assertThat(context).hasSingleBean(EventPublisher.class);
                EventPublisher publisher = context.getBean(EventPublisher.class);
                assertThat(publisher.institution()).isEqualTo("renap");
                assertThat(publisher.channel()).isEqualTo(Channel.GATEWAY);
            });
    }

    @Test
    void backsOffWithoutAnInstitution() {
        runner.run(context -> assertThat(context).doesNotHaveBean(EventPublisher.class));
    }

    @Test
    void failsClearlyForAnUnknownInstitution() {
        runner.withPropertyValues("enlace.publisher.institution=nasa", "enlace.publisher.bootstrap-servers=127.0.0.1:1")
            .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("not an institution of the catalog"));
    }
}
