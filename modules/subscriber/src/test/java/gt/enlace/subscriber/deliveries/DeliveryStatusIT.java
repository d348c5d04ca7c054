package gt.enlace.subscriber.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.subscriber.TestBus;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class DeliveryStatusIT {

    @Test
    void listsEachGroupWithCommittedOffsetsLagAndLastDeliveryTime(EmbeddedBroker broker) throws Exception {
        String topic;
        try (TestBus bus = new TestBus(broker.bootstrapServers())) {
            topic = bus.createTopic("deliveries", 2);
        }
        Instant t0 = Instant.parse("2026-01-05T15:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, t0.plusSeconds(i).toEpochMilli(), "k", "v" + i)).get();
            }
        }
        String caughtUp = TestBus.unique("caught-up");
        String behind = TestBus.unique("behind");
        commit(broker, caughtUp, Map.of(new TopicPartition(topic, 0), 2L, new TopicPartition(topic, 1), 2L));
        commit(broker, behind, Map.of(new TopicPartition(topic, 0), 1L));

        try (DeliveryStatus status = DeliveryStatus.forCluster(broker.bootstrapServers())) {
            TopicDeliveries deliveries = status.deliveries(topic);
            assertThat(deliveries.endOffset()).isEqualTo(4);
            assertThat(deliveries.summary()).isEqualTo("1 of 2 subscribers delivered");
            GroupDelivery up = deliveries.groups().stream().filter(g -> g.group().equals(caughtUp)).findFirst().orElseThrow();
            assertThat(up.caughtUp()).isTrue();
            assertThat(up.lag()).isZero();
            assertThat(up.lastDeliveredAt()).isEqualTo(t0.plusSeconds(3));
            assertThat(up.state()).isEqualTo("EMPTY");
            GroupDelivery late = deliveries.groups().stream().filter(g -> g.group().equals(behind)).findFirst().orElseThrow();
            assertThat(late.lag()).isEqualTo(3);
            assertThat(late.partitions()).singleElement().satisfies(p -> {
                assertThat(p.committedOffset()).isEqualTo(1);
                assertThat(p.endOffset()).isEqualTo(2);
                assertThat(p.lastDeliveredAt()).isEqualTo(t0);
            });
            assertThatThrownBy(() -> status.deliveries(topic + "-missing")).isInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void aNameNoTopicCanHaveIsAnUnknownTopicNotAClusterFailure(EmbeddedBroker broker) {
        try (DeliveryStatus status = DeliveryStatus.forCluster(broker.bootstrapServers())) {
            for (String name : new String[] {"'; DROP TABLE events;--", "<script>", "../../etc/passwd", " "}) {
                assertThatThrownBy(() -> status.deliveries(name)).as(name).isInstanceOf(UnknownTopicOrPartitionException.class)
                    .hasMessageContaining("not a valid topic name");
            }
        }
    }

    private static void commit(EmbeddedBroker broker, String group, Map<TopicPartition, Long> offsets) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group), new StringDeserializer(), new StringDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> commit = new java.util.HashMap<>();
            offsets.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
            consumer.commitSync(commit);
        }
    }
}
