package gt.enlace.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.bus.headers.InvalidHeadersException;
import gt.enlace.renap.BirthRegistered;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventSubscriberTest {

    @Test
    void theBuilderNamesEveryMissingSetting() {
        assertThatThrownBy(() -> EventSubscriber.builder(BirthRegistered.class).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("EventSubscriber needs bootstrapServers, groupId, topics, handler");
    }

    @Test
    void aNegativeCommitIntervalIsRefusedByName() {
        assertThatThrownBy(() -> EventSubscriber.builder(BirthRegistered.class).commitInterval(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'commitInterval' cannot be negative");
    }

    @Test
    void aBuiltSubscriberKnowsItsGroup() {
        EventSubscriber<BirthRegistered> subscriber = EventSubscriber.builder(BirthRegistered.class)
            .bootstrapServers("127.0.0.1:1").groupId("muni-mixco.births").topics("gt.renap.birth-registered.v1")
            .handler((birth, metadata) -> { }).build();
        assertThat(subscriber.groupId()).isEqualTo("muni-mixco.births");
        subscriber.close(); // never started: returns at once
    }

    @Test
    void metadataComesFromTheEventHeadersAndTheRecordsCoordinates() {
        ConsumerRecord<String, Object> record = new ConsumerRecord<>("gt.renap.birth-registered.v1", 1, 5L, "k", null);
        String id = UUID.randomUUID().toString();
        TestBus.headers().toBuilder().id(id).subject("RN-1").build().writeTo(record.headers());
        EventMetadata metadata = EventMetadata.from(record);
        assertThat(metadata.id()).isEqualTo(id);
        assertThat(metadata.institution()).isEqualTo("renap");
        assertThat(metadata.subject()).contains("RN-1");
        assertThat(metadata.partition()).isEqualTo(1);
        assertThat(metadata.offset()).isEqualTo(5);
        assertThat(metadata.timestamp()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void metadataOfARecordWithoutEventHeadersIsAnInvalidHeadersException() {
        ConsumerRecord<String, Object> record = new ConsumerRecord<>("gt.renap.birth-registered.v1", 0, 0L, "k", null);
        assertThatThrownBy(() -> EventMetadata.from(record)).isInstanceOf(InvalidHeadersException.class)
            .hasMessageContaining("ce_specversion");
    }
}
