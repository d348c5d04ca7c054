package gt.enlace.survey.responses;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.survey.ManualExchangeDeclared;
import gt.enlace.survey.ResponseOrigin;
import gt.enlace.survey.ResponseSubmitted;
import gt.enlace.survey.SurveyAnswer;
import gt.enlace.survey.SurveyTopics;
import gt.enlace.survey.exchanges.ManualExchange;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts validated responses and manual-exchange declarations on the bus: Avro in Confluent's wire format with the
 * catalog's registered schema ({@code use.latest.version}), CloudEvents headers ({@code ce_source}
 * {@code /gt/<institution>/enlace-survey}, the topic's legal basis and classification, {@code ce_channel}
 * {@code csv-bridge} for a CSV import, {@code gateway} for the HTTP API and web form, {@code declared-manual}
 * for the exchange log), {@code acks=all} and idempotence. Methods return once Kafka acknowledged.
 */
public final class SurveyPublisher implements AutoCloseable {

    /** How long to wait for Kafka's acknowledgement. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    /** The system part of {@code ce_source}. */
    public static final String SOURCE_SYSTEM = "enlace-survey";

    private final Producer<String, Object> producer;
    private final TopicDefinition responses;
    private final TopicDefinition exchanges;

    /** Uses a given producer (closed by {@link #close()}). */
    public SurveyPublisher(Producer<String, Object> producer, TopicCatalog catalog) {
        this.producer = Objects.requireNonNull(producer, "'producer' cannot be null");
        this.responses = SurveyTopics.definition(catalog, SurveyTopics.RESPONSES);
        this.exchanges = SurveyTopics.definition(catalog, SurveyTopics.MANUAL_EXCHANGES);
    }

    /**
     * Creates its own producer.
     *
     * @param bootstrapServers Kafka
     * @param registryUrl      the schema registry, where the catalog's schemas are registered
     * @param catalog          the topic catalog
     */
    public static SurveyPublisher create(String bootstrapServers, String registryUrl, TopicCatalog catalog) {
        return create(bootstrapServers, Map.of(), registryUrl, catalog);
    }

    /**
     * Creates its own producer, which adds {@code clientProperties} (e.g. the SASL settings of a secure cluster).
     *
     * @param bootstrapServers Kafka
     * @param clientProperties extra Kafka client properties
     * @param registryUrl      the schema registry, where the catalog's schemas are registered
     * @param catalog          the topic catalog
     */
    public static SurveyPublisher create(String bootstrapServers, Map<String, ?> clientProperties, String registryUrl,
                                         TopicCatalog catalog) {
        return create(bootstrapServers, clientProperties, registryUrl, Map.of(), catalog);
    }

    /**
     * Creates its own producer, which adds {@code clientProperties}, and a serializer that adds
     * {@code registryProperties} (e.g. {@code basic.auth.user.info} for a secure platform's registry).
     *
     * @param bootstrapServers   Kafka
     * @param clientProperties   extra Kafka client properties
     * @param registryUrl        the schema registry, where the catalog's schemas are registered
     * @param registryProperties extra registry client properties
     * @param catalog            the topic catalog
     */
    public static SurveyPublisher create(String bootstrapServers, Map<String, ?> clientProperties, String registryUrl,
                                         Map<String, ?> registryProperties, TopicCatalog catalog) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-survey-publisher");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        // The platform registered the catalog's contracts at start; write with them rather than registering the
        // generated classes' copies (which carry Java-only string hints).
        Map<String, Object> serde = new HashMap<>(registryProperties);
        serde.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        serde.put(KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false);
        serde.put(KafkaAvroSerDeConfig.USE_LATEST_VERSION, true);
        serializer.configure(serde, false);
        return new SurveyPublisher(new KafkaProducer<>(props, new StringSerializer(), serializer), catalog);
    }

    /** Publishes one response and waits for the acknowledgement. */
    public PublishedEvent publish(ValidatedResponse response, ResponseOrigin origin) {
        return publishAll(List.of(response), origin).get(0);
    }

    /**
     * Publishes responses in order and waits until Kafka acknowledged them all.
     *
     * @throws PublishException naming the response Kafka did not acknowledge
     */
    public List<PublishedEvent> publishAll(List<ValidatedResponse> all, ResponseOrigin origin) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<ProducerRecord<String, Object>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ValidatedResponse response : all) {
            ResponseSubmitted event = ResponseSubmitted.newBuilder()
                    .setInstitution(response.institution())
                    .setRound(response.round())
                    .setInstrumentVersion(response.instrumentVersion())
                    .setAnswers(response.answers().entrySet().stream()
                            .map(e -> SurveyAnswer.newBuilder().setItem(e.getKey()).setValue(e.getValue()).build())
                            .toList())
                    .setRespondent(response.respondent())
                    .setOrigin(origin)
                    .build();
            String key = SurveyTopics.responseKey(response.institution(), response.round());
            Channel channel = origin == ResponseOrigin.CSV_IMPORT ? Channel.CSV_BRIDGE : Channel.GATEWAY;
            EventHeaders headers = headers(responses, response.institution(), channel, key);
            ProducerRecord<String, Object> record = new ProducerRecord<>(responses.name(), key, event);
            headers.writeTo(record.headers());
            records.add(record);
            ids.add(headers.id());
            acks.add(producer.send(record));
        }
        List<PublishedEvent> published = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            RecordMetadata metadata = await(acks.get(i), records.get(i).key());
            published.add(new PublishedEvent(metadata.topic(), records.get(i).key(), ids.get(i), metadata.partition(),
                    metadata.offset()));
        }
        return published;
    }

    /** Publishes a manual-exchange declaration and waits for the acknowledgement. */
    public PublishedEvent publish(ManualExchange exchange) {
        ManualExchangeDeclared event = ManualExchangeDeclared.newBuilder()
                .setInstitution(exchange.institution())
                .setCounterpart(exchange.counterpart())
                .setDirection(exchange.direction())
                .setRecords(exchange.records())
                .setMedium(exchange.medium())
                .setDate(exchange.date())
                .setDescription(exchange.description())
                .build();
        EventHeaders headers = headers(exchanges, exchange.institution(), Channel.DECLARED_MANUAL,
                exchange.institution() + "/" + exchange.counterpart() + "/" + exchange.date());
        ProducerRecord<String, Object> record = new ProducerRecord<>(exchanges.name(), exchange.institution(), event);
        headers.writeTo(record.headers());
        RecordMetadata metadata = await(producer.send(record), exchange.institution());
        return new PublishedEvent(metadata.topic(), record.key(), headers.id(), metadata.partition(), metadata.offset());
    }

    private static EventHeaders headers(TopicDefinition topic, String institution, Channel channel, String subject) {
        return EventHeaders.builder()
                .source(institution, SOURCE_SYSTEM)
                .typeForTopic(topic.name())
                .legalBasis(topic.legalBasis())
                .classification(topic.classification())
                .channel(channel)
                .subject(subject)
                .build();
    }

    private static RecordMetadata await(Future<RecordMetadata> ack, String key) {
        try {
            return ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka to acknowledge '" + key + "'", e);
        } catch (ExecutionException e) {
            throw new PublishException("Kafka refused the event '" + key + "': " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge the event '" + key + "' within "
                    + ACK_TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not acknowledge an event; the message says which and why. */
    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
