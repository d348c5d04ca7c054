package gt.enlace.serde;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.serde.client.MockSchemaRegistryClient;
import gt.enlace.serde.test.CitizenRegistered;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real producer and consumer on the embedded broker, configured by class name like Confluent's serde. */
@ExtendWith(EmbeddedKafkaExtension.class)
class KafkaAvroRoundTripIT {

    @Test
    void specificRecordsRoundTripThroughARealBrokerWithAMockRegistry(EmbeddedBroker broker) throws Exception {
        String topic = "gt.test.citizen-registered-" + UUID.randomUUID() + ".v1";
        String scope = "it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<CitizenRegistered> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(CitizenRegistered.newBuilder().setCui(String.format("15803522%05d", i)).setFullName("Persona " + i)
                .setBirthDate(LocalDate.of(2025, 1, 1).plusDays(i)).setMunicipalityCode("0101").build());
        }

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class.getName());
        producerProps.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + scope);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps)) {
            for (CitizenRegistered citizen : sent) {
                producer.send(new ProducerRecord<>(topic, citizen.getCui(), citizen)).get();
            }
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class.getName());
        consumerProps.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + scope);
        consumerProps.put(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, "true");
        List<Object> received = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                return received.size() >= sent.size();
            });
        } finally {
            MockSchemaRegistryClient.dropScope(scope);
        }

        assertThat(received).containsExactlyElementsOf(sent);
        assertThat(received).allSatisfy(v -> assertThat(v).isInstanceOf(CitizenRegistered.class));
    }
}
