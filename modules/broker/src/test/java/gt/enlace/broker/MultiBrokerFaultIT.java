package gt.enlace.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-node KRaft cluster in this JVM (every node broker and controller voter, replication factor 3,
 * {@code min.insync.replicas=2}) loses a node while a producer with {@code acks=all} and idempotence
 * is publishing: every acknowledged record is still there exactly once, and consumers carry on.
 */
class MultiBrokerFaultIT {

    private static final int BEFORE_STOP = 1_500;
    private static final int AFTER_STOP = 1_500;
    private static final int SAFETY_LIMIT = 200_000;
    private static final int AFTER_RECOVERY = 100;

    @TempDir
    Path baseDir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void noAcknowledgedRecordIsLostOrDuplicatedWhenABrokerStopsDuringPublishingAndConsumersContinue() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(3).baseDir(baseDir).build().start()) {
            String topic = "fault-" + UUID.randomUUID();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3))).all().get(30, TimeUnit.SECONDS);
                TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
                assertThat(described.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                Map<String, String> minIsr = new HashMap<>();
                admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic))).all().get(30, TimeUnit.SECONDS)
                    .values().forEach(c -> minIsr.put("min.insync.replicas", c.get("min.insync.replicas").value()));
                assertThat(minIsr).containsEntry("min.insync.replicas", "2");
            }
            int controllerLeader = cluster.controllerLeaderId(Duration.ofSeconds(30));
            int victim = cluster.nodeIds().stream().filter(id -> id != controllerLeader).findFirst().orElseThrow();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicReference<Exception> lastFailure = new AtomicReference<>();
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean stopped = new AtomicBoolean();
            Thread publisher = new Thread(() -> {
                try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
                    // Publish until AFTER_STOP more records have gone out once the node is down, so the stop
                    // always falls in the middle of the stream, however fast this machine is.
                    int afterStop = 0;
                    for (int i = 0; afterStop < AFTER_STOP && i < SAFETY_LIMIT; i++) {
                        if (stopped.get()) {
                            afterStop++;
                        }
                        String id = "id-" + i;
                        producer.send(new ProducerRecord<>(topic, id, id), (metadata, e) -> {
                            if (e == null) {
                                acknowledged.add(id);
                            } else {
                                lastFailure.set(e);
                            }
                        });
                        sent.incrementAndGet();
                        if (i % 50 == 0) {
                            // Keep the stream going over the stop instead of buffering everything up front.
                            producer.flush();
                        }
                    }
                    producer.flush();
                }
            }, "fault-publisher");
            publisher.start();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= BEFORE_STOP);
            int sentBeforeStop = sent.get();
            cluster.stop(victim);
            stopped.set(true);
            publisher.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(publisher.isAlive()).as("publisher finished").isFalse();
            long acknowledgedAfterStop = acknowledged.stream()
                .filter(id -> Integer.parseInt(id.substring(3)) >= sentBeforeStop).count();
            assertThat(acknowledgedAfterStop).as("records sent once the stop began were acknowledged too; last failure %s",
                lastFailure.get()).isGreaterThanOrEqualTo(AFTER_STOP);

            try (KafkaConsumer<String, String> consumer = consumer(cluster.runningBootstrapServers(), "g-" + topic)) {
                consumer.subscribe(List.of(topic));
                List<String> read = readAtLeast(consumer, acknowledged.size());
                Set<String> unique = new HashSet<>(read);
                assertThat(read).as("no record twice (idempotent producer)").hasSameSizeAs(unique);
                assertThat(unique).containsAll(acknowledged);

                // Consumers continue: records published now, with a node still down, reach the same consumer.
                List<String> later = new ArrayList<>();
                try (KafkaProducer<String, String> producer = producer(cluster.runningBootstrapServers())) {
                    for (int i = 0; i < AFTER_RECOVERY; i++) {
                        producer.send(new ProducerRecord<>(topic, "later-" + i, "later-" + i)).get(30, TimeUnit.SECONDS);
                        later.add("later-" + i);
                    }
                }
                assertThat(readAtLeast(consumer, AFTER_RECOVERY)).containsExactlyInAnyOrderElementsOf(later);
            }
        }
    }

    private static List<String> readAtLeast(KafkaConsumer<String, String> consumer, int expected) {
        List<String> read = Collections.synchronizedList(new ArrayList<>());
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                read.add(record.value());
            }
            return read.size() >= expected;
        });
        // Anything beyond what was acknowledged arrives with the same polls; one more picks up stragglers.
        consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
        return read;
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers, String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
