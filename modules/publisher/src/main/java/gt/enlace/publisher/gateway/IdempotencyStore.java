package gt.enlace.publisher.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import gt.enlace.publisher.internal.CompactedTopicTail;
import gt.enlace.publisher.internal.CompactedTopics;
import gt.enlace.publisher.json.JsonText;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway's memory of answers given to requests with an {@code Idempotency-Key}: kept on a compacted Kafka topic
 * (key {@code <topic>\n<idempotency key>}, value the answer as JSON) and rebuilt in memory from it when the gateway
 * starts, so a retry after a platform restart still gets the first answer and publishes nothing again. The store keeps
 * following the topic, and a key it does not know is looked up again after catching up with the topic, so several
 * gateways behind one load balancer share their answers: a retry that lands on another instance than the first
 * attempt still gets the first answer. (Two attempts with the same key that reach two instances at the same moment
 * can both publish; their events then carry the same ids, which subscribers' idempotency guard drops.) Reading runs
 * in the background and retries while Kafka is unreachable; until it is done, requests with a key wait up to the
 * Kafka timeout and then get a 503.
 */
public final class IdempotencyStore implements AutoCloseable {

    /**
     * A stored answer.
     *
     * @param requestHash SHA-256 of the request body, to tell a retry from a different request reusing the key
     * @param status      HTTP status given
     * @param body        JSON body given
     */
    public record Answer(String requestHash, int status, String body) {
    }

    private final Map<String, String> clientProperties;
    private final String topic;
    private final Duration timeout;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final KafkaProducer<String, String> producer;
    private final CompactedTopicTail tail;

    public IdempotencyStore(String bootstrapServers, String topic, Duration retention, Duration timeout) {
        this(bootstrapServers, Map.of(), topic, retention, timeout);
    }

    /** A store whose Kafka clients add {@code clientProperties} (e.g. SASL settings of a secure cluster). */
    public IdempotencyStore(String bootstrapServers, Map<String, String> clientProperties, String topic, Duration retention,
                            Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
        this.timeout = timeout;
        Properties props = new Properties();
        props.putAll(this.clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-gateway-idempotency");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis() / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 1000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.tail = CompactedTopicTail.start(bootstrapServers, this.clientProperties, topic,
            () -> CompactedTopics.ensure(bootstrapServers, this.clientProperties, topic, Map.of("cleanup.policy", "compact,delete",
                "retention.ms", Long.toString(retention.toMillis())), Duration.ofSeconds(30)),
            (k, v) -> {
                if (v == null) {
                    answers.remove(k);
                } else {
                    parse(v).ifPresent(a -> answers.put(k, a));
                }
            }, "enlace-gateway-idempotency");
    }

    /** Whether the answers of earlier runs are loaded. */
    public boolean isReady() {
        return tail.caughtUp().isDone();
    }

    /**
     * The stored answer of a key, including one another gateway instance stored a moment ago: on a miss the store
     * first applies everything written to its topic before the call.
     *
     * @throws GatewayException 503 when the stored answers could not be read within the timeout
     */
    public Optional<Answer> find(String key) {
        await(tail.caughtUp(), "the gateway cannot read its idempotency records from Kafka yet");
        Answer answer = answers.get(key);
        if (answer == null) {
            await(tail.sync(), "the gateway cannot read its idempotency records from Kafka");
            answer = answers.get(key);
        }
        return Optional.ofNullable(answer);
    }

    /** The answer of a key as this instance knows it now, without asking Kafka (after {@link #find}). */
    public Optional<Answer> findKnown(String key) {
        return Optional.ofNullable(answers.get(key));
    }

    /** Marks a key as being processed; false when another request holds it. */
    public boolean begin(String key) {
        return inFlight.add(key);
    }

    /** Releases a key taken by {@link #begin}. */
    public void end(String key) {
        inFlight.remove(key);
    }

    /**
     * Stores an answer durably (acknowledged by Kafka) and in memory.
     *
     * @throws GatewayException 503 when Kafka does not acknowledge it in time
     */
    public void save(String key, Answer answer) {
        try {
            producer.send(new ProducerRecord<>(topic, key, JsonText.mapper().writeValueAsString(answer)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            answers.put(key, answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new GatewayException(GatewayError.UNAVAILABLE, "Kafka did not store the idempotency record: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(GatewayError.UNAVAILABLE, "interrupted");
        }
    }

    private void await(CompletableFuture<Void> condition, String unavailable) {
        try {
            condition.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new GatewayException(GatewayError.UNAVAILABLE, unavailable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(GatewayError.UNAVAILABLE, "interrupted");
        }
    }

    private static Optional<Answer> parse(String json) {
        try {
            return Optional.of(JsonText.mapper().readValue(json, Answer.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        tail.close();
        producer.close(Duration.ofSeconds(5));
    }
}
