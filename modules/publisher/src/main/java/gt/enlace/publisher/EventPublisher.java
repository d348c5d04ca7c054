package gt.enlace.publisher;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.bus.headers.HeaderNames;
import gt.enlace.bus.signing.EventSigner;
import gt.enlace.bus.signing.SigningKey;
import gt.enlace.publisher.internal.BatchSigningSender;
import gt.enlace.publisher.validation.RecordValidator;
import gt.enlace.publisher.validation.Violation;
import gt.enlace.publisher.validation.ViolationCodes;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.KafkaAvroSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes an institution's events on the bus: the Enlace SDK. Built on a {@link KafkaProducer} with {@code acks=all}
 * and idempotence, the Enlace Avro serializer (Confluent wire format, the topic's registered schema) and the
 * CloudEvents headers of {@link EventHeaders}.
 *
 * <p>Before anything is sent, {@link #publish} checks that the topic is in the catalog, that this publisher's
 * institution owns it, that the record is the topic's record type, and that it passes {@link RecordValidator}
 * (required fields, CUI, NIT, department/municipality). The legal basis and classification headers come from the
 * catalog. The returned future completes only once Kafka acknowledged the event, with its partition and offset, or
 * exceptionally with a {@link PublishException} carrying a stable {@link PublishError} and the fields at fault;
 * {@code publish} itself does not throw for bad input.
 *
 * <pre>{@code
 * try (EventPublisher publisher = new EventPublisher(Map.of(
 *         "bootstrap.servers", "127.0.0.1:9092",
 *         "schema.registry.url", "http://127.0.0.1:8081",
 *         "enlace.institution", "renap",
 *         "enlace.system", "sirenap"))) {
 *     PublishReceipt receipt = publisher.publish("gt.renap.birth-registered.v1", birth).join();
 *     log.info("event {} at {}-{}@{}", receipt.eventId(), receipt.topic(), receipt.partition(), receipt.offset());
 * }
 * }</pre>
 *
 * <p>With {@link PublisherConfig#SIGNING_KEY_FILE_CONFIG} set, every event is signed with the institution's Ed25519 key
 * ({@code ce_signature} header, see {@code gt.enlace.bus.signing}) so that subscribers and third parties can prove who
 * published it. {@code publish} then serializes the value on the caller's thread and queues the event for a signer
 * thread, which signs everything queued meanwhile with one signature over a Merkle tree (at most
 * {@link PublisherConfig#SIGNING_MAX_BATCH_CONFIG} events; each keeps its own proof) and hands the events to the
 * producer in the order {@code publish} was called. An event after a pause is signed at once; while events stream in,
 * a batch may wait {@link PublisherConfig#SIGNING_LINGER_MS_CONFIG} to fill. The future still completes only once
 * Kafka acknowledged.
 *
 * <p>Thread-safe; share one instance per application, like a {@code KafkaProducer}.
 */
public final class EventPublisher implements AutoCloseable {

    private final PublisherConfig config;
    private final TopicCatalog catalog;
    private final Producer<String, Object> producer;
    /** Serializes values before signing; null when the producer serializes them (unsigned). */
    private final Serializer<Object> valueSerializer;
    /** Signs and sends; null when unsigned. */
    private final BatchSigningSender signing;
    private final RecordValidator validator = new RecordValidator();
    /** The catalog's topics by name (the catalog itself searches its list). */
    private final Map<String, TopicDefinition> topics;
    /** The shared headers per (topic, legal basis, channel), checked and encoded once; bounded by {@link #MAX_TEMPLATES}. */
    private final Map<TemplateKey, EventHeaders.Template> templates = new ConcurrentHashMap<>();
    private final String institution;
    private final String system;
    private final Channel defaultChannel;
    private final boolean validate;
    private volatile boolean closed;

    /** Most header templates kept; beyond, events with new legal-basis overrides build theirs each time. */
    private static final int MAX_TEMPLATES = 4096;

    private record TemplateKey(String topic, String legalBasis, Channel channel) {
    }

    /** A publisher over the bundled catalog; see {@link PublisherConfig} for the keys. */
    public EventPublisher(Map<String, ?> configs) {
        this(configs, TopicCatalog.loadDefault());
    }

    /** A publisher over the given catalog. */
    public EventPublisher(Map<String, ?> configs, TopicCatalog catalog) {
        this(new PublisherConfig(configs), catalog, null);
    }

    /**
     * A publisher sending through the given producer, e.g. a {@code MockProducer} in tests; the producer must
     * serialize values itself.
     */
    public EventPublisher(PublisherConfig config, TopicCatalog catalog, Producer<String, Object> producer) {
        this.config = Objects.requireNonNull(config, "'config' cannot be null");
        this.catalog = Objects.requireNonNull(catalog, "'catalog' cannot be null");
        if (catalog.institution(config.institution()).isEmpty()) {
            throw new IllegalArgumentException("'" + PublisherConfig.INSTITUTION_CONFIG + "' is " + config.institution()
                + ", which is not an institution of the catalog " + catalog.source() + "; known: "
                + catalog.institutions().stream().map(i -> i.code()).toList());
        }
        this.institution = config.institution();
        this.system = config.system();
        this.defaultChannel = config.channel();
        this.validate = config.validate();
        Map<String, TopicDefinition> byName = new HashMap<>();
        for (TopicDefinition t : catalog.topics()) {
            byName.putIfAbsent(t.name(), t);
        }
        this.topics = Map.copyOf(byName);
        if (producer != null) {
            this.producer = producer;
            this.valueSerializer = null;
            this.signing = null;
        } else if (config.signingKeyFile().isPresent()) {
            // Parsed and checked once. The value is serialized before signing, so the producer passes bytes through.
            EventSigner signer = new EventSigner(SigningKey.load(config.signingKeyFile().get()));
            if (!signer.key().institution().equals(config.institution())) {
                throw new IllegalArgumentException("'" + PublisherConfig.SIGNING_KEY_FILE_CONFIG + "' is the key of "
                    + signer.key().institution() + " but this publisher publishes for " + config.institution());
            }
            this.valueSerializer = avroSerializer(config);
            Serializer<Object> bytes = (topic, data) -> (byte[]) data;
            this.producer = new KafkaProducer<>(config.producerProperties(), new StringSerializer(), bytes);
            this.signing = new BatchSigningSender(signer, this.producer, config.signingMaxBatch(), config.signingLinger(),
                "enlace-signer-" + config.institution() + "-" + config.system());
        } else {
            this.producer = new KafkaProducer<>(config.producerProperties(), new StringSerializer(), avroSerializer(config));
            this.valueSerializer = null;
            this.signing = null;
        }
    }

    private static Serializer<Object> avroSerializer(PublisherConfig config) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(config.serializerConfig(), false);
        return serializer;
    }

    /** The institution this publisher publishes for, e.g. {@code renap}. */
    public String institution() {
        return config.institution();
    }

    /** Whether {@link #publish} validates records ({@link PublisherConfig#VALIDATE_CONFIG}). */
    public boolean validates() {
        return validate;
    }

    /** The catalog topics are checked against. */
    public TopicCatalog catalog() {
        return catalog;
    }

    /** Publishes with {@link PublishOptions#defaults()}. */
    public CompletableFuture<PublishReceipt> publish(String topic, IndexedRecord record) {
        return publish(topic, record, PublishOptions.defaults());
    }

    /**
     * Validates and sends one event.
     *
     * @param topic   a catalog topic this publisher's institution owns
     * @param record  a record of the topic's type, specific (generated class) or generic
     * @param options event id, key, subject, correlation id, time, channel
     * @return completes with the receipt once Kafka acknowledged, or exceptionally with a {@link PublishException}
     */
    public CompletableFuture<PublishReceipt> publish(String topic, IndexedRecord record, PublishOptions options) {
        return publish(topic, record, options, validate);
    }

    /**
     * Sends one event that {@link #validate} has just accepted, without validating the record again: for callers that
     * validate before deciding what to send, or on another thread (the gateway validates a whole batch before
     * publishing any of it; the CSV bridge validates rows while it publishes earlier ones). Everything else is as in
     * {@link #publish(String, IndexedRecord, PublishOptions)}: the topic, its ownership and the record type are checked.
     * The record must not change between the two calls.
     *
     * @param topic   a catalog topic this publisher's institution owns
     * @param record  a record {@link #validate} found no violation in
     * @param options event id, key, subject, correlation id, time, channel
     * @return completes with the receipt once Kafka acknowledged, or exceptionally with a {@link PublishException}
     */
    public CompletableFuture<PublishReceipt> publishValidated(String topic, IndexedRecord record, PublishOptions options) {
        return publish(topic, record, options, false);
    }

    private CompletableFuture<PublishReceipt> publish(String topic, IndexedRecord record, PublishOptions options,
                                                      boolean validateRecord) {
        Objects.requireNonNull(options, "'options' cannot be null");
        ProducerRecord<String, Object> producerRecord;
        try {
            producerRecord = prepare(topic, record, options, validateRecord);
        } catch (PublishException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send(producerRecord);
    }

    /**
     * Checks an event without sending it: the topic (in the catalog, owned by this institution) and the record.
     *
     * @return the record's violations; empty when it may be published
     * @throws PublishException for {@link PublishError#UNKNOWN_TOPIC} and {@link PublishError#TOPIC_NOT_OWNED}
     */
    public List<Violation> validate(String topic, IndexedRecord record) {
        TopicDefinition definition = ownedTopic(topic);
        return validator.validate(record, definition.schema());
    }

    /**
     * The catalog entry of a topic this institution may publish to.
     *
     * @throws PublishException {@link PublishError#UNKNOWN_TOPIC} or {@link PublishError#TOPIC_NOT_OWNED}
     */
    public TopicDefinition ownedTopic(String topic) {
        TopicDefinition definition = topic == null ? null : topics.get(topic);
        if (definition == null) {
            throw new PublishException(PublishError.UNKNOWN_TOPIC, topic, "topic '" + topic + "' is not in the catalog ("
                + catalog.source() + ")");
        }
        if (!definition.owner().equals(institution)) {
            throw new PublishException(PublishError.TOPIC_NOT_OWNED, topic, "topic '" + topic + "' belongs to "
                + definition.owner() + "; " + institution + " may publish only to its own topics");
        }
        return definition;
    }

    private ProducerRecord<String, Object> prepare(String topic, IndexedRecord record, PublishOptions options,
                                                   boolean validateRecord) {
        if (closed) {
            throw new PublishException(PublishError.CLOSED, topic, "the publisher is closed");
        }
        TopicDefinition definition = ownedTopic(topic);
        if (record == null) {
            throw new PublishException(PublishError.INVALID_RECORD, topic, "the record is null",
                List.of(new Violation("$", ViolationCodes.REQUIRED, "the event is null")), null);
        }
        if (!record.getSchema().getFullName().equals(definition.recordName())) {
            throw new PublishException(PublishError.SCHEMA_MISMATCH, topic, "topic '" + topic + "' carries "
                + definition.recordName() + " but the record is a " + record.getSchema().getFullName(),
                List.of(new Violation("$", ViolationCodes.SCHEMA_MISMATCH, "expected a " + definition.recordName())), null);
        }
        if (validateRecord) {
            List<Violation> violations = validator.validate(record, definition.schema());
            if (!violations.isEmpty()) {
                throw new PublishException(PublishError.INVALID_RECORD, topic, "the record for '" + topic + "' is invalid: "
                    + violations.get(0) + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""),
                    violations, null);
            }
        }
        String legalBasis = options.legalBasis().orElse(definition.legalBasis());
        Channel channel = options.channel().orElse(defaultChannel);
        String eventId;
        List<Header> headers;
        try {
            EventHeaders.Template template = template(topic, definition, legalBasis, channel);
            eventId = options.eventId().orElseGet(EventHeaders::newId);
            headers = template.headers(eventId, options.time().orElse(null), options.subject().orElse(null),
                options.correlationId().orElse(null));
        } catch (IllegalArgumentException e) {
            throw invalidHeaders(topic, definition, legalBasis, channel, options, e);
        }
        return new ProducerRecord<>(topic, null, null, options.key().orElse(eventId), record, headers);
    }

    /** The shared headers of events on {@code topic} with this legal basis and channel. */
    private EventHeaders.Template template(String topic, TopicDefinition definition, String legalBasis, Channel channel) {
        TemplateKey key = new TemplateKey(topic, legalBasis, channel);
        EventHeaders.Template template = templates.get(key);
        if (template == null) {
            template = EventHeaders.builder()
                .source(institution, system)
                .typeForTopic(topic)
                .legalBasis(legalBasis)
                .classification(definition.classification())
                .channel(channel)
                .template();
            if (templates.size() < MAX_TEMPLATES) {
                templates.putIfAbsent(key, template);
            }
        }
        return template;
    }

    /**
     * The {@link PublishError#INVALID_HEADERS} failure of an event whose headers were refused: the full header builder
     * names the first header at fault, in the order it checks them.
     */
    private PublishException invalidHeaders(String topic, TopicDefinition definition, String legalBasis, Channel channel,
                                            PublishOptions options, IllegalArgumentException fastPathFailure) {
        IllegalArgumentException failure = fastPathFailure;
        try {
            EventHeaders.Builder builder = EventHeaders.builder()
                .source(institution, system)
                .typeForTopic(topic)
                .legalBasis(legalBasis)
                .classification(definition.classification())
                .channel(channel);
            options.eventId().ifPresent(builder::id);
            options.subject().ifPresent(builder::subject);
            options.correlationId().ifPresent(builder::correlationId);
            options.time().ifPresent(builder::time);
            builder.build();
        } catch (IllegalArgumentException e) {
            failure = e;
        }
        return new PublishException(PublishError.INVALID_HEADERS, topic, "the event's headers are invalid: " + failure.getMessage());
    }

    private CompletableFuture<PublishReceipt> send(ProducerRecord<String, Object> record) {
        CompletableFuture<PublishReceipt> result = new CompletableFuture<>();
        String eventId = eventId(record);
        Callback callback = (metadata, exception) -> {
            if (exception != null) {
                result.completeExceptionally(translate(record.topic(), exception));
            } else {
                result.complete(new PublishReceipt(metadata.topic(), metadata.partition(), metadata.offset(), eventId,
                    metadata.timestamp()));
            }
        };
        try {
            if (signing == null) {
                producer.send(record, callback);
            } else {
                byte[] value = valueSerializer.serialize(record.topic(), record.headers(), record.value());
                signing.submit(new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers()), callback);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new PublishException(PublishError.KAFKA_UNAVAILABLE, record.topic(),
                "interrupted while waiting for room in the signing queue", List.of(), e));
        } catch (RuntimeException e) {
            result.completeExceptionally(translate(record.topic(), e));
        }
        return result;
    }

    private static String eventId(ProducerRecord<String, Object> record) {
        Header id = record.headers().lastHeader(HeaderNames.ID);
        return new String(id.value(), StandardCharsets.UTF_8);
    }

    /** Maps a producer or serializer failure to a {@link PublishException} with a stable code. */
    static PublishException translate(String topic, Throwable e) {
        if (e instanceof PublishException p) {
            return p;
        }
        if (e instanceof RecordTooLargeException) {
            return new PublishException(PublishError.RECORD_TOO_LARGE, topic, "the event is larger than Kafka accepts: "
                + e.getMessage(), List.of(new Violation("$", ViolationCodes.TOO_LARGE, e.getMessage())), e);
        }
        if (e instanceof RetriableException) {
            return new PublishException(PublishError.KAFKA_UNAVAILABLE, topic, "Kafka did not acknowledge the event: "
                + e.getMessage(), List.of(), e);
        }
        if (e instanceof SerializationException) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IOException || c.getClass().getName().startsWith("gt.enlace.serde.client.")) {
                    return new PublishException(PublishError.REGISTRY_UNAVAILABLE, topic, "the schema registry could not give the topic's schema: "
                        + e.getMessage(), List.of(), e);
                }
            }
            return new PublishException(PublishError.INVALID_RECORD, topic, "the record cannot be serialized with the topic's schema: "
                + e.getMessage(), List.of(new Violation("$", ViolationCodes.NOT_SERIALIZABLE, String.valueOf(e.getMessage()))), e);
        }
        if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("closed")) {
            return new PublishException(PublishError.CLOSED, topic, "the publisher is closed", List.of(), e);
        }
        if (e instanceof KafkaException && e.getCause() instanceof RetriableException r) {
            return translate(topic, r);
        }
        return new PublishException(PublishError.KAFKA_REJECTED, topic, "Kafka refused the event: " + e.getMessage(), List.of(), e);
    }

    /** Sends everything buffered and waits for the acknowledgements (or failures). */
    public void flush() {
        if (signing != null) {
            try {
                signing.awaitHandedOver(Duration.ofDays(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
        }
        producer.flush();
    }

    /** Sends what is buffered, waits up to 30 s, and releases the producer. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Sends what is buffered, waits up to {@code timeout}, and releases the producer. */
    public void close(Duration timeout) {
        closed = true;
        if (signing != null) {
            signing.close(timeout);
            valueSerializer.close();
        }
        producer.close(timeout);
    }

    /** The channel events are tagged with by default. */
    public Channel channel() {
        return config.channel();
    }
}
