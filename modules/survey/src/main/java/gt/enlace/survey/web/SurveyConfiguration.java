package gt.enlace.survey.web;

import java.util.HashMap;
import java.util.Map;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentLoader;
import gt.enlace.survey.metrics.ObservedMetricsService;
import gt.enlace.survey.responses.ResponseView;
import gt.enlace.survey.responses.SurveyPublisher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The survey role in a Spring Boot web application: import it ({@code @Import(SurveyConfiguration.class)}).
 * It needs Kafka and the schema registry ({@link SurveyProperties}, defaulting to the platform's
 * {@code enlace.platform.*} properties) and uses the {@link TopicCatalog} bean when there is one (the bundled
 * catalog otherwise). Beans: the instrument, the publisher, the response view (reading the responses topic),
 * the observed-metrics topology (Kafka Streams), and the API's controllers. Off with {@code enlace.survey.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SurveyProperties.ENABLED, havingValue = "true", matchIfMissing = true)
@Import({InstrumentController.class, SubmissionsController.class, ReportsController.class, SurveyExceptionHandler.class})
public class SurveyConfiguration {

    @Bean
    SurveyProperties surveyProperties(Environment env) {
        return SurveyProperties.from(env);
    }

    @Bean
    Instrument surveyInstrument() {
        return InstrumentLoader.loadDefault();
    }

    @Bean
    SurveyReports surveyReports(ObjectProvider<TopicCatalog> catalog, Instrument instrument) {
        return new SurveyReports(catalog.getIfAvailable(TopicCatalog::loadDefault), instrument);
    }

    @Bean(destroyMethod = "close")
    SurveyPublisher surveyPublisher(SurveyProperties properties, ObjectProvider<TopicCatalog> catalog) {
        return SurveyPublisher.create(properties.bootstrapServers(), properties.registryUrl(),
                catalog.getIfAvailable(TopicCatalog::loadDefault));
    }

    @Bean(destroyMethod = "close")
    ResponseView surveyResponseView(SurveyProperties properties) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-survey-responses");
        KafkaAvroDeserializer avro = new KafkaAvroDeserializer();
        avro.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, properties.registryUrl(),
                KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true), false);
        return new ResponseView(new KafkaConsumer<>(props, new StringDeserializer(), avro)).start();
    }

    @Bean(destroyMethod = "close")
    ObservedMetricsService surveyMetrics(SurveyProperties properties) {
        return ObservedMetricsService.start(ObservedMetricsService.streamsConfig(properties.applicationId(),
                properties.bootstrapServers(), properties.stateDir()), properties.registryUrl(),
                properties.metricsSettings());
    }
}
