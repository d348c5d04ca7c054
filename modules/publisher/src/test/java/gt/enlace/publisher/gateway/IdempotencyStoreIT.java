package gt.enlace.publisher.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class IdempotencyStoreIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static String freshTopic() {
        return "_enlace.test.idempotency-" + UUID.randomUUID();
    }

    @Test
    void aStoredAnswerIsFoundAgainByASecondStoreOnTheSameTopic(EmbeddedBroker broker) {
        String topic = freshTopic();
        IdempotencyStore.Answer answer = new IdempotencyStore.Answer("hash-1", 200, "{\"events\":[]}");
        try (IdempotencyStore first = new IdempotencyStore(broker.bootstrapServers(), topic, Duration.ofDays(7), TIMEOUT)) {
            await().atMost(TIMEOUT).until(first::isReady);
            first.save("gt.renap.birth-registered.v1\nkey-1", answer);
            assertThat(first.find("gt.renap.birth-registered.v1\nkey-1")).contains(answer);
        }
        try (IdempotencyStore second = new IdempotencyStore(broker.bootstrapServers(), topic, Duration.ofDays(7), TIMEOUT)) {
            assertThat(second.find("gt.renap.birth-registered.v1\nkey-1")).contains(answer);
            assertThat(second.find("gt.renap.birth-registered.v1\nkey-2")).isEmpty();
        }
    }

    @Test
    void answersOlderThanTheRetentionAreForgottenAndLeaveMemory(EmbeddedBroker broker) {
        String topic = freshTopic();
        try (IdempotencyStore store = new IdempotencyStore(broker.bootstrapServers(), topic, Duration.ofSeconds(2), TIMEOUT)) {
            await().atMost(TIMEOUT).until(store::isReady);
            for (int i = 0; i < 50; i++) {
                store.save("t\nold-" + i, new IdempotencyStore.Answer("h" + i, 200, "{}"));
            }
            assertThat(store.find("t\nold-0")).isPresent();
            assertThat(store.size()).isEqualTo(50);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                store.save("t\nnew", new IdempotencyStore.Answer("h", 200, "{}"));
                assertThat(store.findKnown("t\nold-0")).as("an answer past the retention").isEmpty();
                assertThat(store.size()).as("answers held in memory").isEqualTo(1);
            });
            assertThat(store.find("t\nnew")).isPresent();
        }
    }

    @Test
    void anAnswerWrittenBeforeAnswersCarriedTheirTimeIsKeptForAWholeRetention(EmbeddedBroker broker) throws Exception {
        String topic = freshTopic();
        try (IdempotencyStore store = new IdempotencyStore(broker.bootstrapServers(), topic, Duration.ofDays(7), TIMEOUT)) {
            await().atMost(TIMEOUT).until(store::isReady);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "t\nlegacy", "{\"requestHash\":\"h\",\"status\":422,\"body\":\"{}\"}"))
                .get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "t\ngarbage", "not json")).get(30, TimeUnit.SECONDS);
        }
        try (IdempotencyStore store = new IdempotencyStore(broker.bootstrapServers(), topic, Duration.ofDays(7), TIMEOUT)) {
            assertThat(store.find("t\nlegacy")).contains(new IdempotencyStore.Answer("h", 422, "{}"));
            assertThat(store.find("t\ngarbage")).isEmpty();
        }
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefused(EmbeddedBroker broker) {
        assertThatThrownBy(() -> new IdempotencyStore(broker.bootstrapServers(), freshTopic(), Duration.ZERO, TIMEOUT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("retention must be positive");
    }
}
