package gt.enlace.portal.onboarding;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gt.enlace.portal.onboarding.ScriptLiterals.Language;
import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.publisher.json.PlainJson;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ready-to-run snippets that publish to and subscribe from a catalog topic, one method per language. Each builds the
 * topic's first sample event ({@link SampleEvents#sampleFor(String)}), so the snippets pass the bus's validation as
 * they are. Plain Java, no Spring: the tests compile and run the Java ones against a real platform.
 */
public final class SnippetGenerator {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TopicCatalog catalog;
    private final Endpoints endpoints;

    /**
     * Where the snippets connect.
     *
     * @param bootstrapServers Kafka, e.g. {@code 127.0.0.1:9092}
     * @param registryUrl      the schema registry, e.g. {@code http://127.0.0.1:8081}
     * @param gatewayUrl       the platform's HTTP base URL, e.g. {@code http://127.0.0.1:8080}
     */
    public record Endpoints(String bootstrapServers, String registryUrl, String gatewayUrl) {

        public Endpoints {
            Objects.requireNonNull(bootstrapServers, "'bootstrapServers' cannot be null");
            Objects.requireNonNull(registryUrl, "'registryUrl' cannot be null");
            Objects.requireNonNull(gatewayUrl, "'gatewayUrl' cannot be null");
            gatewayUrl = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        }
    }

    public SnippetGenerator(TopicCatalog catalog, Endpoints endpoints) {
        this.catalog = Objects.requireNonNull(catalog, "'catalog' cannot be null");
        this.endpoints = Objects.requireNonNull(endpoints, "'endpoints' cannot be null");
    }

    /** Where the snippets connect. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /**
     * The Java package of an institution's snippets, {@code ejemplo.<code>}.
     *
     * @param institution catalog code
     */
    public static String javaPackage(String institution) {
        return "ejemplo." + institution;
    }

    /** The simple name of the Java publisher snippet's class, e.g. {@code PublishBirthRegistered}. */
    public String javaPublisherClass(String topic) {
        return "Publish" + topic(topic).schema().getName();
    }

    /** The simple name of the plain-Java subscriber snippet's class, e.g. {@code SubscribeBirthRegistered}. */
    public String javaSubscriberClass(String topic) {
        return "Subscribe" + topic(topic).schema().getName();
    }

    /** The simple name of the Spring Boot listener snippet's class, e.g. {@code BirthRegisteredListener}. */
    public String springListenerClass(String topic) {
        return topic(topic).schema().getName() + "Listener";
    }

    /**
     * Java with the Enlace SDK ({@code gt.enlace:enlace-publisher}): a class whose {@code main} publishes one event
     * as {@code institution} and prints its receipt, or the bus's error code and path.
     *
     * @throws UnknownTopicException for a topic not in the catalog
     */
    public String javaPublisher(String institution, String topic) {
        TopicDefinition t = topic(topic);
        SpecificRecord sample = SampleEvents.sampleFor(t.name());
        String type = t.schema().getFullName();
        return """
                package %1$s;

                import java.util.Map;
                import java.util.concurrent.ExecutionException;

                import gt.enlace.publisher.EventPublisher;
                import gt.enlace.publisher.PublishException;
                import gt.enlace.publisher.PublishReceipt;

                /** Publishes one %2$s event with the Enlace SDK (Maven: gt.enlace:enlace-publisher). */
                public class %3$s {

                    public static void main(String[] args) throws Exception {
                        %4$s event = %5$s;
                        try (EventPublisher publisher = new EventPublisher(Map.of(
                                "bootstrap.servers", "%6$s",
                                "schema.registry.url", "%7$s",
                                "enlace.institution", "%8$s",
                                "enlace.system", "%8$s-onboarding"))) {
                            PublishReceipt receipt = publisher.publish("%2$s", event).get();
                            System.out.println("published " + receipt.eventId() + " to " + receipt.topic() + "-"
                                    + receipt.partition() + "@" + receipt.offset());
                        } catch (ExecutionException e) {
                            if (e.getCause() instanceof PublishException p) {
                                System.err.println(p.error() + " at " + p.path() + ": " + p.getMessage());
                                System.exit(1);
                            }
                            throw e;
                        }
                    }
                }
                """.formatted(javaPackage(institution), t.name(), javaPublisherClass(topic), type,
                JavaLiterals.expression(sample, t.schema(), "        "), endpoints.bootstrapServers(),
                endpoints.registryUrl(), institution);
    }

    /**
     * Plain Java with the Enlace subscriber ({@code gt.enlace:enlace-subscriber}): a class whose {@code main} reads
     * the topic from the beginning as consumer group {@code <institution>.onboarding} and prints each event until
     * stopped (Ctrl+C).
     */
    public String javaSubscriber(String institution, String topic) {
        TopicDefinition t = topic(topic);
        String type = t.schema().getFullName();
        return """
                package %1$s;

                import gt.enlace.subscriber.EventSubscriber;

                /** Reads %2$s with the Enlace subscriber (Maven: gt.enlace:enlace-subscriber); stop with Ctrl+C. */
                public class %3$s {

                    public static void main(String[] args) throws Exception {
                        try (EventSubscriber<%4$s> subscriber = EventSubscriber.builder(%4$s.class)
                                .bootstrapServers("%5$s")
                                .registryUrl("%6$s")
                                .groupId("%7$s.onboarding")
                                .topics("%2$s")
                                .handler((event, metadata) -> System.out.println(
                                        "received " + metadata.id() + " from " + metadata.institution() + ": " + event))
                                .build()) {
                            subscriber.start();
                            Thread.currentThread().join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                """.formatted(javaPackage(institution), t.name(), javaSubscriberClass(topic), type,
                endpoints.bootstrapServers(), endpoints.registryUrl(), institution);
    }

    /**
     * Spring Boot with {@code @KafkaListener} and the Enlace subscriber's auto-configuration: an application class
     * whose {@code enlace.subscriber.*} settings are inline ({@link #springProperties} gives them as YAML).
     */
    public String springListener(String institution, String topic) {
        TopicDefinition t = topic(topic);
        String type = t.schema().getFullName();
        return """
                package %1$s;

                import gt.enlace.subscriber.EventMetadata;
                import org.springframework.boot.autoconfigure.SpringBootApplication;
                import org.springframework.boot.builder.SpringApplicationBuilder;
                import org.springframework.kafka.annotation.KafkaListener;

                /** Listens to %2$s (Maven: gt.enlace:enlace-subscriber, spring-boot-starter, spring-kafka). */
                @SpringBootApplication
                public class %3$s {

                    public static void main(String[] args) {
                        new SpringApplicationBuilder(%3$s.class).properties(
                                "enlace.subscriber.bootstrap-servers=%4$s",
                                "enlace.subscriber.registry-url=%5$s",
                                "enlace.subscriber.institution=%6$s",
                                "enlace.subscriber.group-id=%6$s.listener").run(args);
                    }

                    @KafkaListener(topics = "%2$s")
                    void on(%7$s event, EventMetadata metadata) {
                        System.out.println("received " + metadata.id() + " from " + metadata.institution() + ": " + event);
                    }
                }
                """.formatted(javaPackage(institution), t.name(), springListenerClass(topic),
                endpoints.bootstrapServers(), endpoints.registryUrl(), institution, type);
    }

    /** The Spring Boot listener's settings as {@code application.yaml}. */
    public String springProperties(String institution) {
        return """
                enlace:
                  subscriber:
                    bootstrap-servers: %s
                    registry-url: %s
                    institution: %s
                    group-id: %s.listener
                """.formatted(endpoints.bootstrapServers(), endpoints.registryUrl(), institution, institution);
    }

    /** Python with {@code confluent-kafka}: produce one event with {@code AvroSerializer} and the topic's latest schema. */
    public String pythonProducer(String institution, String topic) {
        TopicDefinition t = topic(topic);
        String event = ScriptLiterals.literal(Language.PYTHON, SampleEvents.sampleFor(t.name()), t.schema(), "");
        return """
                # pip install "confluent-kafka[avro,schemaregistry]"
                import datetime
                import decimal
                import uuid

                from confluent_kafka import Producer
                from confluent_kafka.schema_registry import SchemaRegistryClient
                from confluent_kafka.schema_registry.avro import AvroSerializer
                from confluent_kafka.serialization import MessageField, SerializationContext

                TOPIC = "%1$s"
                SUBJECT = "%2$s"

                registry = SchemaRegistryClient({"url": "%3$s"})
                schema = registry.get_latest_version(SUBJECT).schema
                serializer = AvroSerializer(registry, schema.schema_str,
                                            conf={"auto.register.schemas": False, "use.latest.version": True})
                producer = Producer({"bootstrap.servers": "%4$s", "acks": "all", "enable.idempotence": True})

                event = %5$s

                now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
                headers = [  # CloudEvents headers the bus expects (see docs/DESIGN.md)
                    ("ce_specversion", b"1.0"),
                    ("ce_id", str(uuid.uuid4()).encode()),
                    ("ce_source", b"/gt/%6$s/%6$s-onboarding"),
                    ("ce_type", b"%7$s"),
                    ("ce_time", now.encode()),
                    ("ce_channel", b"sdk"),
                    ("ce_classification", b"%8$s"),
                    ("ce_legalbasis", %9$s.encode()),
                    ("content-type", b"application/avro"),
                ]
                producer.produce(TOPIC, value=serializer(event, SerializationContext(TOPIC, MessageField.VALUE)),
                                 headers=headers)
                producer.flush()
                print("published to", TOPIC)
                """.formatted(t.name(), t.subject(), endpoints.registryUrl(), endpoints.bootstrapServers(), event,
                institution, t.topicName().eventType(), t.classification().code(), JavaLiterals.quote(t.legalBasis()));
    }

    /** Python with {@code confluent-kafka}: consume the topic with {@code AvroDeserializer}. */
    public String pythonConsumer(String institution, String topic) {
        TopicDefinition t = topic(topic);
        return """
                # pip install "confluent-kafka[avro,schemaregistry]"
                from confluent_kafka import Consumer
                from confluent_kafka.schema_registry import SchemaRegistryClient
                from confluent_kafka.schema_registry.avro import AvroDeserializer
                from confluent_kafka.serialization import MessageField, SerializationContext

                TOPIC = "%1$s"

                registry = SchemaRegistryClient({"url": "%2$s"})
                deserializer = AvroDeserializer(registry)
                consumer = Consumer({"bootstrap.servers": "%3$s", "group.id": "%4$s.onboarding",
                                     "auto.offset.reset": "earliest", "enable.auto.commit": False})
                consumer.subscribe([TOPIC])
                try:
                    while True:
                        msg = consumer.poll(1.0)
                        if msg is None:
                            continue
                        if msg.error():
                            print("error:", msg.error())
                            continue
                        event = deserializer(msg.value(), SerializationContext(TOPIC, MessageField.VALUE))
                        headers = dict(msg.headers() or [])
                        print("received", headers.get("ce_id", b"").decode(), event)
                        consumer.commit(msg)
                finally:
                    consumer.close()
                """.formatted(t.name(), endpoints.registryUrl(), endpoints.bootstrapServers(), institution);
    }

    /** JavaScript with {@code @confluentinc/kafka-javascript} and {@code @confluentinc/schemaregistry}: produce one event. */
    public String javascriptProducer(String institution, String topic) {
        TopicDefinition t = topic(topic);
        String event = ScriptLiterals.literal(Language.JAVASCRIPT, SampleEvents.sampleFor(t.name()), t.schema(), "");
        return """
                // npm install @confluentinc/kafka-javascript @confluentinc/schemaregistry
                const { KafkaJS } = require("@confluentinc/kafka-javascript");
                const { SchemaRegistryClient, AvroSerializer, SerdeType } = require("@confluentinc/schemaregistry");
                const { randomUUID } = require("crypto");

                const topic = "%1$s";
                const registry = new SchemaRegistryClient({ baseURLs: ["%2$s"] });
                const serializer = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true });

                // Dates are days since 1970-01-01, timestamps epoch milliseconds (Avro's underlying values).
                const event = %3$s;

                async function main() {
                  const producer = new KafkaJS.Kafka().producer({ "bootstrap.servers": "%4$s", acks: -1 });
                  await producer.connect();
                  const value = await serializer.serialize(topic, event);
                  await producer.send({ topic, messages: [{ value, headers: {
                    ce_specversion: "1.0", ce_id: randomUUID(), ce_source: "/gt/%5$s/%5$s-onboarding",
                    ce_type: "%6$s", ce_time: new Date().toISOString(), ce_channel: "sdk",
                    ce_classification: "%7$s", ce_legalbasis: %8$s,
                    "content-type": "application/avro" } }] });
                  await producer.disconnect();
                  console.log("published to", topic);
                }

                main().catch((e) => { console.error(e); process.exit(1); });
                """.formatted(t.name(), endpoints.registryUrl(), event, endpoints.bootstrapServers(), institution,
                t.topicName().eventType(), t.classification().code(), JavaLiterals.quote(t.legalBasis()));
    }

    /** JavaScript with {@code @confluentinc/kafka-javascript} and {@code @confluentinc/schemaregistry}: consume the topic. */
    public String javascriptConsumer(String institution, String topic) {
        TopicDefinition t = topic(topic);
        return """
                // npm install @confluentinc/kafka-javascript @confluentinc/schemaregistry
                const { KafkaJS } = require("@confluentinc/kafka-javascript");
                const { SchemaRegistryClient, AvroDeserializer, SerdeType } = require("@confluentinc/schemaregistry");

                const topic = "%1$s";
                const registry = new SchemaRegistryClient({ baseURLs: ["%2$s"] });
                const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {});

                async function main() {
                  const consumer = new KafkaJS.Kafka().consumer({ "bootstrap.servers": "%3$s",
                    "group.id": "%4$s.onboarding", "auto.offset.reset": "earliest" });
                  await consumer.connect();
                  await consumer.subscribe({ topics: [topic] });
                  await consumer.run({ eachMessage: async ({ message }) => {
                    const event = await deserializer.deserialize(topic, message.value);
                    console.log("received", String(message.headers.ce_id), event);
                  } });
                }

                main().catch((e) => { console.error(e); process.exit(1); });
                """.formatted(t.name(), endpoints.registryUrl(), endpoints.bootstrapServers(), institution);
    }

    /** {@code curl} to the HTTP gateway: {@code POST /api/v1/topics/{topic}/events} with {@link #exampleJson}. */
    public String curl(String topic) {
        TopicDefinition t = topic(topic);
        String body = "[" + exampleJson(t.name()) + "]";
        return "curl -s -X POST " + eventsUrl(t.name()) + " \\\n"
                + "  -H 'Content-Type: application/json' \\\n"
                + "  -H 'Idempotency-Key: onboarding-" + t.name() + "-0001' \\\n"
                + "  --data-binary @- <<'JSON'\n" + body + "\nJSON\n";
    }

    /** The gateway URL of a topic's events. */
    public String eventsUrl(String topic) {
        return endpoints.gatewayUrl() + "/api/v1/topics/" + topic(topic).name() + "/events";
    }

    /** The topic's first sample as the plain JSON the gateway takes. */
    public String exampleJson(String topic) {
        TopicDefinition t = topic(topic);
        try {
            return JSON.writeValueAsString(PlainJson.toJson(SampleEvents.sampleFor(t.name())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sample of " + t.name() + " as JSON", e);
        }
    }

    /** The CSV template of a topic: header and one example row, as {@code enlace template} writes it. */
    public String csvTemplate(String topic) {
        TopicDefinition t = topic(topic);
        StringWriter out = new StringWriter();
        try {
            CsvTemplate.write(t.schema(), SampleEvents.sampleFor(t.name()), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private TopicDefinition topic(String name) {
        TopicDefinition t = catalog.topic(name).orElseThrow(() -> new UnknownTopicException(name));
        if (!SampleEvents.topics().contains(t.name())) {
            throw new UnknownTopicException(name);
        }
        return t;
    }
}
