package gt.enlace.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class IdempotencyGuardIT {

    private static Map<String, Object> client(EmbeddedBroker broker) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

    @Test
    void handledIdsHoldAcrossARestart(EmbeddedBroker broker) {
        String topic = "_enlace.test.guard-" + TestBus.unique("restart");
        try (IdempotencyGuard guard = IdempotencyGuard.open(client(broker), topic, "g1")) {
            guard.markHandled("event-1");
            guard.flush();
            assertThat(guard.isHandled("event-1")).isTrue();
            assertThat(guard.retention()).isEqualTo(IdempotencyGuard.DEFAULT_RETENTION);
        }
        try (IdempotencyGuard again = IdempotencyGuard.open(client(broker), topic, "g1");
             IdempotencyGuard otherGroup = IdempotencyGuard.open(client(broker), topic, "g2")) {
            assertThat(again.isHandled("event-1")).isTrue();
            assertThat(again.isHandled("event-2")).isFalse();
            assertThat(otherGroup.isHandled("event-1")).as("another group's ids").isFalse();
        }
    }

    @Test
    void idsOlderThanTheRetentionAreForgottenInMemoryAndNotLoadedAgain(EmbeddedBroker broker) throws Exception {
        String topic = "_enlace.test.guard-" + TestBus.unique("expiry");
        try (IdempotencyGuard guard = IdempotencyGuard.open(client(broker), topic, "g", Duration.ofSeconds(2))) {
            for (int i = 0; i < 20; i++) {
                guard.markHandled("old-" + i);
            }
            guard.flush();
            assertThat(guard.isHandled("old-0")).isTrue();
            assertThat(guard.size()).isEqualTo(20);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                guard.markHandled("fresh");
                assertThat(guard.isHandled("old-0")).as("an id past the retention").isFalse();
                assertThat(guard.size()).as("ids held in memory").isEqualTo(1);
            });
            // Handled again after it expired: remembered anew.
            guard.markHandled("old-0");
            assertThat(guard.isHandled("old-0")).isTrue();
            guard.flush();
        }
        // A mark handled 30 days ago (written as an older guard would) is not loaded under a 7-day retention.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, IdempotencyGuard.key("g", "month-old"),
                Instant.now().minus(Duration.ofDays(30)).toString())).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, IdempotencyGuard.key("g", "yesterday"),
                Instant.now().minus(Duration.ofDays(1)).toString())).get(30, TimeUnit.SECONDS);
        }
        try (IdempotencyGuard reopened = IdempotencyGuard.open(client(broker), topic, "g", Duration.ofDays(7))) {
            assertThat(reopened.isHandled("month-old")).isFalse();
            assertThat(reopened.isHandled("yesterday")).isTrue();
            assertThat(reopened.isHandled("old-0")).isTrue();
        }
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefused(EmbeddedBroker broker) {
        assertThatThrownBy(() -> IdempotencyGuard.open(client(broker), "_enlace.test.guard-x", "g", Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention must be positive");
        assertThatThrownBy(() -> EventSubscriber.builder(Object.class).idempotencyGuardRetention(Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention must be positive");
    }
}
