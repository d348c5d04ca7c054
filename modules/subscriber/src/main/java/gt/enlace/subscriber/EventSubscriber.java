package gt.enlace.subscriber;

import gt.enlace.bus.headers.InvalidHeadersException;
import gt.enlace.bus.signing.EventVerifier;
import gt.enlace.bus.signing.KeyDirectory;
import gt.enlace.bus.signing.SignatureVerificationException;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscriber loop for integrators without Spring, with the same error policy as the Spring
 * auto-configuration:
 *
 * <ul>
 *   <li>a record that cannot be deserialised (not Confluent wire format, unknown schema id, a value of
 *       another class than {@code T}) or whose event headers do not parse goes to {@code <topic>.dlt}
 *       at once, with stage {@code deserialize}, and the partition moves on;</li>
 *   <li>a handler that throws is retried on the same record per the {@link BackOffPolicy}; after the
 *       last attempt, or at once for a {@linkplain Builder#notRetryable non-retryable} exception, the
 *       record goes to {@code <topic>.dlt} with stage {@code handle};</li>
 *   <li>offsets are committed after records are processed (at least once): only offsets of records the
 *       handler finished with (or that were skipped or dead-lettered), asynchronously in the loop at most
 *       one {@linkplain Builder#commitInterval commit interval} (default {@value #DEFAULT_COMMIT_INTERVAL_MS} ms)
 *       after they were processed, and synchronously when partitions are revoked and on {@link #close()};</li>
 *   <li>with {@linkplain Builder#decodeAhead decode-ahead} (on by default), a batch of at least
 *       {@value #DECODE_AHEAD_MIN_RECORDS} records is verified, deserialised and its headers parsed on a
 *       second thread while the loop polls the next batch and the handler works through the previous
 *       one (the loop's thread decodes records of the batch too when it catches up with the decode
 *       thread); handling, retries, dead letters and commits stay on the loop's thread, in offset order per
 *       partition. Smaller batches (a subscriber that keeps up) are decoded on the loop's thread, so
 *       latency is not paid for a hand-off;</li>
 *   <li>with the {@linkplain Builder#idempotencyGuard guard}, an event this group already handled is
 *       skipped;</li>
 *   <li>with {@linkplain Builder#verifySignatures signature verification}, a record whose
 *       {@code ce_signature} is missing or does not verify goes to {@code <topic>.dlt} at once, with stage
 *       {@code verify} and the {@code SIGNATURE_*} code in {@code enlace_dlt_signature_error}.</li>
 * </ul>
 *
 * <p>A dead letter's value is the original bytes; its headers are the original ones plus
 * {@link DeadLetterHeaders}. If the dead-letter topic cannot be written, the record is not skipped:
 * the subscriber seeks back and tries again after the initial back-off interval.
 *
 * <pre>{@code
 * try (EventSubscriber<BirthRegistered> subscriber = EventSubscriber.builder(BirthRegistered.class)
 *         .bootstrapServers("kafka.enlace.gob.gt:9092")
 *         .registryUrl("https://registry.enlace.gob.gt")
 *         .groupId("muni-mixco.births")
 *         .topics("gt.renap.birth-registered.v1")
 *         .handler((birth, metadata) -> counts.merge(birth.getPlaceOfBirth().getMunicipalityCode(), 1, Integer::sum))
 *         .build()) {
 *     subscriber.start();          // or run() on a thread of your own
 *     ...
 * }                                // close(): wakes the loop up, commits what was processed, returns
 * }</pre>
 *
 * @param <T> the generated Avro class of the topics' events ({@code Object} for any)
 */
public final class EventSubscriber<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventSubscriber.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Batches of at least this many records are decoded on the decode-ahead thread. */
    static final int DECODE_AHEAD_MIN_RECORDS = 32;
    /** The longest the loop's thread parks waiting for one record from the decode thread before it looks again. */
    private static final long PARK_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Default of {@link Builder#commitInterval}, in milliseconds. */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;

    private final Class<T> type;
    private final List<String> topics;
    private final String groupId;
    private final Map<String, Object> clientConfig;
    private final String registryUrl;
    private final EventHandler<? super T> handler;
    private final BackOffPolicy backOff;
    private final boolean deadLetters;
    private final boolean guardEnabled;
    private final String guardTopic;
    private final Duration guardRetention;
    private final Set<Class<? extends Throwable>> notRetryable;
    private final Duration pollTimeout;
    private final long commitIntervalNanos;
    private final EventVerifier verifier;
    private final boolean decodeAhead;

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closeSignal = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    private EventSubscriber(Builder<T> b) {
        this.type = b.type;
        this.topics = List.copyOf(b.topics);
        this.groupId = b.groupId;
        this.clientConfig = Map.copyOf(b.clientConfig);
        this.registryUrl = b.registryUrl;
        this.handler = b.handler;
        this.backOff = b.backOff;
        this.deadLetters = b.deadLetters;
        this.guardEnabled = b.guardEnabled;
        this.guardTopic = b.guardTopic;
        this.guardRetention = b.guardRetention;
        this.notRetryable = Set.copyOf(b.notRetryable);
        this.pollTimeout = b.pollTimeout;
        this.commitIntervalNanos = b.commitInterval.toNanos();
        this.verifier = b.signatureKeys == null ? null : new EventVerifier(b.signatureKeys);
        this.decodeAhead = b.decodeAhead;
    }

    /**
     * A builder for events of one generated Avro class.
     *
     * @param type the class, e.g. {@code BirthRegistered.class}; {@code Object.class} accepts any value
     * @param <T>  the class
     * @return a new builder
     */
    public static <T> Builder<T> builder(Class<T> type) {
        return new Builder<>(type);
    }

    /**
     * Runs the loop on a new daemon thread named {@code enlace-subscriber-<group>} and returns. An exception
     * or error (other than a {@link VirtualMachineError}) that ends the loop is logged.
     *
     * @return this subscriber
     */
    public EventSubscriber<T> start() {
        Thread t = new Thread(this::runQuietly, "enlace-subscriber-" + groupId);
        t.setDaemon(true);
        t.start();
        return this;
    }

    private void runQuietly() {
        try {
            run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // Logged here rather than left to the thread's uncaught-exception handler, which runs after
            // awaitStopped() has returned and would reach whatever handler the application installed by then.
            log.error("Subscriber of group '{}' stopped: {}", groupId, e.toString(), e);
        }
    }

    /**
     * Runs the loop on the calling thread until {@link #close()} is called from another thread. An
     * {@link Error} thrown by the handler ends the loop at once, without committing the batch in
     * progress (as a crash would).
     *
     * @throws IllegalStateException if the subscriber already ran
     */
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("EventSubscriber of group '" + groupId + "' already ran; build a new one");
        }
        thread = Thread.currentThread();
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "enlace-subscriber-" + groupId);
        // One deserializer per thread that decodes: the loop's and, with decode-ahead, the decode thread's.
        Decoding decoding = new Decoding(newDeserializer());
        Decoding aheadDecoding = null;
        ExecutorService aheadExecutor = null;
        boolean crashed = true;
        Loop loop = new Loop();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(filter(consumerConfig, ConsumerConfig.configNames()),
            new StringDeserializer(), new ByteArrayDeserializer())) {
            this.consumer = c;
            loop.consumer = c;
            if (guardEnabled) {
                loop.guard = IdempotencyGuard.open(clientConfig, guardTopic, groupId, guardRetention);
            }
            if (decodeAhead) {
                aheadDecoding = new Decoding(newDeserializer());
                aheadExecutor = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "enlace-subscriber-decode-" + groupId);
                    t.setDaemon(true);
                    return t;
                });
            }
            c.subscribe(topics, loop);
            try {
                poll(c, loop, decoding, aheadDecoding, aheadExecutor);
            } catch (RuntimeException | Error e) {
                // As a crash would: closing the consumer revokes its partitions, and nothing more is committed then.
                loop.abandoned = true;
                throw e;
            }
            crashed = false;
        } finally {
            if (crashed) {
                log.warn("Subscriber of group '{}' stopped without committing its last batch", groupId);
            }
            if (aheadExecutor != null) {
                aheadExecutor.shutdownNow();
                try {
                    aheadExecutor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (loop.guard != null) {
                loop.guard.close();
            }
            if (loop.dltProducer != null) {
                loop.dltProducer.close(CLOSE_TIMEOUT);
            }
            decoding.deserializer.close();
            if (aheadDecoding != null) {
                aheadDecoding.deserializer.close();
            }
            consumer = null;
            stopped.countDown();
        }
    }

    private void poll(KafkaConsumer<String, byte[]> c, Loop loop, Decoding decoding, Decoding aheadDecoding,
                      ExecutorService aheadExecutor) {
        Batch pending = null;
        while (!closing.get()) {
            ConsumerRecords<String, byte[]> records;
            loop.pending = pending; // a rebalance in this poll drops its records of revoked partitions
            try {
                // A batch waits to be handled: do not block, just pick up what the consumer fetched meanwhile.
                // Otherwise wait for records, but not past the time processed offsets are due to be committed.
                records = c.poll(pending != null ? Duration.ZERO : loop.pollTimeout(pollTimeout));
            } catch (WakeupException e) {
                break;
            }
            Batch next = records.isEmpty() ? null : new Batch(records);
            if (next != null && aheadExecutor != null && next.size() >= DECODE_AHEAD_MIN_RECORDS) {
                next.decodeOn(aheadExecutor, aheadDecoding);
            }
            loop.next = next;
            if (pending != null) {
                handle(loop, pending, next, decoding);
            }
            if (next != null && !next.decodedAhead() && !closing.get()) {
                // A small batch: handled at once, each record decoded on this thread just before it is handled.
                handle(loop, next, null, decoding);
                next = null;
            }
            if (loop.commitDue()) {
                loop.commit(false);
            }
            pending = closing.get() ? null : next;
            loop.pending = null;
            loop.next = null;
        }
        loop.commit(true);
    }

    private KafkaAvroDeserializer newDeserializer() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        Map<String, Object> serdeConfig = new HashMap<>(clientConfig);
        serdeConfig.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        serdeConfig.put(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, !(type == Object.class
            || org.apache.avro.generic.GenericRecord.class.equals(type)));
        deserializer.configure(serdeConfig, false);
        return deserializer;
    }

    /**
     * Handles a batch in order on the loop's thread. A record that must be read again (close during a
     * back-off, dead-letter topic unavailable) seeks its partition back; the rest of that partition in
     * this batch, and in {@code newer} (polled before the seek), is then skipped.
     */
    private void handle(Loop loop, Batch batch, Batch newer, Decoding decoding) {
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<String, byte[]> record = batch.records.get(i);
            TopicPartition tp = batch.partitions.get(i);
            if (batch.skip.contains(tp)) {
                continue;
            }
            if (closing.get()) {
                return;
            }
            Decoded decoded = batch.decoded(i, decoding);
            if (decoded == null) {
                return; // interrupted while waiting for the decode thread: closing
            }
            if (!process(record, decoded, loop)) {
                // interrupted by close() or the dead-letter topic could not be written: read it again later
                loop.consumer.seek(tp, record.offset());
                batch.skip.add(tp);
                if (newer != null) {
                    newer.skip.add(tp);
                }
                continue;
            }
            OffsetAndMetadata offset = new OffsetAndMetadata(record.offset() + 1);
            loop.processed.put(tp, offset);
            loop.handled.put(tp, offset);
        }
    }

    /** The loop's state the rebalance callbacks (called by {@code poll}, on the loop's thread) work on. */
    private final class Loop implements ConsumerRebalanceListener {
        KafkaConsumer<String, byte[]> consumer;
        IdempotencyGuard guard;
        KafkaProducer<byte[], byte[]> dltProducer;
        /** Handled since the last commit. */
        final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
        /** When the loop last committed ({@link System#nanoTime()}). */
        long lastCommitNanos = System.nanoTime();
        /** The latest handled offset of each owned partition, committed synchronously when it is revoked. */
        final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        /** Set when the loop ends by an exception: nothing is committed any more. */
        boolean abandoned;
        /** The batch polled before the current {@code poll} and not handled yet, if any. */
        Batch pending;
        /** The batch the current iteration polled, while it is being handled. */
        Batch next;

        /** Whether processed offsets wait and the commit interval has passed since the last commit. */
        boolean commitDue() {
            return !processed.isEmpty() && System.nanoTime() - lastCommitNanos >= commitIntervalNanos;
        }

        /** The poll's timeout: {@code longest}, or less when processed offsets are to be committed sooner. */
        Duration pollTimeout(Duration longest) {
            if (processed.isEmpty()) {
                return longest;
            }
            long dueIn = Math.max(0, commitIntervalNanos - (System.nanoTime() - lastCommitNanos));
            return dueIn < longest.toNanos() ? Duration.ofNanos(dueIn) : longest;
        }

        /** @param sync on close: waits, and covers asynchronous commits still in flight or failed */
        void commit(boolean sync) {
            lastCommitNanos = System.nanoTime();
            if (processed.isEmpty() && !(sync && !handled.isEmpty())) {
                return;
            }
            if (guard != null) {
                guard.flush();
            }
            // Offsets of partitions revoked in a rebalance cannot be committed by this member any more.
            Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(sync ? handled : processed);
            owned.keySet().retainAll(consumer.assignment());
            processed.clear();
            if (owned.isEmpty()) {
                return;
            }
            if (sync) {
                commitSync(owned);
            } else {
                // Asynchronous in the loop: a commit round trip per batch would stall the pipeline. Commits are
                // sent in order; a failed one is made good by the next, or by the synchronous one on revoke/close.
                consumer.commitAsync(owned, (offsets, error) -> {
                    if (error != null) {
                        log.debug("Commit of {} for group '{}' failed; a later commit covers it: {}", offsets, groupId,
                            error.toString());
                    }
                });
            }
        }

        private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                consumer.commitSync(offsets);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (abandoned) {
                return;
            }
            if (guard != null) {
                guard.flush();
            }
            Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = handled.remove(tp);
                if (offset != null) {
                    revoked.put(tp, offset);
                }
                processed.remove(tp);
            }
            forget(partitions);
            if (!revoked.isEmpty()) {
                try {
                    commitSync(revoked);
                } catch (KafkaException e) {
                    log.warn("Could not commit {} for group '{}' on revocation; the next owner reads from the last "
                        + "committed offsets: {}", revoked, groupId, e.toString());
                }
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                handled.remove(tp);
                processed.remove(tp);
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // positions come from the committed offsets
        }

        /**
         * Records polled but not handled yet from partitions this member no longer owns are dropped: they were not
         * committed, so their next owner (maybe this member again, from the committed offset) reads them.
         */
        private void forget(Collection<TopicPartition> partitions) {
            if (pending != null) {
                pending.skip.addAll(partitions);
            }
            if (next != null) {
                next.skip.addAll(partitions);
            }
        }
    }

    /** What the decode stage made of one record: the value and metadata, or why it could not. */
    private record Decoded(Object value, EventMetadata metadata, RuntimeException failure) {
    }

    /** Verification, deserialisation and header parsing of records, with one thread's deserializer. */
    private final class Decoding {
        final KafkaAvroDeserializer deserializer;

        Decoding(KafkaAvroDeserializer deserializer) {
            this.deserializer = deserializer;
        }

        Decoded decode(ConsumerRecord<String, byte[]> record) {
            try {
                if (verifier != null) {
                    verifier.verifyOrThrow(record.headers(), record.value());
                }
                Object decoded = deserializer.deserialize(record.topic(), record.headers(), record.value());
                if (decoded != null && !type.isInstance(decoded)) {
                    throw new ClassCastException("Record on topic '" + record.topic() + "' holds a "
                        + decoded.getClass().getName() + " but this subscriber takes " + type.getName());
                }
                return new Decoded(decoded, EventMetadata.from(record), null);
            } catch (RuntimeException e) {
                return new Decoded(null, null, e);
            }
        }
    }

    /**
     * One polled batch, flattened in the consumer's order, optionally decoded ahead. Decoding ahead, the decode
     * thread claims records in order and decodes them; when the handler reaches a record not decoded yet, the loop's
     * thread claims and decodes the next unclaimed ones itself, so both threads share a backlog's decoding while
     * records are still handled strictly in order.
     */
    private final class Batch {
        final List<ConsumerRecord<String, byte[]>> records;
        final List<TopicPartition> partitions;
        /** Partitions whose remaining records in this batch are not to be handled (rewound or revoked). */
        final Set<TopicPartition> skip = new HashSet<>();
        private AtomicReferenceArray<Decoded> decoded;
        private final AtomicInteger claimed = new AtomicInteger();
        private Future<?> ahead;
        /** The loop's thread while it is parked waiting for the decode thread to finish a record, else null. */
        private volatile Thread waiting;

        Batch(ConsumerRecords<String, byte[]> polled) {
            records = new ArrayList<>(polled.count());
            partitions = new ArrayList<>(polled.count());
            for (TopicPartition tp : polled.partitions()) {
                for (ConsumerRecord<String, byte[]> record : polled.records(tp)) {
                    records.add(record);
                    partitions.add(tp);
                }
            }
        }

        int size() {
            return records.size();
        }

        boolean decodedAhead() {
            return ahead != null;
        }

        void decodeOn(ExecutorService executor, Decoding decoding) {
            AtomicReferenceArray<Decoded> out = new AtomicReferenceArray<>(records.size());
            decoded = out;
            ahead = executor.submit(() -> {
                try {
                    for (int i = claimed.getAndIncrement(); i < out.length(); i = claimed.getAndIncrement()) {
                        out.set(i, decoding.decode(records.get(i)));
                        wakeLoop();
                    }
                } finally {
                    wakeLoop();
                }
            });
        }

        /** @return the record's decoding, or null if the loop's thread was interrupted (closing) */
        Decoded decoded(int i, Decoding inline) {
            if (ahead == null) {
                return inline.decode(records.get(i));
            }
            Decoded result = decoded.get(i);
            while (result == null) {
                int next = claimed.getAndIncrement();
                if (next < decoded.length()) {
                    decoded.set(next, inline.decode(records.get(next)));
                } else if (ahead.isDone() && decoded.get(i) == null) {
                    return failedAhead();
                } else if (Thread.currentThread().isInterrupted()) {
                    return null;
                } else {
                    // The decode thread is on record i: one record's work at most. Parked rather than spinning, so
                    // the decode thread has the core to itself when there is only one to share.
                    waiting = Thread.currentThread();
                    if (decoded.get(i) == null && !ahead.isDone()) {
                        LockSupport.parkNanos(this, PARK_LIMIT_NANOS);
                    }
                    waiting = null;
                }
                result = decoded.get(i);
            }
            return result;
        }

        private void wakeLoop() {
            Thread loop = waiting;
            if (loop != null) {
                LockSupport.unpark(loop);
            }
        }

        /** The decode task ended without decoding a claimed record: it threw. */
        private Decoded failedAhead() {
            try {
                ahead.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (java.util.concurrent.CancellationException e) {
                return null;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("The decode thread failed: " + cause, cause);
            }
            throw new IllegalStateException("The decode thread ended without decoding a record it claimed");
        }
    }

    /**
     * Processes one record.
     *
     * @return true when it is done with (handled, skipped or dead-lettered), false to read it again
     */
    private boolean process(ConsumerRecord<String, byte[]> record, Decoded decoded, Loop loop) {
        IdempotencyGuard guard = loop.guard;
        if (decoded.failure() != null) {
            return deadLetter(record, decoded.failure(), loop);
        }
        T value = type.cast(decoded.value());
        EventMetadata metadata = decoded.metadata();
        if (guard != null && guard.isHandled(metadata.id())) {
            log.debug("Skipping event {} at {}-{}@{}: group '{}' already handled it", metadata.id(), record.topic(),
                record.partition(), record.offset(), groupId);
            return true;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                handler.handle(value, metadata);
                if (guard != null) {
                    guard.markHandled(metadata.id());
                }
                return true;
            } catch (Exception e) {
                if (!isRetryable(e) || attempt >= backOff.maxAttempts()) {
                    log.warn("Handler failed on {}-{}@{} (attempt {} of {}), dead-lettering it: {}", record.topic(),
                        record.partition(), record.offset(), attempt, backOff.maxAttempts(), e.toString());
                    return deadLetter(record, e, loop);
                }
                log.info("Handler failed on {}-{}@{} (attempt {} of {}), retrying in {}: {}", record.topic(), record.partition(),
                    record.offset(), attempt, backOff.maxAttempts(), backOff.delayAfter(attempt), e.toString());
                if (waitOrClose(backOff.delayAfter(attempt))) {
                    return false;
                }
            }
        }
    }

    private boolean isRetryable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidHeadersException || t instanceof ClassCastException || t instanceof SignatureVerificationException) {
                return false;
            }
            for (Class<? extends Throwable> c : notRetryable) {
                if (c.isInstance(t)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return true when closing: stop waiting and stop processing */
    private boolean waitOrClose(Duration delay) {
        try {
            return closeSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, Exception failure, Loop loop) {
        DeadLetterStage stage = DeadLetterStage.of(failure);
        if (loop.dltProducer == null && deadLetters) {
            loop.dltProducer = newDeadLetterProducer(); // on the first dead letter only: most subscribers never need it
        }
        KafkaProducer<byte[], byte[]> producer = loop.dltProducer;
        if (producer == null) {
            log.warn("Skipping {}-{}@{} ({} failure; dead letters are disabled): {}", record.topic(), record.partition(),
                record.offset(), stage.code(), DeadLetterHeaders.reason(failure));
            return true;
        }
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        DeadLetterHeaders.springCompatible(record, failure, groupId).forEach(headers::add);
        DeadLetterHeaders.describe(record, failure, groupId).forEach(headers::add);
        String dlt = DeadLetterHeaders.deadLetterTopic(record.topic());
        byte[] key = record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            // In the try: a dead-letter topic missing from the metadata is a failure to write, read again later.
            Integer partition = producer.partitionsFor(dlt).size() > record.partition() ? record.partition() : null;
            producer.send(new ProducerRecord<>(dlt, partition, key, record.value(), headers)).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.warn("Dead-lettered {}-{}@{} to {} ({}): {}", record.topic(), record.partition(), record.offset(), dlt,
                stage.code(), DeadLetterHeaders.reason(failure));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
            log.error("Could not write {}-{}@{} to {}; it will be read again: {}", record.topic(), record.partition(),
                record.offset(), dlt, e.toString());
            waitOrClose(backOff.initialInterval());
            return false;
        }
    }

    private KafkaProducer<byte[], byte[]> newDeadLetterProducer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "enlace-subscriber-dlt-" + groupId);
        return new KafkaProducer<>(filter(config, ProducerConfig.configNames()), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Map<String, Object> filter(Map<String, Object> config, Set<String> known) {
        Map<String, Object> out = new HashMap<>();
        config.forEach((k, v) -> {
            if (known.contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The consumer group. */
    public String groupId() {
        return groupId;
    }

    /**
     * Stops the loop: wakes the consumer up, lets the record in progress finish (a back-off wait is
     * cut short and that record is read again next time), commits what was processed and closes the
     * clients. Waits up to 30 s for the loop to end unless called from the loop's own thread.
     */
    @Override
    public void close() {
        closing.set(true);
        closeSignal.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (started.get() && Thread.currentThread() != thread) {
            try {
                if (!stopped.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Subscriber of group '{}' did not stop within {}", groupId, CLOSE_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for the loop to end, however it ends.
     *
     * @param timeout how long to wait
     * @return true if it ended
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Builds an {@link EventSubscriber}; {@code bootstrapServers}, {@code groupId}, {@code topics} and
     * {@code handler} are required.
     *
     * @param <T> the generated Avro class
     */
    public static final class Builder<T> {
        private final Class<T> type;
        private final Set<String> topics = new LinkedHashSet<>();
        private String groupId;
        private final Map<String, Object> clientConfig = new HashMap<>();
        private String registryUrl = "http://127.0.0.1:8081";
        private EventHandler<? super T> handler;
        private BackOffPolicy backOff = BackOffPolicy.DEFAULT;
        private boolean deadLetters = true;
        private boolean guardEnabled;
        private String guardTopic = IdempotencyGuard.DEFAULT_TOPIC;
        private Duration guardRetention = IdempotencyGuard.DEFAULT_RETENTION;
        private final Set<Class<? extends Throwable>> notRetryable = new HashSet<>();
        private Duration pollTimeout = Duration.ofMillis(500);
        private Duration commitInterval = Duration.ofMillis(DEFAULT_COMMIT_INTERVAL_MS);
        private KeyDirectory signatureKeys;
        private boolean decodeAhead = true;

        private Builder(Class<T> type) {
            this.type = Objects.requireNonNull(type, "'type' cannot be null");
        }

        /** @param bootstrapServers {@code bootstrap.servers} of the bus */
        public Builder<T> bootstrapServers(String bootstrapServers) {
            clientConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers,
                "'bootstrapServers' cannot be null"));
            return this;
        }

        /** @param registryUrl schema registry URL(s); default {@code http://127.0.0.1:8081}; {@code mock://scope} in unit tests */
        public Builder<T> registryUrl(String registryUrl) {
            this.registryUrl = Objects.requireNonNull(registryUrl, "'registryUrl' cannot be null");
            return this;
        }

        /** @param groupId the consumer group; also keys the idempotency guard */
        public Builder<T> groupId(String groupId) {
            if (groupId == null || groupId.isBlank()) {
                throw new IllegalArgumentException("'groupId' cannot be blank");
            }
            this.groupId = groupId;
            return this;
        }

        /** @param topics topics to subscribe to */
        public Builder<T> topics(String... topics) {
            return topics(List.of(topics));
        }

        /** @param topics topics to subscribe to */
        public Builder<T> topics(Collection<String> topics) {
            this.topics.addAll(topics);
            return this;
        }

        /** @param handler what to do with each event */
        public Builder<T> handler(EventHandler<? super T> handler) {
            this.handler = Objects.requireNonNull(handler, "'handler' cannot be null");
            return this;
        }

        /** @param backOff retries of a failing handler; default {@link BackOffPolicy#DEFAULT} */
        public Builder<T> backOff(BackOffPolicy backOff) {
            this.backOff = Objects.requireNonNull(backOff, "'backOff' cannot be null");
            return this;
        }

        /** @param enabled publish failed records to {@code <topic>.dlt} (default true); false logs and skips them */
        public Builder<T> deadLetters(boolean enabled) {
            this.deadLetters = enabled;
            return this;
        }

        /** @param enabled skip events this group already handled (default false); see {@link IdempotencyGuard} */
        public Builder<T> idempotencyGuard(boolean enabled) {
            this.guardEnabled = enabled;
            return this;
        }

        /**
         * @param retention how long the guard remembers a handled id; default {@value
         *                  IdempotencyGuard#DEFAULT_RETENTION_DAYS} days
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder<T> idempotencyGuardRetention(Duration retention) {
            this.guardRetention = IdempotencyGuard.checkRetention(retention);
            return this;
        }

        /** @param topic the guard's topic; default {@value IdempotencyGuard#DEFAULT_TOPIC} */
        public Builder<T> idempotencyGuardTopic(String topic) {
            this.guardTopic = Objects.requireNonNull(topic, "'topic' cannot be null");
            return this;
        }

        /**
         * Exceptions that are dead-lettered at once, without retries (besides
         * {@link InvalidHeadersException} and {@link ClassCastException}).
         */
        @SafeVarargs
        public final Builder<T> notRetryable(Class<? extends Throwable>... types) {
            notRetryable.addAll(List.of(types));
            return this;
        }

        /** @param key a Kafka client key (e.g. {@code security.protocol}, {@code max.poll.records}); applied to every client */
        public Builder<T> clientProperty(String key, Object value) {
            clientConfig.put(Objects.requireNonNull(key, "'key' cannot be null"), value);
            return this;
        }

        /**
         * Verifies each record's {@code ce_signature} before anything else: a record that is unsigned or whose
         * signature does not verify goes to {@code <topic>.dlt} at once with stage {@code verify}, and the
         * partition moves on. Off by default.
         *
         * @param keys the published keys, e.g. {@code KeyDirectory.url(URI.create("http://platform:8080/api/v1/keys"))}
         *             or {@code KeyDirectory.folder(Path.of("keys"))}
         */
        public Builder<T> verifySignatures(KeyDirectory keys) {
            this.signatureKeys = Objects.requireNonNull(keys, "'keys' cannot be null");
            return this;
        }

        /**
         * Whether batches of at least {@value EventSubscriber#DECODE_AHEAD_MIN_RECORDS} records are verified,
         * deserialised and their headers parsed on a second thread, pipelined with polling and handling (default
         * true): catching up on a backlog, decoding (the bulk of a record's cost: Avro and the {@code ce_*}
         * headers) is shared by two threads instead of one. Handling stays on one thread in partition order, and
         * the error policy and commits are the same either way.
         *
         * @param enabled false to decode every record on the loop's thread
         */
        public Builder<T> decodeAhead(boolean enabled) {
            this.decodeAhead = enabled;
            return this;
        }

        /** @param pollTimeout longest wait of one poll; default 500 ms */
        public Builder<T> pollTimeout(Duration pollTimeout) {
            this.pollTimeout = Objects.requireNonNull(pollTimeout, "'pollTimeout' cannot be null");
            return this;
        }

        /**
         * How long processed offsets may wait before the loop commits them (asynchronously); default
         * {@value EventSubscriber#DEFAULT_COMMIT_INTERVAL_MS} ms. A commit is a write to the group's
         * coordinator, so committing after every polled batch costs a busy broker a write per few hundred records;
         * at most this much more is read again after a crash (revocation and {@link EventSubscriber#close()}
         * always commit). Zero commits after every batch.
         *
         * @param commitInterval zero or more
         */
        public Builder<T> commitInterval(Duration commitInterval) {
            Objects.requireNonNull(commitInterval, "'commitInterval' cannot be null");
            if (commitInterval.isNegative()) {
                throw new IllegalArgumentException("'commitInterval' cannot be negative, not " + commitInterval);
            }
            this.commitInterval = commitInterval;
            return this;
        }

        /**
         * @return the subscriber, not started
         * @throws IllegalStateException naming a missing setting
         */
        public EventSubscriber<T> build() {
            List<String> missing = new ArrayList<>();
            if (!clientConfig.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                missing.add("bootstrapServers");
            }
            if (groupId == null) {
                missing.add("groupId");
            }
            if (topics.isEmpty()) {
                missing.add("topics");
            }
            if (handler == null) {
                missing.add("handler");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("EventSubscriber needs " + String.join(", ", missing));
            }
            return new EventSubscriber<>(this);
        }
    }
}
