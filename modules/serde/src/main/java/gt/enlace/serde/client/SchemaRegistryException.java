package gt.enlace.serde.client;

/**
 * Base of every failure reported by a {@link SchemaRegistryClient}: the registry could not be
 * reached (after failover and retries), answered something that is not what the REST API promises,
 * or returned an error (then the subclass {@link RestClientException} carries its code).
 *
 * <p>Unchecked, so that serializers and deserializers can let it travel as the cause of Kafka's
 * {@code SerializationException}.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the registry URL or subject when known
     */
    public SchemaRegistryException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying I/O or parsing failure
     */
    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
