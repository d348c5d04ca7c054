package gt.enlace.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void recordsAcknowledgedBeforeAStopAreReadAfterARestartOnTheSameDirectory() throws Exception {
        List<String> sent = new ArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDir(dataDir).build().start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("restart-test", 2, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>("restart-test", "k" + i, "v" + i)).get();
                    sent.add("v" + i);
                }
            }
        }
        assertThat(dataDir.resolve("logs/meta.properties")).exists();

        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDir(dataDir).build().start()) {
            assertThat(readAll(broker.bootstrapServers(), "restart-test", sent.size())).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void aTakenPortIsReportedWithThePortNumber() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            EmbeddedBroker broker = EmbeddedBroker.builder().dataDir(dataDir).port(port).build();
            assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("Port " + port)
                .hasMessageContaining("already in use");
        }
        assertThat(Files.exists(dataDir.resolve("logs/meta.properties"))).isFalse();
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    static List<String> readAll(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
