package gt.enlace.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.bus.signing.EventSigner;
import gt.enlace.bus.signing.InstitutionKeyStore;
import gt.enlace.bus.signing.KeyDirectory;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.samples.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * With verification on, a record whose signature fails lands in the dead-letter topic with stage {@code verify} and
 * the signature error, and the next good record is delivered: plain-Java subscriber and Spring auto-configuration.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SignatureVerificationIT {

    @TempDir
    static Path keysDir;

    private TestBus bus;
    private KafkaProducer<byte[], byte[]> producer;
    private EventSigner renap;
    private EventSigner sat;
    private ConfigurableApplicationContext context;
    private EventSubscriber<BirthRegistered> subscriber;

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        bus = new TestBus(broker.bootstrapServers());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer());
        InstitutionKeyStore keys = new InstitutionKeyStore(keysDir);
        renap = new EventSigner(keys.signingKey("renap"));
        sat = new EventSigner(keys.signingKey("sat"));
    }

    @AfterEach
    void tearDown() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (context != null) {
            context.close();
        }
        producer.close();
        bus.close();
    }

    private static BirthRegistered birth(int i) {
        return (BirthRegistered) SampleEvents.sampleFor("gt.renap.birth-registered.v1", i);
    }

    /**
     * Publishes: 0 good, 1 value byte flipped, 2 header changed, 3 unsigned, 4 signed by sat, 5 good. RENAP's 0, 1, 2 and 5
     * share one batch signature, as a batch-signing publisher writes them: the subscriber verifies the root once (with 0)
     * and must still catch 1 and 2.
     */
    private List<String> publishMixed(String topic) throws Exception {
        List<String> goodIds = new CopyOnWriteArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        List<Headers> renapHeaders = new java.util.ArrayList<>();
        List<byte[]> renapValues = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] value = bus.serialize(topic, birth(i));
            EventHeaders eventHeaders = TestBus.headers();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, ("k" + i).getBytes(StandardCharsets.UTF_8), value);
            eventHeaders.writeTo(record.headers());
            records.add(record);
            if (i == 4) {
                sat.sign(record.headers(), value);
            } else if (i != 3) {
                renapHeaders.add(record.headers());
                renapValues.add(value);
            }
            if (i == 0 || i == 5) {
                goodIds.add(eventHeaders.id());
            }
        }
        renap.signBatch(renapHeaders, renapValues);
        byte[] tampered = records.get(1).value();
        tampered[tampered.length - 1] ^= 1;
        Headers changed = records.get(2).headers();
        changed.remove("ce_legalbasis");
        changed.add("ce_legalbasis", "Ninguna".getBytes(StandardCharsets.UTF_8));
        for (ProducerRecord<byte[], byte[]> record : records) {
            producer.send(record).get();
        }
        return goodIds;
    }

    private void assertDeadLetters(String topic) {
        List<ConsumerRecord<byte[], byte[]>> dlt = bus.read(topic + ".dlt", 4);
        List<DeadLetter> letters = dlt.stream().map(DeadLetter::from).toList();
        assertThat(letters).extracting(DeadLetter::originalOffset).containsExactly(1L, 2L, 3L, 4L);
        assertThat(letters).allSatisfy(l -> assertThat(l.stage()).contains(DeadLetterStage.VERIFY));
        assertThat(dlt).extracting(r -> new String(r.headers().lastHeader(DeadLetterHeaders.SIGNATURE_ERROR).value(),
            StandardCharsets.UTF_8)).containsExactly("SIGNATURE_BAD", "SIGNATURE_HEADER_TAMPERED", "SIGNATURE_MISSING",
            "SIGNATURE_WRONG_SIGNER");
        assertThat(letters.get(0).reason()).startsWith("SignatureVerificationException: SIGNATURE_BAD: ");
        // the dead letter keeps the original bytes, tampered byte included
        assertThat(dlt.get(0).value()).isNotEqualTo(bus.serialize(topic, birth(1)));
    }

    @Test
    void thePlainJavaSubscriberDeadLettersRecordsThatFailVerificationAndDeliversTheGoodOnes() throws Exception {
        String topic = bus.createTopic("verify-plain", 1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        subscriber = EventSubscriber.builder(BirthRegistered.class)
            .bootstrapServers(bus.bootstrapServers)
            .registryUrl(bus.registryUrl)
            .groupId(TestBus.unique("group"))
            .topics(topic)
            .pollTimeout(Duration.ofMillis(100))
            .verifySignatures(KeyDirectory.folder(keysDir))
            .handler((birth, meta) -> delivered.add(meta.id()))
            .build()
            .start();
        List<String> good = publishMixed(topic);

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 2);
        assertThat(delivered).containsExactlyElementsOf(good);
        assertDeadLetters(topic);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Listener listener(Delivered delivered) {
            return new Listener(delivered.ids());
        }
    }

    /** What the listener received; a holder, since Spring would inject a {@code List<String>} of String beans. */
    record Delivered(List<String> ids) {
    }

    static final class Listener {
        private final List<String> delivered;

        Listener(List<String> delivered) {
            this.delivered = delivered;
        }

        @KafkaListener(topics = "${test.topic}")
        void on(BirthRegistered birth, EventMetadata metadata) {
            delivered.add(metadata.id());
        }
    }

    @Test
    void theSpringListenerNeverSeesRecordsThatFailVerification() throws Exception {
        String topic = bus.createTopic("verify-spring", 1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .initializers(ctx -> ctx.getBeanFactory().registerSingleton("delivered", new Delivered(delivered)))
            .properties(
                "enlace.subscriber.bootstrap-servers=" + bus.bootstrapServers,
                "enlace.subscriber.registry-url=" + bus.registryUrl,
                "enlace.subscriber.group-id=" + TestBus.unique("group"),
                "enlace.subscriber.verify.enabled=true",
                "enlace.subscriber.verify.keys-dir=" + keysDir,
                "test.topic=" + topic,
                "spring.main.banner-mode=off")
            .run();
        List<String> good = publishMixed(topic);

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 2);
        assertThat(delivered).containsExactlyElementsOf(good);
        assertDeadLetters(topic);
    }
}
