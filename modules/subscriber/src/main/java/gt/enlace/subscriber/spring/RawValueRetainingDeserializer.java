package gt.enlace.subscriber.spring;

import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.subscriber.DeadLetterHeaders;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Enlace's {@link KafkaAvroDeserializer} that also keeps the record's original bytes in the
 * {@value DeadLetterHeaders#RAW_VALUE} header (the same array, not a copy), so that a record whose
 * listener fails is dead-lettered byte for byte. Used as the delegate of Spring's
 * {@code ErrorHandlingDeserializer}, which handles the records that fail here.
 */
public class RawValueRetainingDeserializer implements Deserializer<Object> {

    private final KafkaAvroDeserializer delegate = new KafkaAvroDeserializer();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return delegate.deserialize(topic, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        Object value = delegate.deserialize(topic, headers, data);
        if (headers != null && data != null) {
            headers.add(DeadLetterHeaders.RAW_VALUE, data);
        }
        return value;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
