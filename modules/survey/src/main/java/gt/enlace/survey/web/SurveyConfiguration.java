package gt.enlace.survey.web;

import java.util.HashMap;
import java.util.Map;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import gt.enlace.serde.client.SchemaRegistryClients;
import gt.enlace.survey.checklist.AgreementDirectory;
import gt.enlace.survey.checklist.ChecklistController;
import gt.enlace.survey.checklist.ChecklistRules;
import gt.enlace.survey.checklist.MaturityChecklist;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentLoader;
import gt.enlace.survey.metrics.ObservedMetricsService;
import gt.enlace.survey.metrics.SubscriptionSampler;
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
 * the observed-metrics topology (Kafka Streams), the subscription sampler, and the API's controllers. Off with {@code enlace.survey.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SurveyProperties.ENABLED, havingValue = "true", matchIfMissing = true)
@Import({InstrumentController.class, SubmissionsController.class, ReportsController.class, SurveyExceptionHandler.class,
        ChecklistController.class})
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
    SurveyPublisher surveyPublisher(SurveyProperties properties, ObjectProvider<TopicCatalog> catalog, Environment env) {
        return SurveyPublisher.create(properties.bootstrapServers(), kafkaClientProperties(env), properties.registryUrl(),
                catalog.getIfAvailable(TopicCatalog::loadDefault));
    }

    @Bean(destroyMethod = "close")
    ResponseView surveyResponseView(SurveyProperties properties, Environment env) {
        Map<String, Object> props = new HashMap<>(kafkaClientProperties(env));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-survey-responses");
        KafkaAvroDeserializer avro = new KafkaAvroDeserializer();
        avro.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, properties.registryUrl(),
                KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true), false);
        return new ResponseView(new KafkaConsumer<>(props, new StringDeserializer(), avro)).start();
    }

    @Bean(destroyMethod = "close")
    ObservedMetricsService surveyMetrics(SurveyProperties properties, Environment env) {
        java.util.Properties streams = ObservedMetricsService.streamsConfig(properties.applicationId(),
                properties.bootstrapServers(), properties.stateDir());
        streams.put(org.apache.kafka.streams.StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.streamThreads());
        streams.putAll(kafkaClientProperties(env));
        return ObservedMetricsService.start(streams, properties.registryUrl(), properties.metricsSettings());
    }

    /**
     * Samples the consumer groups' committed offsets every {@link SurveyProperties#subscriptionSampleInterval()} for
     * the active-subscriptions metric (see {@link SubscriptionSampler}).
     */
    @Bean(destroyMethod = "close")
    SubscriptionSampler subscriptionSampler(SurveyProperties properties, Environment env) {
        Map<String, Object> config = new HashMap<>(kafkaClientProperties(env));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        return SubscriptionSampler.create(config, properties.zone(), properties.applicationId())
                .start(properties.subscriptionSampleInterval());
    }

    /**
     * Kafka client properties under {@code enlace.platform.kafka.*} that every survey client adds, e.g. the SASL
     * settings of the platform's principal on a secure bus; none by default.
     */
    static Map<String, String> kafkaClientProperties(Environment env) {
        return org.springframework.boot.context.properties.bind.Binder.get(env).bind("enlace.platform.kafka",
                org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    /** The maturity checklist ({@code GET /api/v1/survey/institutions/{code}/checklist}, the portal's pages). */
    @Bean
    MaturityChecklist maturityChecklist(Instrument instrument, SurveyProperties properties,
                                        ObjectProvider<TopicCatalog> catalog, ResponseView responses,
                                        ObservedMetricsService metrics, ObjectProvider<AgreementDirectory> agreements) {
        return new MaturityChecklist(instrument, ChecklistRules.loadDefault(instrument),
                catalog.getIfAvailable(TopicCatalog::loadDefault), responses, metrics,
                SchemaRegistryClients.create(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        properties.registryUrl())), agreements.getIfAvailable());
    }
}
