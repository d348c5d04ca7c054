package gt.enlace.subscriber.spring;

import gt.enlace.bus.headers.InvalidHeadersException;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.subscriber.SubscriberProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.ClassUtils;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Spring Boot auto-configuration for Enlace integrators, active when
 * {@code enlace.subscriber.bootstrap-servers} is set. It declares the error policy in one place:
 *
 * <ul>
 *   <li>{@code ConsumerFactory<String, Object>} ({@code enlaceConsumerFactory}): String keys;
 *       values through Spring's {@link ErrorHandlingDeserializer} around Enlace's Avro deserializer
 *       with {@code specific.avro.reader=true}, so listeners take the generated classes; auto-commit
 *       off, {@code auto.offset.reset=earliest} for a new group.</li>
 *   <li>{@code kafkaListenerContainerFactory}: the default factory of every {@code @KafkaListener},
 *       with {@link ContainerProperties.AckMode#BATCH} (offsets committed after the records of a poll
 *       are processed) and the error handler below.</li>
 *   <li>{@code enlaceErrorHandler}: a {@link DefaultErrorHandler} that retries a failing listener with
 *       exponential back-off ({@code enlace.subscriber.back-off.*}) and then hands the record to an
 *       {@link EnlaceDeadLetterPublishingRecoverer} ({@code <topic>.dlt}, same partition, original
 *       bytes, {@code enlace_dlt_*} and {@code kafka_dlt-*} headers). Never retried: deserialisation
 *       and conversion failures, {@code ClassCastException}, {@link InvalidHeadersException}, plus
 *       {@code enlace.subscriber.not-retryable}.</li>
 *   <li>{@code EventMetadata} as a listener method argument ({@link EventMetadataArgumentResolver}).</li>
 *   <li>With {@code enlace.subscriber.idempotency-guard.enabled=true}, an {@link IdempotencyGuardInterceptor}.</li>
 *   <li>With {@code enlace.subscriber.verify.enabled=true}, each record's {@code ce_signature} is verified against
 *       {@code verify.keys-url} (or {@code verify.keys-dir}) before the listener sees it; a record that fails goes to
 *       {@code <topic>.dlt} with stage {@code verify}.</li>
 * </ul>
 *
 * <p>Every bean backs off when the application declares its own of the same name. It runs before
 * Spring Boot's Kafka auto-configuration, whose consumer factory and listener container factory then
 * stand aside; Boot's producer side ({@code KafkaTemplate}, {@code spring.kafka.producer.*}) is
 * untouched.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaTemplate.class, ErrorHandlingDeserializer.class})
@ConditionalOnProperty(prefix = SubscriberProperties.PREFIX, name = "bootstrap-servers")
@EnableConfigurationProperties(SubscriberProperties.class)
@EnableKafka
public class EnlaceSubscriberAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EnlaceSubscriberAutoConfiguration.class);

    /**
     * The consumer configuration the auto-configuration uses, for applications that build their own
     * factories: bootstrap servers, group id, deserializers, registry URL, specific reader, extra
     * {@code enlace.subscriber.properties}.
     *
     * @param properties the bound properties
     * @return a new mutable map
     */
    public static Map<String, Object> consumerConfig(SubscriberProperties properties) {
        Map<String, Object> config = new HashMap<>(clientConfig(properties));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.effectiveGroupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, RawValueRetainingDeserializer.class);
        config.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, properties.registryUrl());
        config.put(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true);
        if (properties.institution() != null) {
            config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, properties.institution() + "-subscriber");
        }
        if (properties.verify().enabled()) {
            config.put(RawValueRetainingDeserializer.KEY_DIRECTORY_CONFIG, properties.verify().keyDirectory());
        }
        return config;
    }

    /** Bootstrap servers plus the extra client properties: what every client of the subscriber gets. */
    static Map<String, Object> clientConfig(SubscriberProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.properties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        return config;
    }

    /**
     * @param properties the bound properties
     * @return the consumer factory of Enlace listeners
     */
    @Bean
    @ConditionalOnMissingBean(name = "enlaceConsumerFactory")
    public ConsumerFactory<String, Object> enlaceConsumerFactory(SubscriberProperties properties) {
        return new DefaultKafkaConsumerFactory<>(consumerConfig(properties));
    }

    /**
     * @param properties the bound properties
     * @return the producer of dead letters ({@code acks=all}, idempotent, byte arrays)
     */
    @Bean
    @ConditionalOnMissingBean
    public DeadLetterProducer enlaceDeadLetterProducer(SubscriberProperties properties) {
        Map<String, Object> producer = new HashMap<>(clientConfig(properties));
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, properties.effectiveGroupId() + "-dlt");
        return new DeadLetterProducer(producer);
    }

    /**
     * @param properties         the bound properties
     * @param deadLetterProducer the producer of dead letters
     * @return Enlace's error policy: back-off retries, then the dead-letter topic
     */
    @Bean
    @ConditionalOnMissingBean(name = "enlaceErrorHandler")
    public DefaultErrorHandler enlaceErrorHandler(SubscriberProperties properties, DeadLetterProducer deadLetterProducer) {
        SubscriberProperties.BackOff b = properties.backOff();
        ExponentialBackOff backOff = new ExponentialBackOff(b.initialInterval().toMillis(), b.multiplier());
        backOff.setMaxInterval(b.maxInterval().toMillis());
        backOff.setMaxAttempts(b.maxAttempts() - 1);
        DefaultErrorHandler handler;
        if (properties.deadLetter().enabled()) {
            handler = new DefaultErrorHandler(new EnlaceDeadLetterPublishingRecoverer(deadLetterProducer.template()), backOff);
        } else {
            handler = new DefaultErrorHandler((record, e) -> log.warn("Skipping {}-{}@{} (dead letters are disabled): {}",
                record.topic(), record.partition(), record.offset(), gt.enlace.subscriber.DeadLetterHeaders.reason(e)), backOff);
        }
        handler.addNotRetryableExceptions(InvalidHeadersException.class, ClassCastException.class,
            gt.enlace.bus.signing.SignatureVerificationException.class,
            org.apache.kafka.common.errors.SerializationException.class);
        handler.addNotRetryableExceptions(notRetryable(properties).toArray(Class[]::new));
        // A recovered record's offset is committed at once, so a restart does not dead-letter it twice.
        handler.setCommitRecovered(true);
        return handler;
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Exception>> notRetryable(SubscriberProperties properties) {
        List<Class<? extends Exception>> types = new ArrayList<>();
        for (String name : properties.notRetryable()) {
            Class<?> type;
            try {
                type = ClassUtils.forName(name.trim(), EnlaceSubscriberAutoConfiguration.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("enlace.subscriber.not-retryable: class '" + name + "' not found", e);
            }
            if (!Exception.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("enlace.subscriber.not-retryable: '" + name + "' is not an Exception");
            }
            types.add((Class<? extends Exception>) type);
        }
        return types;
    }

    /**
     * @param properties the bound properties
     * @return the guard interceptor, when {@code enlace.subscriber.idempotency-guard.enabled=true}
     */
    @Bean
    @ConditionalOnProperty(prefix = SubscriberProperties.PREFIX, name = "idempotency-guard.enabled", havingValue = "true")
    @ConditionalOnMissingBean
    public IdempotencyGuardInterceptor enlaceIdempotencyGuard(SubscriberProperties properties) {
        return new IdempotencyGuardInterceptor(clientConfig(properties), properties.idempotencyGuard().topic(),
            properties.idempotencyGuard().retention());
    }

    /**
     * @param consumerFactory Enlace's consumer factory
     * @param errorHandler    Enlace's error handler
     * @param guard           the idempotency guard, when enabled
     * @return the default container factory of {@code @KafkaListener} methods
     */
    @Bean
    @ConditionalOnMissingBean(name = "kafkaListenerContainerFactory")
    public ConcurrentKafkaListenerContainerFactory<String, Object> kafkaListenerContainerFactory(
        ConsumerFactory<String, Object> enlaceConsumerFactory, CommonErrorHandler enlaceErrorHandler,
        ObjectProvider<IdempotencyGuardInterceptor> guard) {
        ConcurrentKafkaListenerContainerFactory<String, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(enlaceConsumerFactory);
        factory.setCommonErrorHandler(enlaceErrorHandler);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        MessagingMessageConverter converter = new MessagingMessageConverter();
        converter.setRawRecordHeader(true);
        factory.setRecordMessageConverter(converter);
        guard.ifAvailable(factory::setRecordInterceptor);
        return factory;
    }

    /**
     * @return registers {@link EventMetadataArgumentResolver} with every {@code @KafkaListener}
     */
    @Bean
    public static KafkaListenerConfigurer enlaceEventMetadataConfigurer() {
        return (KafkaListenerEndpointRegistrar registrar) -> {
            List<org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver> resolvers =
                new ArrayList<>(registrar.getCustomMethodArgumentResolvers());
            resolvers.add(new EventMetadataArgumentResolver());
            registrar.setCustomMethodArgumentResolvers(resolvers.toArray(
                org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver[]::new));
        };
    }
}
