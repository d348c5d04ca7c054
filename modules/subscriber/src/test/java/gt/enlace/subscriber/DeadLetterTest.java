package gt.enlace.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.bus.headers.HeaderError;
import gt.enlace.bus.headers.InvalidHeadersException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static ConsumerRecord<byte[], byte[]> original() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("gt.renap.birth-registered.v1", 2, 41L, "k".getBytes(), new byte[] {0, 1});
        record.headers().add("ce_id", "abc".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterOf(ConsumerRecord<byte[], byte[]> original, Exception failure) {
        ConsumerRecord<byte[], byte[]> dlt = new ConsumerRecord<>(original.topic() + ".dlt", 2, 7L, original.key(), original.value());
        original.headers().forEach(dlt.headers()::add);
        DeadLetterHeaders.springCompatible(original, failure, "g").forEach(dlt.headers()::add);
        DeadLetterHeaders.describe(original, failure, "g").forEach(dlt.headers()::add);
        return dlt;
    }

    @Test
    void readsWhatTheSubscriberWroteAndReplaysTheOriginal() {
        RuntimeException failure = new RuntimeException("listener failed", new IllegalStateException("database down"));
        DeadLetter letter = DeadLetter.from(deadLetterOf(original(), failure));
        assertThat(letter.originalTopic()).isEqualTo("gt.renap.birth-registered.v1");
        assertThat(letter.originalPartition()).isEqualTo(2);
        assertThat(letter.originalOffset()).isEqualTo(41);
        assertThat(letter.stage()).contains(DeadLetterStage.HANDLE);
        assertThat(letter.reason()).isEqualTo("IllegalStateException: database down");
        assertThat(letter.group()).isEqualTo("g");
        assertThat(letter.eventId()).contains("abc");
        assertThat(letter.originalHeaders()).extracting(h -> h.key()).containsExactly("ce_id");

        ProducerRecord<byte[], byte[]> replay = letter.toReplayRecord();
        assertThat(replay.topic()).isEqualTo("gt.renap.birth-registered.v1");
        assertThat(replay.partition()).isEqualTo(2);
        assertThat(replay.value()).containsExactly(0, 1);
        assertThat(replay.headers().toArray()).extracting(h -> h.key()).containsExactly("ce_id");
    }

    @Test
    void readsSpringKafkasBinaryHeadersWhenEnlacesAreAbsent() {
        ConsumerRecord<byte[], byte[]> dlt = new ConsumerRecord<>("gt.sat.taxpayer-registered.v1.dlt", 0, 0L, null, new byte[] {5});
        dlt.headers().add(DeadLetterHeaders.SPRING_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(3).array());
        dlt.headers().add(DeadLetterHeaders.SPRING_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(99L).array());
        dlt.headers().add(DeadLetterHeaders.SPRING_EXCEPTION_MESSAGE, "boom".getBytes());
        DeadLetter letter = DeadLetter.from(dlt);
        assertThat(letter.originalTopic()).isEqualTo("gt.sat.taxpayer-registered.v1");
        assertThat(letter.originalPartition()).isEqualTo(3);
        assertThat(letter.originalOffset()).isEqualTo(99);
        assertThat(letter.stage()).isEmpty();
        assertThat(letter.reason()).isEqualTo("boom");
    }

    @Test
    void deserialisationConversionAndHeaderFailuresAreTheDeserializeStage() {
        assertThat(DeadLetterStage.of(new SerializationException("bad bytes"))).isEqualTo(DeadLetterStage.DESERIALIZE);
        assertThat(DeadLetterStage.of(new RuntimeException(new ClassCastException("x")))).isEqualTo(DeadLetterStage.DESERIALIZE);
        assertThat(DeadLetterStage.of(new InvalidHeadersException(HeaderError.MISSING, "ce_id", "absent")))
            .isEqualTo(DeadLetterStage.DESERIALIZE);
        assertThat(DeadLetterStage.of(new IllegalStateException("handler"))).isEqualTo(DeadLetterStage.HANDLE);
        assertThat(DeadLetterStage.fromCode("Deserialize")).contains(DeadLetterStage.DESERIALIZE);
    }

    @Test
    void aLongReasonIsTruncated() {
        String reason = DeadLetterHeaders.reason(new IllegalStateException("x".repeat(5000)));
        assertThat(reason).hasSize(DeadLetterHeaders.MAX_REASON_CHARS).endsWith("…");
    }
}
