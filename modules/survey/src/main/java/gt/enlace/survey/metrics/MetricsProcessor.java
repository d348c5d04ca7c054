package gt.enlace.survey.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.HeaderNames;
import gt.enlace.bus.topics.Topics;
import gt.enlace.survey.ManualExchangeDeclared;
import gt.enlace.survey.SurveyTopics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts one record into the {@link PeriodMetrics} of its institution and period. Data topics and dead-letter
 * topics are read as bytes and never deserialised; only the manual exchange log's values are (for the records
 * count). The survey's responses topic is not exchange traffic and is skipped.
 */
final class MetricsProcessor implements Processor<byte[], byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(MetricsProcessor.class);
    private static final Pattern SOURCE = Pattern.compile("/gt/([a-z][a-z0-9]*)/.+");

    private final String storeName;
    private final MetricsSettings settings;
    private final Deserializer<Object> manualDeserializer;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, PeriodMetrics> store;

    MetricsProcessor(String storeName, MetricsSettings settings, Deserializer<Object> manualDeserializer) {
        this.storeName = storeName;
        this.settings = settings;
        this.manualDeserializer = manualDeserializer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        if (topic == null || topic.equals(SurveyTopics.RESPONSES) || topic.equals(SurveyTopics.RESPONSES + Topics.DEAD_LETTER_SUFFIX)) {
            return;
        }
        if (topic.equals(SurveyTopics.MANUAL_EXCHANGES)) {
            manualExchange(topic, record);
            return;
        }
        if (topic.equals(SurveyTopics.MANUAL_EXCHANGES + Topics.DEAD_LETTER_SUFFIX)) {
            return;
        }
        boolean deadLetter = Topics.isDeadLetterTopic(topic);
        String dataTopic = deadLetter ? topic.substring(0, topic.length() - Topics.DEAD_LETTER_SUFFIX.length()) : topic;
        Headers headers = record.headers();
        String institution = institution(headers).orElseGet(() -> topicInstitution(dataTopic));
        LocalDate day = Instant.ofEpochMilli(record.timestamp()).atZone(settings.zone()).toLocalDate();
        update(institution, day, m -> {
            if (deadLetter) {
                return with(m, 0, 0, 0, 0, 0, 1, 0, 0, null, null, null);
            }
            Optional<Channel> channel = Channel.fromCode(text(headers, HeaderNames.CHANNEL));
            Integer latencyBucket = latency(headers, record.timestamp());
            return with(m,
                    channel.filter(c -> c == Channel.SDK).isPresent() ? 1 : 0,
                    channel.filter(c -> c == Channel.GATEWAY).isPresent() ? 1 : 0,
                    channel.filter(c -> c == Channel.CSV_BRIDGE).isPresent() ? 1 : 0,
                    channel.filter(c -> c == Channel.DECLARED_MANUAL).isPresent() ? 1 : 0,
                    channel.isEmpty() ? 1 : 0, 0, 0, 0, null, null, latencyBucket);
        });
    }

    private void manualExchange(String topic, Record<byte[], byte[]> record) {
        Object value;
        try {
            value = record.value() == null ? null : manualDeserializer.deserialize(topic, record.headers(), record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping a record of {} that cannot be read as a ManualExchangeDeclared: {}", topic, e.getMessage());
            return;
        }
        if (!(value instanceof ManualExchangeDeclared declared)) {
            log.warn("Skipping a record of {} that is not a ManualExchangeDeclared", topic);
            return;
        }
        String medium = declared.getMedium().name().toLowerCase(Locale.ROOT);
        update(declared.getInstitution(), declared.getDate(), m -> with(m, 0, 0, 0, 0, 0, 0, 1,
                declared.getRecords(), medium, declared.getCounterpart(), null));
    }

    private void update(String institution, LocalDate day, java.util.function.UnaryOperator<PeriodMetrics> change) {
        Period period = settings.period();
        String key = institution + "|" + period.key(day);
        PeriodMetrics current = store.get(key);
        if (current == null) {
            current = PeriodMetrics.empty(institution, period.key(day), period.start(day));
        }
        store.put(key, change.apply(current));
    }

    private static PeriodMetrics with(PeriodMetrics m, long sdk, long gateway, long csv, long declaredManual, long unknown,
                                      long deadLettered, long declarations, long manualRecords, String medium,
                                      String counterpart, Integer latencyBucket) {
        SortedMap<String, Long> byMedium = m.manualByMedium();
        SortedMap<String, Long> byCounterpart = m.manualByCounterpart();
        SortedMap<Integer, Long> latency = m.latencyBuckets();
        if (medium != null) {
            byMedium = PeriodMetrics.merge(byMedium, Map.of(medium, manualRecords));
        }
        if (counterpart != null) {
            byCounterpart = PeriodMetrics.merge(byCounterpart, Map.of(counterpart, manualRecords));
        }
        if (latencyBucket != null) {
            latency = new TreeMap<>(latency);
            latency.merge(latencyBucket, 1L, Long::sum);
        }
        return new PeriodMetrics(m.institution(), m.periodKey(), m.periodStart(), m.sdk() + sdk, m.gateway() + gateway,
                m.csvBridge() + csv, m.declaredManual() + declaredManual, m.unknownChannel() + unknown,
                m.deadLettered() + deadLettered, m.manualDeclarations() + declarations, m.manualRecords() + manualRecords,
                byMedium, byCounterpart, latency);
    }

    private static Optional<String> institution(Headers headers) {
        String source = text(headers, HeaderNames.SOURCE);
        if (source == null) {
            return Optional.empty();
        }
        Matcher m = SOURCE.matcher(source);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String topicInstitution(String topic) {
        try {
            return Topics.institutionOf(topic);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static Integer latency(Headers headers, long timestamp) {
        String time = text(headers, HeaderNames.TIME);
        if (time == null) {
            return null;
        }
        try {
            long eventTime = OffsetDateTime.parse(time).toInstant().toEpochMilli();
            return LatencyHistogram.bucket(timestamp - eventTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
