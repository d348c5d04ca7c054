package gt.enlace.subscriber.spring;

import gt.enlace.bus.signing.EventVerifier;
import gt.enlace.bus.signing.KeyDirectory;
import gt.enlace.bus.signing.SignatureVerificationException;
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
 *
 * <p>With a {@link KeyDirectory} under {@value #KEY_DIRECTORY_CONFIG} in its configuration, it first verifies the
 * record's {@code ce_signature} and throws a {@link SignatureVerificationException} when it does not verify: the
 * record is dead-lettered with stage {@code verify} and never reaches the listener.
 */
public class RawValueRetainingDeserializer implements Deserializer<Object> {

    /** Configuration key holding the {@link KeyDirectory} object to verify signatures with; absent: no verification. */
    public static final String KEY_DIRECTORY_CONFIG = "enlace.verify.key-directory";

    private final KafkaAvroDeserializer delegate = new KafkaAvroDeserializer();
    private EventVerifier verifier;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
        if (configs.get(KEY_DIRECTORY_CONFIG) instanceof KeyDirectory keys) {
            verifier = new EventVerifier(keys);
        }
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return delegate.deserialize(topic, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        if (verifier != null) {
            verifier.verifyOrThrow(headers, data);
        }
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
