package gt.enlace.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.broker.EmbeddedBroker;
import gt.enlace.broker.junit.EmbeddedKafkaExtension;
import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.schemas.samples.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class EventPublisherIT {

    private static final String TAXPAYERS = "gt.sat.taxpayer-registered.v1";
    private static final gt.enlace.schemas.catalog.TopicCatalog CATALOG = gt.enlace.schemas.catalog.TopicCatalog.loadDefault();

    @BeforeEach
    void prepare(EmbeddedBroker broker) throws Exception {
        BusFixture.prepare(broker);
    }

    @Test
    void publishedEventsAreAcknowledgedAndReadBackFieldByFieldWithTheirHeaders(EmbeddedBroker broker) {
        List<SpecificRecord> sent = new ArrayList<>();
        List<CompletableFuture<PublishReceipt>> acks = new ArrayList<>();
        try (EventPublisher publisher = new EventPublisher(BusFixture.publisherConfig(broker, "sat"))) {
            for (int i = 0; i < 40; i++) {
                SpecificRecord taxpayer = SampleEvents.sampleFor(TAXPAYERS, 100 + i);
                sent.add(taxpayer);
                acks.add(publisher.publish(TAXPAYERS, taxpayer));
            }
            List<PublishReceipt> receipts = acks.stream().map(CompletableFuture::join).toList();
            assertThat(receipts).allSatisfy(r -> assertThat(r.offset()).isNotNegative());

            Map<String, ConsumerRecord<String, Object>> read = BusFixture.readAll(broker, TAXPAYERS);
            for (int i = 0; i < receipts.size(); i++) {
                ConsumerRecord<String, Object> record = read.get(receipts.get(i).eventId());
                assertThat(record).as("event " + receipts.get(i).eventId()).isNotNull();
                assertThat(record.partition()).isEqualTo(receipts.get(i).partition());
                assertThat(record.offset()).isEqualTo(receipts.get(i).offset());
                SpecificRecord received = (SpecificRecord) record.value();
                for (int f = 0; f < received.getSchema().getFields().size(); f++) {
                    assertThat(received.get(f)).as(received.getSchema().getFields().get(f).name()).isEqualTo(sent.get(i).get(f));
                }
                EventHeaders headers = EventHeaders.parse(record.headers());
                assertThat(headers.source()).isEqualTo("/gt/sat/enlace-it");
                assertThat(headers.channel()).isEqualTo(Channel.SDK);
                assertThat(headers.classification()).isEqualTo(CATALOG.topic(TAXPAYERS).orElseThrow().classification());
                assertThat(headers.legalBasis()).isNotBlank();
            }
        }
    }

    @Test
    void anUnreachableClusterFailsTheFutureWithKafkaUnavailable() {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + EmbeddedBroker.freePort());
        config.put(PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, BusFixture.REGISTRY_URL);
        config.put(PublisherConfig.INSTITUTION_CONFIG, "sat");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500);
        try (EventPublisher publisher = new EventPublisher(config)) {
            CompletableFuture<PublishReceipt> ack = publisher.publish(TAXPAYERS, SampleEvents.sampleFor(TAXPAYERS, 1));
            try {
                ack.join();
                throw new AssertionError("expected a failure");
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(PublishException.class);
                assertThat(((PublishException) e.getCause()).error()).isEqualTo(PublishError.KAFKA_UNAVAILABLE);
                assertThat(((PublishException) e.getCause()).error().retriable()).isTrue();
            }
        }
    }
}
