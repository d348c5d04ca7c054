package gt.enlace.platform.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementCodec;
import gt.enlace.bus.agreements.AgreementError;
import gt.enlace.bus.agreements.AgreementException;
import gt.enlace.bus.topics.InternalTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every agreement's latest state, kept as events on the compacted {@value AgreementCodec#TOPIC} topic (key: agreement
 * id, value: its JSON) and mirrored in memory by a reader thread, so every platform instance sees every change and a
 * restart loses nothing.
 */
public final class AgreementStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgreementStore.class);
    private static final TopicPartition PARTITION = new TopicPartition(AgreementCodec.TOPIC, 0);

    private record Entry(Agreement agreement, long offset) {
    }

    private final Map<String, Entry> agreements = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean closed;

    /**
     * Creates the topic if needed and starts reading it.
     *
     * @param admin            a client of the cluster, allowed to create the topic
     * @param clientProperties {@code bootstrap.servers} and the security properties of the platform's principal
     */
    public AgreementStore(Admin admin, Map<String, ?> clientProperties) {
        ensureTopic(admin);
        Map<String, Object> producerProps = new HashMap<>(clientProperties);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-agreements-writer");
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        Map<String, Object> consumerProps = new HashMap<>(clientProperties);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-agreements-reader");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
        reader = new Thread(this::read, "enlace-agreements-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static void ensureTopic(Admin admin) {
        InternalTopics.ensure(admin, AgreementCodec.TOPIC, AgreementCodec.TOPIC_CONFIGS, Duration.ofSeconds(30));
    }

    private void read() {
        try {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(60)).get(PARTITION);
            if (consumer.position(PARTITION) >= end) {
                ready.countDown();
            }
            while (!closed) {
                boolean changed = false;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    changed |= apply(record);
                }
                if (ready.getCount() > 0 && consumer.position(PARTITION) >= end) {
                    ready.countDown();
                }
                if (changed) {
                    listeners.forEach(Runnable::run);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closed) {
                log.error("The agreements reader stopped: {}", e.getMessage(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private boolean apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return false;
        }
        if (record.value() == null) {
            return agreements.remove(record.key()) != null;
        }
        try {
            Agreement agreement = AgreementCodec.fromJson(record.value());
            Entry previous = agreements.get(agreement.id());
            if (previous == null || previous.offset() < record.offset()) {
                agreements.put(agreement.id(), new Entry(agreement, record.offset()));
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable agreement record at offset {}: {}", record.offset(), e.getMessage());
        }
        return false;
    }

    /** Waits until the agreements written before this store started are loaded. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code listener} on the reader thread after each batch of changes read from the topic. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Writes the agreement's new state and waits for Kafka to acknowledge it.
     *
     * @throws AgreementException with {@link AgreementError#UNAVAILABLE} when Kafka does not acknowledge it
     */
    public Agreement save(Agreement agreement) {
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(AgreementCodec.TOPIC, agreement.id(),
                AgreementCodec.toJson(agreement))).get(30, TimeUnit.SECONDS);
            agreements.merge(agreement.id(), new Entry(agreement, metadata.offset()),
                (old, neu) -> old.offset() > neu.offset() ? old : neu);
            listeners.forEach(Runnable::run);
            return agreement;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgreementException(AgreementError.UNAVAILABLE, null, "Interrupted while storing agreement " + agreement.id());
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new AgreementException(AgreementError.UNAVAILABLE, null, "Kafka did not store agreement " + agreement.id()
                + " on " + AgreementCodec.TOPIC + ": " + cause.getMessage());
        }
    }

    /** The agreement with this id, if any. */
    public Optional<Agreement> get(String id) {
        return Optional.ofNullable(agreements.get(id)).map(Entry::agreement);
    }

    /** Every agreement, oldest first. */
    public List<Agreement> all() {
        List<Agreement> all = new ArrayList<>();
        agreements.values().forEach(e -> all.add(e.agreement()));
        all.sort(Comparator.comparing(Agreement::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Agreement::id));
        return all;
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
