package gt.enlace.subscriber.spring;

import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The byte-array producer that writes dead letters. Deliberately not a {@code ProducerFactory} bean,
 * so that Spring Boot's own {@code KafkaTemplate} for the application's producers is unaffected;
 * closed with the application context.
 */
public class DeadLetterProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<byte[], byte[]> factory;
    private final KafkaTemplate<byte[], byte[]> template;

    /**
     * @param config producer configuration with byte-array serializers
     */
    public DeadLetterProducer(Map<String, Object> config) {
        this.factory = new DefaultKafkaProducerFactory<>(config);
        this.template = new KafkaTemplate<>(factory);
    }

    /** The template the recoverer sends with. */
    public KafkaTemplate<byte[], byte[]> template() {
        return template;
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}
