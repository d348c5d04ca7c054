package gt.enlace.subscriber;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.catalog.Classification;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.serde.RecordNameStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test helper: unique topics, Enlace events as bytes (mock registry), raw records, reading a topic back. */
public final class TestBus implements AutoCloseable {

    public final String bootstrapServers;
    public final String registryUrl;
    private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    private final KafkaProducer<byte[], byte[]> producer;

    public TestBus(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = "mock://" + unique("scope");
        Map<String, Object> serde = new HashMap<>();
        serde.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        // Record-name subjects, so that one topic can hold another topic's type (a poison pill).
        serde.put(KafkaAvroSerDeConfig.VALUE_SUBJECT_NAME_STRATEGY, RecordNameStrategy.class.getName());
        serializer.configure(serde, false);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A unique lower-case name part. */
    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    /** A unique valid event topic, created with its dead-letter topic. */
    public String createTopic(String name, int partitions) throws Exception {
        String topic = "gt.test." + unique(name) + ".v1";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()),
                new NewTopic(topic + ".dlt", Optional.of(partitions), Optional.empty()))).all().get();
        }
        return topic;
    }

    public static EventHeaders headers() {
        return EventHeaders.builder()
            .id(UUID.randomUUID().toString())
            .source("renap", "sirenap")
            .type("gt.renap.birth-registered")
            .legalBasis("Decreto 90-2005, Ley del RENAP")
            .classification(Classification.CONFIDENCIAL)
            .channel(Channel.SDK)
            .build();
    }

    public byte[] serialize(String topic, SpecificRecord value) {
        return serializer.serialize(topic, value);
    }

    /** Publishes an Avro event with valid headers; returns the record's metadata. */
    public RecordMetadata publish(String topic, int partition, String key, SpecificRecord value, EventHeaders headers) throws Exception {
        return publishRaw(topic, partition, key, serialize(topic, value), headers);
    }

    /** Publishes bytes as they are, with the given headers (null for none). */
    public RecordMetadata publishRaw(String topic, int partition, String key, byte[] value, EventHeaders headers) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key == null ? null : key.getBytes(), value);
        if (headers != null) {
            headers.writeTo(record.headers());
        }
        return producer.send(record).get();
    }

    /**
     * Publishes {@code count} events without waiting for each acknowledgement, partition {@code i % partitions},
     * then waits for all of them.
     *
     * @return the events' ids, in the order sent
     */
    public List<String> publishMany(String topic, int partitions, int count, java.util.function.IntFunction<SpecificRecord> value)
        throws Exception {
        List<String> ids = new ArrayList<>();
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventHeaders headers = headers();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, i % partitions, ("k" + i).getBytes(),
                serialize(topic, value.apply(i)));
            headers.writeTo(record.headers());
            // The first record of each partition is acknowledged before the rest are sent: a burst to a topic
            // created a moment ago can stall on KAFKA-15591 (see docs/benchmarks.md, "The publishing stall").
            java.util.concurrent.Future<RecordMetadata> future = producer.send(record);
            if (i < partitions) {
                future.get();
            }
            sent.add(future);
            ids.add(headers.id());
        }
        for (java.util.concurrent.Future<RecordMetadata> f : sent) {
            f.get();
        }
        return ids;
    }

    /** Reads a topic from the beginning until {@code count} records arrived or 30 s passed. */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Replay.fromBeginning(consumer, List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() {
        producer.close();
        serializer.close();
    }
}
