package gt.enlace.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-node KRaft cluster (every node broker and controller voter, replication factor 3,
 * {@code min.insync.replicas=2}) loses a node to {@code SIGKILL} while a producer with {@code acks=all}
 * and idempotence is publishing: the victim runs in a child JVM ({@link EmbeddedCluster.Builder#forkedNodes})
 * so that it dies abruptly, without the controlled shutdown a clean stop would do. Every acknowledged
 * record is still there exactly once, records sent after the kill are acknowledged by the two survivors,
 * a consumer subscribed before the kill reads on, and the killed node rejoins on its own data.
 */
class MultiBrokerFaultIT {

    private static final int VICTIM = 3;
    private static final int PARTITIONS = 3;
    private static final int BEFORE_KILL = 1_500;
    private static final int AFTER_KILL = 1_500;
    private static final int SAFETY_LIMIT = 200_000;
    private static final int SIGKILL_EXIT_VALUE = 128 + 9;

    @TempDir
    Path baseDir;

    @Test
    @Timeout(value = 110, unit = TimeUnit.SECONDS)
    void noAcknowledgedRecordIsLostOrDuplicatedWhenABrokerIsKilledDuringPublishingAndConsumersContinue() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(3).baseDir(baseDir).forkedNodes(VICTIM)
            // The controller fences a broker that stopped heart-beating after this long (default 9 s), and
            // only then moves its leaderships and drops it from the ISRs: until then acks=all waits for it.
            // Shorter keeps the test quick, with margin for a busy machine delaying the survivors' heartbeats.
            .brokerConfig("broker.session.timeout.ms", "6000")
            .brokerConfig("broker.heartbeat.interval.ms", "500")
            .build().start()) {
            String topic = "fault-" + UUID.randomUUID();
            try (Admin admin = admin(cluster.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next().get("min.insync.replicas").value())
                    .as("min.insync.replicas of the topic").isEqualTo("2");
                List<TopicPartitionInfo> partitions = describe(admin, topic).partitions();
                assertThat(partitions).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                assertThat(partitions).as("the victim leads a partition, so the kill moves a leadership")
                    .anySatisfy(p -> assertThat(p.leader().id()).isEqualTo(VICTIM));
            }

            // Subscribed before the kill, this consumer must read on across it.
            List<String> consumed = new CopyOnWriteArrayList<>();
            AtomicBoolean consuming = new AtomicBoolean(true);
            AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
            Thread subscriber = new Thread(() -> {
                try (KafkaConsumer<String, String> consumer = consumer(cluster.bootstrapServers(), "g-" + topic)) {
                    consumer.subscribe(List.of(topic));
                    while (consuming.get()) {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> consumed.add(r.value()));
                    }
                } catch (Throwable e) {
                    consumerFailure.set(e);
                }
            }, "fault-subscriber");
            subscriber.start();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Map<String, Exception> failed = new ConcurrentHashMap<>();
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            Thread publisher = new Thread(() -> {
                try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
                    // Publish until AFTER_KILL more records have gone out once the node is dead, so the kill
                    // always falls in the middle of the stream, however fast this machine is.
                    int afterKill = 0;
                    for (int i = 0; afterKill < AFTER_KILL && i < SAFETY_LIMIT; i++) {
                        if (killed.get()) {
                            afterKill++;
                        }
                        String id = "id-" + i;
                        producer.send(new ProducerRecord<>(topic, id, id), (metadata, e) -> {
                            if (e == null) {
                                acknowledged.add(id);
                            } else {
                                failed.put(id, e);
                            }
                        });
                        sent.incrementAndGet();
                        if (i % 50 == 0) {
                            // Keep the stream going over the kill instead of buffering everything up front.
                            producer.flush();
                        }
                    }
                    producer.flush();
                }
            }, "fault-publisher");
            publisher.start();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= BEFORE_KILL);
            int sentBeforeKill = sent.get();
            int acknowledgedBeforeKill = acknowledged.size();
            assertThat(cluster.kill(VICTIM)).as("exit value of the victim's JVM: killed by signal 9")
                .isEqualTo(SIGKILL_EXIT_VALUE);
            assertThat(cluster.isRunning(VICTIM)).isFalse();
            killed.set(true);
            publisher.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(publisher.isAlive()).as("publisher finished").isFalse();

            assertThat(failed).as("records the producer gave up on").isEmpty();
            assertThat(acknowledged).as("every record sent was acknowledged").hasSize(sent.get());
            long acknowledgedAfterKill = acknowledged.stream()
                .filter(id -> Integer.parseInt(id.substring(3)) >= sentBeforeKill).count();
            assertThat(acknowledgedAfterKill).as("records sent after the kill, acknowledged by the two nodes left")
                .isGreaterThanOrEqualTo(AFTER_KILL);

            // The log itself, read from the start of every partition to its end: each record exactly once.
            List<String> log = readWholeTopic(cluster.runningBootstrapServers(), topic);
            assertThat(new HashSet<>(log)).as("records in the topic").hasSameSizeAs(log).containsAll(acknowledged);

            Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                assertThat(consumerFailure.get()).as("subscriber failure").isNull();
                assertThat(consumed).as("the subscriber read on after the kill").containsAll(acknowledged);
            });

            // The killed node comes back on its own data directory and catches up: all replicas in sync again.
            long restart = System.nanoTime();
            cluster.start(VICTIM);
            try (Admin admin = admin(cluster.bootstrapServers())) {
                Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(describe(admin, topic).partitions())
                        .as("in-sync replicas after the restart")
                        .allSatisfy(p -> assertThat(p.isr()).hasSize(3)));
            }
            System.out.printf("MultiBrokerFaultIT: node %d killed (exit value 137) with %d of %d sent records acknowledged;"
                    + " %d sent in all, all acknowledged, %d after the kill; the topic holds %d records, each once;"
                    + " the subscriber read %d; node %d back in every ISR %d ms after its restart began%n",
                VICTIM, acknowledgedBeforeKill, sentBeforeKill, sent.get(), acknowledgedAfterKill, log.size(), consumed.size(),
                VICTIM, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restart));
            consuming.set(false);
            subscriber.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::info).toList())
            .as("child JVMs left after the cluster closed").isEmpty();
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    /** Every record of the topic, from the beginning to the end offset of each partition, without a group. */
    private static List<String> readWholeTopic(String bootstrapServers, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, null)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record.value());
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return read;
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Map<String, Object> props = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers, String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        } else {
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        }
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
