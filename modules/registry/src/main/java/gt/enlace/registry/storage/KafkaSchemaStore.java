package gt.enlace.registry.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gt.enlace.registry.config.RegistryProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: one compacted, single-partition Kafka topic ({@code _schemas} by default) in
 * Confluent Schema Registry's layout, read from offset 0 into a {@link RegistryState} by one reader thread.
 *
 * <p>{@link #start()} creates the topic if it is absent (1 partition, {@code cleanup.policy=compact},
 * replication factor min(configured, brokers)), refuses to go on if it exists with more than one partition or
 * without {@code cleanup.policy=compact}, and returns only once the reader has caught up with the end of the
 * topic, so the registry never serves a partial view.
 *
 * <p>{@link #write(List)} sends to partition 0 with {@code acks=all} and idempotence, then waits until the
 * reader has applied the last record sent: a request that wrote something reads its own write. Callers
 * serialize writes (see {@code RegistryService}); this class does not allocate ids.
 *
 * <p>Several registry instances may share the topic: each reads every record, and only the elected leader
 * writes (see {@code gt.enlace.registry.cluster}); {@link #catchUp()} makes a new leader read everything its
 * predecessor wrote before it decides anything.
 */
public final class KafkaSchemaStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaStore.class);

    /** One record to write: a key and its value, null for a tombstone. */
    public record Entry(StoreKey key, String value) {
    }

    private final RegistryProperties properties;
    private final RegistryState state;
    private final TopicPartition partition;
    private final Object monitor = new Object();
    private volatile boolean running;
    private long position;
    private RuntimeException readerFailure;
    private Thread reader;
    private KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> producer;
    private Admin admin;

    public KafkaSchemaStore(RegistryProperties properties, RegistryState state) {
        this.properties = properties;
        this.state = state;
        this.partition = new TopicPartition(properties.topic(), 0);
    }

    /** The state this store feeds. */
    public RegistryState state() {
        return state;
    }

    /**
     * Prepares the topic, starts the reader and waits until it has read the whole topic.
     *
     * @throws IllegalStateException when the topic is unusable or the cluster does not answer within the
     *                               init timeout
     */
    public void start() {
        long endOffset;
        admin = Admin.create(adminProps());
        try {
            ensureTopic(admin);
            endOffset = endOffset(properties.initTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("Interrupted while preparing the registry topic", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Cannot prepare the registry topic '" + properties.topic() + "' on "
                + properties.bootstrapServers() + ": " + cause, cause);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new StringSerializer());
        consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        running = true;
        reader = new Thread(this::readLoop, "enlace-registry-reader-" + properties.topic());
        reader.setDaemon(true);
        reader.start();
        if (!awaitPosition(endOffset, properties.initTimeout())) {
            close();
            throw new IllegalStateException("The registry did not read topic '" + properties.topic() + "' to its end ("
                + endOffset + " records) within " + properties.initTimeout().toSeconds() + " s");
        }
        log.info("Schema registry state loaded from '{}' ({} records, highest id {})", properties.topic(), endOffset,
            state.maxId());
    }

    /**
     * Waits until the reader has applied everything in the topic right now, including records written by other
     * registry instances: called before a write decides anything (Confluent's
     * {@code waitUntilKafkaReaderReachesLastOffset}).
     *
     * @throws StoreException when the end offset cannot be read or reached within the write timeout
     */
    public void catchUp() {
        long deadline = System.nanoTime() + properties.writeTimeout().toNanos();
        long end;
        try {
            end = endOffset(properties.writeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.ERROR, "Interrupted while reading the end of the Kafka store", e);
        } catch (TimeoutException e) {
            throw new StoreException(StoreException.Kind.TIMEOUT, "Timed out reading the end of the Kafka store", e);
        } catch (ExecutionException e) {
            throw new StoreException(StoreException.Kind.ERROR, "Cannot read the end of the Kafka store: " + e.getCause(),
                e.getCause());
        }
        if (!awaitPosition(end, Duration.ofNanos(remaining(deadline)))) {
            throw new StoreException(StoreException.Kind.TIMEOUT, "Timed out catching up with the Kafka store", null);
        }
    }

    private long endOffset(long timeoutMs) throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
            .get(timeoutMs, TimeUnit.MILLISECONDS).offset();
    }

    /**
     * Writes the entries in order to partition 0 and returns once the reader has applied the last one.
     *
     * @throws StoreException when Kafka fails or the write is not applied within the write timeout
     */
    public void write(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + properties.writeTimeout().toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Entry entry : entries) {
            sent.add(producer.send(new ProducerRecord<>(properties.topic(), 0, StoreCodec.encodeKey(entry.key()),
                entry.value())));
        }
        long lastOffset = -1;
        for (Future<RecordMetadata> future : sent) {
            try {
                lastOffset = Math.max(lastOffset, future.get(remaining(deadline), TimeUnit.NANOSECONDS).offset());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(StoreException.Kind.ERROR, "Interrupted while writing to the Kafka store", e);
            } catch (TimeoutException e) {
                throw new StoreException(StoreException.Kind.TIMEOUT, "Write to the Kafka store timed out", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RecordTooLargeException) {
                    throw new StoreException(StoreException.Kind.TOO_LARGE, "Write failed because schema is too large", cause);
                }
                if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                    throw new StoreException(StoreException.Kind.TIMEOUT, "Write to the Kafka store timed out", cause);
                }
                throw new StoreException(StoreException.Kind.ERROR, "Error while writing to the Kafka store: " + cause, cause);
            }
        }
        if (!awaitPosition(lastOffset + 1, Duration.ofNanos(remaining(deadline)))) {
            throw new StoreException(StoreException.Kind.TIMEOUT, "Write to the Kafka store timed out while waiting "
                + "for the reader to apply offset " + lastOffset, null);
        }
    }

    /** Waits until the reader's position reaches {@code offset}; false on timeout or reader failure. */
    private boolean awaitPosition(long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (position < offset) {
                if (readerFailure != null) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    state.apply(record.key(), record.value(), record.offset());
                }
                long pos = consumer.position(partition);
                synchronized (monitor) {
                    if (pos != position) {
                        position = pos;
                        monitor.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            log.error("The schema registry stopped reading topic '{}'; writes will time out until it restarts",
                properties.topic(), e);
            synchronized (monitor) {
                readerFailure = e;
                monitor.notifyAll();
            }
        }
    }

    private void ensureTopic(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        long timeout = properties.initTimeout().toMillis();
        String topic = properties.topic();
        Optional<TopicDescription> existing = describe(admin, topic, timeout);
        if (existing.isEmpty()) {
            int brokers = admin.describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS).size();
            short replication = (short) Math.max(1, Math.min(properties.topicReplicationFactor(), brokers));
            NewTopic newTopic = new NewTopic(topic, 1, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(timeout, TimeUnit.MILLISECONDS);
                log.info("Created registry topic '{}' (1 partition, compacted, replication factor {})", topic, replication);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            // Metadata of a new topic reaches the broker that answers describeTopics a moment later.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
            existing = describe(admin, topic, timeout);
            while (existing.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
                existing = describe(admin, topic, timeout);
            }
            if (existing.isEmpty()) {
                throw new IllegalStateException("Registry topic '" + topic + "' was created but cannot be described");
            }
        }
        int partitions = existing.get().partitions().size();
        if (partitions != 1) {
            throw new IllegalStateException("Registry topic '" + topic + "' has " + partitions + " partitions; it must have "
                + "exactly 1 so that every instance reads schemas in one order. Point '" + RegistryProperties.TOPIC
                + "' at another topic, or recreate this one with 1 partition");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = describeConfig(admin, resource, timeout);
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String value = policy == null ? null : policy.value();
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(value)) {
            throw new IllegalStateException("Registry topic '" + topic + "' has cleanup.policy=" + value + "; it must be "
                + "'compact' or Kafka will delete registered schemas. Run: kafka-configs --alter --entity-type topics "
                + "--entity-name " + topic + " --add-config cleanup.policy=compact");
        }
    }

    /**
     * The topic's config. On a cluster the broker asked may not know a topic created a moment ago (its metadata arrives
     * a little later than the controller's answer), so an unknown topic is asked again until the timeout.
     */
    private static Config describeConfig(Admin admin, ConfigResource resource, long timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        while (true) {
            try {
                return admin.describeConfigs(List.of(resource)).all().get(timeout, TimeUnit.MILLISECONDS).get(resource);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic, long timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get(timeout, TimeUnit.MILLISECONDS)
                .get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private Properties adminProps() {
        Properties props = new Properties();
        props.putAll(properties.kafka());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, properties.groupId() + "-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
            properties.initTimeout().toMillis()));
        return props;
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.putAll(properties.kafka());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, properties.groupId() + "-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return props;
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.putAll(properties.kafka());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.groupId() + "-reader");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** Stops the reader and closes the Kafka clients; safe to call more than once. */
    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader = null;
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
            consumer = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
