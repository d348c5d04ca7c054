package gt.enlace.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class ReplayIT {

    @Test
    void fromTimestampStartsEachPartitionAtItsFirstRecordAtOrAfterTheInstant(EmbeddedBroker broker) throws Exception {
        try (TestBus bus = new TestBus(broker.bootstrapServers())) {
            String topic = bus.createTopic("replay", 2);
            Instant base = Instant.parse("2025-03-01T06:00:00Z");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    // explicit timestamps: one hour apart, alternating partitions
                    producer.send(new ProducerRecord<>(topic, i % 2, base.plusSeconds(3600L * i).toEpochMilli(), "k" + i, "v" + i)).get();
                }
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
                Map<TopicPartition, Long> start = Replay.fromTimestamp(consumer, List.of(topic), base.plusSeconds(3600L * 5));
                // record 5 is partition 1 offset 2; partition 0's first at/after is record 6, its offset 3
                assertThat(start).containsEntry(new TopicPartition(topic, 0), 3L).containsEntry(new TopicPartition(topic, 1), 2L);
                assertThat(consumer.position(new TopicPartition(topic, 0), Duration.ofSeconds(10))).isEqualTo(3L);

                Map<TopicPartition, Long> after = Replay.fromTimestamp(consumer, List.of(topic), base.plusSeconds(3600L * 100));
                assertThat(after).containsEntry(new TopicPartition(topic, 0), 5L).containsEntry(new TopicPartition(topic, 1), 5L);

                assertThat(Replay.fromBeginning(consumer, List.of(topic))).containsEntry(new TopicPartition(topic, 1), 0L);
                assertThat(Replay.fromOffset(consumer, new TopicPartition(topic, 1), 4)).containsEntry(new TopicPartition(topic, 1), 4L);
                assertThat(consumer.assignment()).containsExactly(new TopicPartition(topic, 1));
                assertThatThrownBy(() -> Replay.fromTimestamp(consumer, List.of(topic + "-missing"), base))
                    .isInstanceOf(UnknownTopicOrPartitionException.class).hasMessageContaining("does not exist");
            }
        }
    }
}
