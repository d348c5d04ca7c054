package gt.enlace.subscriber.spring;

import gt.enlace.subscriber.EventMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.MethodParameter;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Resolves an {@link EventMetadata} parameter of a {@code @KafkaListener} method from the consumed
 * record, which the auto-configured container factory exposes in the {@link KafkaHeaders#RAW_DATA}
 * message header. A record whose event headers do not parse fails with
 * {@link gt.enlace.bus.headers.InvalidHeadersException}: not retried, dead-lettered.
 */
public class EventMetadataArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return EventMetadata.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        Object raw = message.getHeaders().get(KafkaHeaders.RAW_DATA);
        if (raw instanceof ConsumerRecord<?, ?> record) {
            return EventMetadata.from(record);
        }
        throw new IllegalStateException("An EventMetadata parameter needs the consumed record in the "
            + KafkaHeaders.RAW_DATA + " message header: use Enlace's kafkaListenerContainerFactory, or give your container "
            + "factory a MessagingMessageConverter with setRawRecordHeader(true)");
    }
}
