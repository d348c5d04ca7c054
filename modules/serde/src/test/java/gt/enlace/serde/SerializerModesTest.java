package gt.enlace.serde;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import gt.enlace.serde.client.MockSchemaRegistryClient;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.internal.WireFormat;
import gt.enlace.serde.test.CitizenRegistered;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the written id comes from, subject strategies, primitives and the mock:// registry. */
class SerializerModesTest {

    private static final String TOPIC = "gt.test.modes.v1";
    private static final String SUBJECT = TOPIC + "-value";

    private final MockSchemaRegistryClient registry = new MockSchemaRegistryClient();

    @Test
    void lookupModeFailsNamingTheSubjectWhenTheSchemaIsNotRegistered() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of(KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, WireFormatTest.knownCitizen()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("not registered under subject '" + SUBJECT + "'")
            .hasMessageContaining("auto.register.schemas=false");
        assertThat(registry.getAllSubjects()).isEmpty();
    }

    @Test
    void lookupModeWritesTheIdAlreadyRegistered() {
        registry.register("other-subject", SchemaBuilder.record("X").fields().requiredInt("a").endRecord());
        int id = registry.register(SUBJECT, CitizenRegistered.getClassSchema());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of(KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false));

        byte[] bytes = serializer.serialize(TOPIC, WireFormatTest.knownCitizen());

        assertThat(WireFormat.readInt(bytes, 1)).isEqualTo(id).isEqualTo(2);
    }

    @Test
    void useLatestVersionWritesTheLatestIdWhenItCanReadTheRecord() {
        registry.register(SUBJECT, SchemaEvolutionTest.version1());
        int latest = registry.register(SUBJECT, CitizenRegistered.getClassSchema());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of(
            KafkaAvroSerDeConfig.USE_LATEST_VERSION, true, KafkaAvroSerDeConfig.AUTO_REGISTER_SCHEMAS, false));

        byte[] bytes = serializer.serialize(TOPIC, WireFormatTest.knownCitizen());

        assertThat(WireFormat.readInt(bytes, 1)).isEqualTo(latest);
    }

    @Test
    void useLatestVersionRefusesARecordTheLatestCannotRead() {
        registry.register(SUBJECT, SchemaBuilder.record("CitizenRegistered").namespace("gt.enlace.serde.test").fields()
            .requiredString("cui").requiredString("somethingElse").endRecord());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of(KafkaAvroSerDeConfig.USE_LATEST_VERSION, true));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, WireFormatTest.knownCitizen()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("latest.compatibility.strict");
    }

    @Test
    void useSchemaIdWritesThatFixedId() {
        registry.register("x", SchemaBuilder.record("Y").fields().requiredInt("a").endRecord());
        int id = registry.register(SUBJECT, CitizenRegistered.getClassSchema());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of(KafkaAvroSerDeConfig.USE_SCHEMA_ID, id));

        assertThat(WireFormat.readInt(serializer.serialize(TOPIC, WireFormatTest.knownCitizen()), 1)).isEqualTo(id);
        assertThatThrownBy(() -> new KafkaAvroSerializer(registry, Map.of(KafkaAvroSerDeConfig.USE_SCHEMA_ID, 1))
            .serialize(TOPIC, WireFormatTest.knownCitizen()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("id.compatibility.strict");
    }

    @Test
    void confluentsRecordNameStrategyClassNameSelectsEnlacesRecordNameStrategy() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of(
            KafkaAvroSerDeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy"));

        serializer.serialize(TOPIC, WireFormatTest.knownCitizen());

        assertThat(registry.getAllSubjects()).containsExactly("gt.enlace.serde.test.CitizenRegistered");
    }

    @Test
    void topicRecordNameStrategyPrefixesTheTopic() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of(
            KafkaAvroSerDeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class.getName()));

        serializer.serialize(TOPIC, WireFormatTest.knownCitizen());

        assertThat(registry.getAllSubjects()).containsExactly(TOPIC + "-gt.enlace.serde.test.CitizenRegistered");
    }

    @Test
    void primitivesRoundTripAsJavaTypes() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of());
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(registry, Map.of());
        for (Object value : new Object[] {"hola ñ", 42, 7_000_000_000L, true, 2.5d, 1.5f, new byte[] {1, 2, 3}}) {
            String topic = TOPIC + "." + value.getClass().getSimpleName(); // one subject per type, as BACKWARD demands
            Object back = deserializer.deserialize(topic, serializer.serialize(topic, value));
            assertThat(back).as("%s", value.getClass()).isEqualTo(value);
        }
    }

    @Test
    void aResolvedSchemaIsRegisteredOnceNotPerRecord() {
        AtomicInteger registrations = new AtomicInteger();
        MockSchemaRegistryClient counting = new MockSchemaRegistryClient() {
            @Override
            public synchronized SchemaMetadata register(String subject, Schema schema, boolean normalize) {
                registrations.incrementAndGet();
                return super.register(subject, schema, normalize);
            }
        };
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(counting, Map.of());
        for (int i = 0; i < 100; i++) {
            serializer.serialize(TOPIC, new RecordHeaders(), WireFormatTest.knownCitizen());
            serializer.serialize(TOPIC + ".other", new RecordHeaders(), "text " + i);
        }

        assertThat(registrations).hasValue(2);
    }

    @Test
    void serdesConfiguredWithTheSameMockUrlShareOneInMemoryRegistry() {
        String scope = "modes-" + UUID.randomUUID();
        Map<String, Object> props = new HashMap<>();
        props.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + scope);
        props.put(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, "true");
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer();
             KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            serializer.configure(props, false);
            deserializer.configure(props, false);

            byte[] bytes = serializer.serialize(TOPIC, WireFormatTest.knownCitizen());

            assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(WireFormatTest.knownCitizen());
            assertThat(MockSchemaRegistryClient.forScope(scope).getAllSubjects()).containsExactly(SUBJECT);
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }
    }
}
