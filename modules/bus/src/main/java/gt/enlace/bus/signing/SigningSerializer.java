package gt.enlace.bus.signing;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A value serializer that signs what its delegate wrote: the {@code KafkaProducer} calls it with the
 * record's headers while they are still writable, after the {@code ce_*} headers are set, so the
 * signature covers exactly the bytes and headers that go on the wire. Signing happens on the thread
 * that calls {@code send}, one signature per event (a batch of one). The SDK's {@code EventPublisher} does not use
 * it: it signs many events per signature on a signer thread, which is far cheaper.
 *
 * @param <T> the value type of the delegate
 */
public final class SigningSerializer<T> implements Serializer<T> {

    private final Serializer<T> delegate;
    private final EventSigner signer;

    /**
     * @param delegate the real value serializer, e.g. the Avro one; configured and closed through this one
     * @param signer   the institution's signer
     */
    public SigningSerializer(Serializer<T> delegate, EventSigner signer) {
        this.delegate = Objects.requireNonNull(delegate, "'delegate' cannot be null");
        this.signer = Objects.requireNonNull(signer, "'signer' cannot be null");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    /** Without headers there is nowhere to put a signature: refused. */
    @Override
    public byte[] serialize(String topic, T data) {
        throw new UnsupportedOperationException("a signed value needs the record's headers; call serialize(topic, headers, data)");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        byte[] bytes = delegate.serialize(topic, headers, data);
        signer.sign(headers, bytes);
        return bytes;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
