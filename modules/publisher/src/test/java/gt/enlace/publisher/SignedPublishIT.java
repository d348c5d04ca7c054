package gt.enlace.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.signing.EventVerifier;
import gt.enlace.bus.signing.InstitutionKeyStore;
import gt.enlace.bus.signing.SignatureError;
import gt.enlace.bus.signing.Verification;
import gt.enlace.schemas.samples.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafkaExtension.class)
class SignedPublishIT {

    private static final String TAXPAYERS = "gt.sat.taxpayer-registered.v1";

    @TempDir
    Path dir;

    @BeforeEach
    void prepare(EmbeddedBroker broker) throws Exception {
        BusFixture.prepare(broker);
    }

    @Test
    void aPublisherWithASigningKeyWritesEventsThatVerifyAgainstTheInstitutionsPublishedKey(EmbeddedBroker broker) {
        InstitutionKeyStore keys = new InstitutionKeyStore(dir.resolve("keys"));
        keys.signingKey("sat");
        Map<String, Object> config = BusFixture.publisherConfig(broker, "sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile("sat").toString());
        PublishReceipt receipt;
        try (EventPublisher publisher = new EventPublisher(config)) {
            receipt = publisher.publish(TAXPAYERS, SampleEvents.sampleFor(TAXPAYERS, 7)).join();
        }
        ConsumerRecord<String, byte[]> record = read(broker, receipt);
        Verification verification = new EventVerifier(keys).verify(record.headers(), record.value());
        assertThat(verification.valid()).as(verification.reason()).isTrue();
        assertThat(verification.signer()).contains("sat");

        byte[] tampered = record.value().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(new EventVerifier(keys).verify(record.headers(), tampered).error()).contains(SignatureError.BAD_SIGNATURE);
    }

    @Test
    void aSigningKeyOfAnotherInstitutionIsRefusedAtConstruction(EmbeddedBroker broker) {
        InstitutionKeyStore keys = new InstitutionKeyStore(dir.resolve("keys"));
        keys.signingKey("renap");
        Map<String, Object> config = BusFixture.publisherConfig(broker, "sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, keys.privateKeyFile("renap").toString());
        assertThatThrownBy(() -> new EventPublisher(config)).hasMessageContaining("enlace.signing.key-file")
            .hasMessageContaining("renap").hasMessageContaining("sat");
        config.put(PublisherConfig.SIGNING_KEY_FILE_CONFIG, dir.resolve("keys/sat.key").toString());
        assertThatThrownBy(() -> new EventPublisher(config)).hasMessageContaining("sat.key does not exist");
    }

    private static ConsumerRecord<String, byte[]> read(EmbeddedBroker broker, PublishReceipt receipt) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(receipt.topic(), receipt.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, receipt.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() == receipt.offset()) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("record " + receipt + " not read back");
    }
}
