package gt.enlace.survey.responses;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import gt.enlace.survey.ResponseSubmitted;
import gt.enlace.survey.SurveyAnswer;
import gt.enlace.survey.SurveyTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every survey response on {@value SurveyTopics#RESPONSES}, read from the beginning into memory by a background
 * thread and kept up to date: the latest per institution and round (a resubmission replaces the earlier one),
 * and the full history. A record that is not a {@code ResponseSubmitted} is skipped with a warning. Thread-safe.
 *
 * <p>Rounds are ordered by their first submission: a round's position is the time its earliest response
 * arrived, ties broken by name.
 */
public final class ResponseView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResponseView.class);

    private final Consumer<String, Object> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<StoredResponse> history = new ArrayList<>();
    private final Map<String, StoredResponse> latest = new LinkedHashMap<>();
    private final Map<String, Instant> roundStarts = new HashMap<>();
    private volatile boolean caughtUp;

    /**
     * @param consumer a consumer with a String key deserializer and the Avro value deserializer (specific reader);
     *                 the view assigns it every partition of the topic and owns it from now on
     */
    public ResponseView(Consumer<String, Object> consumer) {
        this.consumer = Objects.requireNonNull(consumer, "'consumer' cannot be null");
        this.thread = new Thread(this::run, "enlace-survey-responses");
        this.thread.setDaemon(true);
    }

    /** Starts reading; returns at once. */
    public ResponseView start() {
        thread.start();
        return this;
    }

    /** Whether the view has read up to the end the topic had when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The latest response per institution and round. */
    public synchronized List<StoredResponse> latest() {
        return List.copyOf(latest.values());
    }

    /** The latest response of an institution in a round, if any. */
    public synchronized Optional<StoredResponse> latest(String institution, String round) {
        return Optional.ofNullable(latest.get(SurveyTopics.responseKey(institution, round)));
    }

    /** Every submission of an institution, oldest first. */
    public synchronized List<StoredResponse> history(String institution) {
        return history.stream().filter(r -> r.institution().equals(institution)).toList();
    }

    /** Every round with at least one response, oldest first. */
    public synchronized List<String> rounds() {
        return roundStarts.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** Adds a response as if read from the topic; what the background thread calls, public for tests. */
    public synchronized void add(StoredResponse response) {
        history.add(response);
        latest.put(SurveyTopics.responseKey(response.institution(), response.round()), response);
        roundStarts.merge(response.round(), response.submittedAt(), (a, b) -> a.isBefore(b) ? a : b);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(SurveyTopics.RESPONSES, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            caughtUp = ends.values().stream().allMatch(e -> e == 0);
            while (running.get()) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
                if (!caughtUp) {
                    caughtUp = ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (RuntimeException e) {
            if (running.get()) {
                log.error("The survey response view stopped reading {}: {}", SurveyTopics.RESPONSES, e.getMessage(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof ResponseSubmitted event)) {
            log.warn("Skipping {}-{}@{}: not a ResponseSubmitted", record.topic(), record.partition(), record.offset());
            return;
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (SurveyAnswer answer : event.getAnswers()) {
            answers.put(answer.getItem(), answer.getValue());
        }
        Header id = record.headers().lastHeader("ce_id");
        add(new StoredResponse(event.getInstitution(), event.getRound(), event.getInstrumentVersion(), answers,
                event.getRespondent(), event.getOrigin().name(), Instant.ofEpochMilli(record.timestamp()),
                id == null ? null : new String(id.value(), java.nio.charset.StandardCharsets.UTF_8), record.partition(),
                record.offset()));
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            if (!thread.isAlive()) {
                // Never started (or already ended): the consumer is closed here rather than by the thread.
                if (thread.getState() == Thread.State.NEW) {
                    consumer.close(Duration.ofSeconds(5));
                }
                return;
            }
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
