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
 *
 * <p>An answer is kept for the retention (default 7 days): the topic deletes older records, and memory forgets
 * answers older than that too (swept at most every {@value #MAX_SWEEP_INTERVAL_SECONDS} s), so a gateway that runs for
 * months holds only the last retention's keys. A request that reuses a key after its answer expired is a new request.
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

    /** The longest time between two sweeps of expired answers. */
    static final long MAX_SWEEP_INTERVAL_SECONDS = 60;

    /** An answer as stored on the topic: with the time it was first given, so every instance expires it alike. */
    private record Stored(String requestHash, int status, String body, long storedAt) {
    }

    /** An answer in memory, with when it expires ({@link System#currentTimeMillis()}). */
    private record Kept(Answer answer, long expiresAt) {
    }

    private final Map<String, String> clientProperties;
    private final String topic;
    private final Duration timeout;
    private final long retentionMillis;
    private final long sweepIntervalMillis;
    private volatile long nextSweep;
    private final Map<String, Kept> answers = new ConcurrentHashMap<>();
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
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the idempotency retention must be positive, not " + retention);
        }
        this.retentionMillis = retention.toMillis();
        this.sweepIntervalMillis = Math.max(1, Math.min(retentionMillis / 10, TimeUnit.SECONDS.toMillis(MAX_SWEEP_INTERVAL_SECONDS)));
        this.nextSweep = System.currentTimeMillis() + sweepIntervalMillis;
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
                    parse(v).ifPresent(stored -> keep(k, stored));
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
        Optional<Answer> answer = findKnown(key);
        if (answer.isEmpty()) {
            await(tail.sync(), "the gateway cannot read its idempotency records from Kafka");
            answer = findKnown(key);
        }
        return answer;
    }

    /** The answer of a key as this instance knows it now, without asking Kafka (after {@link #find}). */
    public Optional<Answer> findKnown(String key) {
        long now = System.currentTimeMillis();
        sweepIfDue(now);
        Kept kept = answers.get(key);
        return kept == null || kept.expiresAt() <= now ? Optional.empty() : Optional.of(kept.answer());
    }

    /** How many answers are held in memory (expired ones until the next sweep). */
    public int size() {
        return answers.size();
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
            Stored stored = new Stored(answer.requestHash(), answer.status(), answer.body(), System.currentTimeMillis());
            producer.send(new ProducerRecord<>(topic, key, JsonText.mapper().writeValueAsString(stored)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            keep(key, stored);
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

    /**
     * Keeps a stored answer until its retention ends. An answer stored before answers carried their time (no
     * {@code storedAt}) is kept for a whole retention from now.
     */
    private void keep(String key, Stored stored) {
        long now = System.currentTimeMillis();
        long expiresAt = (stored.storedAt() > 0 ? stored.storedAt() : now) + retentionMillis;
        if (expiresAt > now) {
            answers.put(key, new Kept(new Answer(stored.requestHash(), stored.status(), stored.body()), expiresAt));
        } else {
            answers.remove(key);
        }
        sweepIfDue(now);
    }

    private void sweepIfDue(long now) {
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + sweepIntervalMillis;
        answers.values().removeIf(kept -> kept.expiresAt() <= now);
    }

    private static Optional<Stored> parse(String json) {
        try {
            return Optional.of(JsonText.mapper().readValue(json, Stored.class));
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
