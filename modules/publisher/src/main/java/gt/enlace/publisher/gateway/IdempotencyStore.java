package gt.enlace.publisher.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's memory of answers given to requests with an {@code Idempotency-Key}: kept on a compacted Kafka topic
 * (key {@code <topic>\n<idempotency key>}, value the answer as JSON) and rebuilt in memory from it when the gateway
 * starts, so a retry after a platform restart still gets the first answer and publishes nothing again. The rebuild
 * runs in the background and retries while Kafka is unreachable; until it is done, requests with a key wait up to
 * the Kafka timeout and then get a 503.
 */
public final class IdempotencyStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    /**
     * A stored answer.
     *
     * @param requestHash SHA-256 of the request body, to tell a retry from a different request reusing the key
     * @param status      HTTP status given
     * @param body        JSON body given
     */
    public record Answer(String requestHash, int status, String body) {
    }

    private final String bootstrapServers;
    private final String topic;
    private final Duration retention;
    private final Duration timeout;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final KafkaProducer<String, String> producer;
    private final Thread loader;
    private volatile boolean closed;

    public IdempotencyStore(String bootstrapServers, String topic, Duration retention, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.retention = retention;
        this.timeout = timeout;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-gateway-idempotency");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout.toMillis() / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 1000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.loader = new Thread(this::load, "enlace-gateway-idempotency-loader");
        this.loader.setDaemon(true);
        this.loader.start();
    }

    private void load() {
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            try {
                CompactedTopics.ensure(bootstrapServers, topic, Map.of("cleanup.policy", "compact,delete",
                    "retention.ms", Long.toString(retention.toMillis())), Duration.ofSeconds(30));
                CompactedTopics.readAll(bootstrapServers, topic, Duration.ofSeconds(60), (k, v) -> {
                    if (v == null) {
                        answers.remove(k);
                    } else {
                        parse(v).ifPresent(a -> answers.put(k, a));
                    }
                });
                ready.complete(null);
                log.debug("Idempotency store ready with {} answers from {}", answers.size(), topic);
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("Cannot read the idempotency answers from {} yet ({}); retrying in {} s", topic, e.getMessage(), backoff.toSeconds());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
    }

    /** Whether the answers of earlier runs are loaded. */
    public boolean isReady() {
        return ready.isDone();
    }

    /**
     * The stored answer of a key.
     *
     * @throws GatewayException 503 when the stored answers could not be loaded within the timeout
     */
    public Optional<Answer> find(String key) {
        awaitReady();
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

    private void awaitReady() {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new GatewayException(GatewayError.UNAVAILABLE, "the gateway cannot read its idempotency records from Kafka yet");
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
        closed = true;
        loader.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
