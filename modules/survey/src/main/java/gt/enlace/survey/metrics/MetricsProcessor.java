package gt.enlace.survey.metrics;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
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
 * count). A subscription sample ({@link SubscriptionSamples}) adds its {@code group@topic} key to the subscriptions
 * of the topic's institution in the period of its timestamp. The survey's responses topic is not exchange traffic and is skipped.
 *
 * <p>Per event the work is kept small, because every bus event passes here: header values are compared as bytes
 * (the last {@code ce_source} seen and its institution are remembered), {@code ce_time} in the form the bus writes
 * is read without a {@code DateTimeFormatter} ({@link #epochMillis}), the day of the last timestamp is remembered
 * with its bounds, and the values this task last wrote are kept as objects ({@link #RECENT_KEYS} of them), so the
 * store is read only for a key not written lately. The store has a record cache (see {@link ObservedMetricsTopology}),
 * so a put is an in-memory write; RocksDB and the changelog see one write per key per commit.
 */
final class MetricsProcessor implements Processor<byte[], byte[], Void, Void> {

    /** Keys whose last written value this processor keeps as an object. */
    static final int RECENT_KEYS = 256;

    private static final Logger log = LoggerFactory.getLogger(MetricsProcessor.class);
    private static final Pattern SOURCE = Pattern.compile("/gt/([a-z][a-z0-9]*)/.+");
    private static final Channel[] CHANNELS = Channel.values();
    private static final byte[][] CHANNEL_CODES = Arrays.stream(CHANNELS)
            .map(c -> c.code().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

    private final String storeName;
    private final MetricsSettings settings;
    private final Deserializer<Object> manualDeserializer;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, PeriodMetrics> store;

    /**
     * The values this task last wrote, by key. Only this processor writes its task's store, so they equal what the
     * store holds; the map is emptied whenever the task is (re)initialised or closed.
     */
    private final Map<String, PeriodMetrics> recent = new LinkedHashMap<>(RECENT_KEYS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PeriodMetrics> eldest) {
            return size() > RECENT_KEYS;
        }
    };

    // The day holding the last record timestamp seen, as [dayStartMillis, dayEndMillis) in the settings' zone.
    private long dayStartMillis = Long.MAX_VALUE;
    private long dayEndMillis = Long.MIN_VALUE;
    private LocalDate day;

    // The last institution and day counted, and their store key.
    private String lastInstitution;
    private LocalDate lastDay;
    private String lastPeriodKey;
    private String lastKey;

    // The last ce_source value seen and the institution it names (null: it names none).
    private byte[] lastSource;
    private String lastSourceInstitution;

    MetricsProcessor(String storeName, MetricsSettings settings, Deserializer<Object> manualDeserializer) {
        this.storeName = storeName;
        this.settings = settings;
        this.manualDeserializer = manualDeserializer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        recent.clear();
    }

    @Override
    public void close() {
        recent.clear();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        if (topic != null && topic.equals(SubscriptionSamples.TOPIC)) {
            subscriptionSample(record);
            return;
        }
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
        Headers headers = record.headers();
        String institution = institution(headers);
        if (institution == null) {
            String dataTopic = deadLetter ? topic.substring(0, topic.length() - Topics.DEAD_LETTER_SUFFIX.length()) : topic;
            institution = topicInstitution(dataTopic);
        }
        LocalDate day = day(record.timestamp());
        if (deadLetter) {
            update(institution, day, m -> with(m, 0, 0, 0, 0, 0, 1, 0, 0, null, null, null));
            return;
        }
        Channel channel = channel(headers);
        Integer latencyBucket = latency(headers, record.timestamp());
        update(institution, day, m -> with(m,
                channel == Channel.SDK ? 1 : 0,
                channel == Channel.GATEWAY ? 1 : 0,
                channel == Channel.CSV_BRIDGE ? 1 : 0,
                channel == Channel.DECLARED_MANUAL ? 1 : 0,
                channel == null ? 1 : 0, 0, 0, 0, null, null, latencyBucket));
    }

    /** A consumer group advanced on a data topic: one active subscription of the topic's institution. */
    private void subscriptionSample(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String topic = SubscriptionSamples.topicOf(key).orElse(null);
        if (topic == null) {
            log.warn("Skipping a record of {} whose key '{}' is not <group>@<data topic>", SubscriptionSamples.TOPIC, key);
            return;
        }
        update(Topics.institutionOf(topic), day(record.timestamp()), m -> m.withSubscription(key));
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
        if (!institution.equals(lastInstitution) || !day.equals(lastDay)) {
            lastPeriodKey = period.key(day);
            lastKey = institution + "|" + lastPeriodKey;
            lastInstitution = institution;
            lastDay = day;
        }
        String key = lastKey;
        PeriodMetrics current = recent.get(key);
        if (current == null) {
            current = store.get(key);
        }
        if (current == null) {
            current = PeriodMetrics.empty(institution, lastPeriodKey, period.start(day));
        }
        PeriodMetrics next = change.apply(current);
        store.put(key, next);
        recent.put(key, next);
    }

    /** The calendar day of {@code timestamp} in the settings' zone; the last day's bounds are remembered. */
    private LocalDate day(long timestamp) {
        if (timestamp >= dayStartMillis && timestamp < dayEndMillis) {
            return day;
        }
        LocalDate d = Instant.ofEpochMilli(timestamp).atZone(settings.zone()).toLocalDate();
        try {
            long start = d.atStartOfDay(settings.zone()).toInstant().toEpochMilli();
            long end = d.plusDays(1).atStartOfDay(settings.zone()).toInstant().toEpochMilli();
            if (timestamp >= start && timestamp < end) {
                dayStartMillis = start;
                dayEndMillis = end;
                day = d;
            }
        } catch (DateTimeException | ArithmeticException e) {
            // at the edges of the time line: no bounds to remember
        }
        return d;
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
            // PeriodMetrics copies its maps: hand it a view, so that the histogram is copied once, not twice.
            latency = new PlusOne(latency, latencyBucket);
        }
        return new PeriodMetrics(m.institution(), m.periodKey(), m.periodStart(), m.sdk() + sdk, m.gateway() + gateway,
                m.csvBridge() + csv, m.declaredManual() + declaredManual, m.unknownChannel() + unknown,
                m.deadLettered() + deadLettered, m.manualDeclarations() + declarations, m.manualRecords() + manualRecords,
                byMedium, byCounterpart, latency, m.subscriptions());
    }

    /**
     * A histogram with one more count in one bucket, as a read-only view of {@code base}: what
     * {@link PeriodMetrics}' constructor needs to copy it (a sorted iteration and the size), nothing more.
     */
    static final class PlusOne extends AbstractMap<Integer, Long> implements SortedMap<Integer, Long> {
        private final SortedMap<Integer, Long> base;
        private final Integer bucket;
        private final boolean isNew;

        PlusOne(SortedMap<Integer, Long> base, Integer bucket) {
            if (base.comparator() != null) {
                throw new IllegalArgumentException("the histogram must be in natural order");
            }
            this.base = base;
            this.bucket = bucket;
            this.isNew = !base.containsKey(bucket);
        }

        @Override
        public int size() {
            return base.size() + (isNew ? 1 : 0);
        }

        @Override
        public Comparator<? super Integer> comparator() {
            return null;
        }

        @Override
        public Set<Map.Entry<Integer, Long>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return PlusOne.this.size();
                }

                @Override
                public Iterator<Map.Entry<Integer, Long>> iterator() {
                    Iterator<Map.Entry<Integer, Long>> it = base.entrySet().iterator();
                    return new Iterator<>() {
                        private Map.Entry<Integer, Long> pending = it.hasNext() ? it.next() : null;
                        private boolean added = !isNew;

                        @Override
                        public boolean hasNext() {
                            return pending != null || !added;
                        }

                        @Override
                        public Map.Entry<Integer, Long> next() {
                            if (!added && (pending == null || bucket < pending.getKey())) {
                                added = true;
                                return Map.entry(bucket, 1L);
                            }
                            if (pending == null) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<Integer, Long> e = pending;
                            pending = it.hasNext() ? it.next() : null;
                            return e.getKey().equals(bucket) ? Map.entry(bucket, e.getValue() + 1) : e;
                        }
                    };
                }
            };
        }

        @Override
        public Integer firstKey() {
            return isNew && (base.isEmpty() || bucket < base.firstKey()) ? bucket : base.firstKey();
        }

        @Override
        public Integer lastKey() {
            return isNew && (base.isEmpty() || bucket > base.lastKey()) ? bucket : base.lastKey();
        }

        @Override
        public SortedMap<Integer, Long> subMap(Integer fromKey, Integer toKey) {
            return snapshot().subMap(fromKey, toKey);
        }

        @Override
        public SortedMap<Integer, Long> headMap(Integer toKey) {
            return snapshot().headMap(toKey);
        }

        @Override
        public SortedMap<Integer, Long> tailMap(Integer fromKey) {
            return snapshot().tailMap(fromKey);
        }

        private SortedMap<Integer, Long> snapshot() {
            return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(this));
        }
    }

    /** The institution {@code ce_source} names ({@code /gt/<institution>/…}), or null. */
    private String institution(Headers headers) {
        Header header = headers.lastHeader(HeaderNames.SOURCE);
        byte[] value = header == null ? null : header.value();
        if (value == null) {
            return null;
        }
        if (!Arrays.equals(value, lastSource)) {
            Matcher m = SOURCE.matcher(new String(value, StandardCharsets.UTF_8));
            lastSourceInstitution = m.matches() ? m.group(1) : null;
            lastSource = value.clone();
        }
        return lastSourceInstitution;
    }

    /** The channel {@code ce_channel} names, or null when it is missing or unknown. */
    private static Channel channel(Headers headers) {
        Header header = headers.lastHeader(HeaderNames.CHANNEL);
        byte[] value = header == null ? null : header.value();
        if (value == null) {
            return null;
        }
        for (int i = 0; i < CHANNELS.length; i++) {
            if (Arrays.equals(value, CHANNEL_CODES[i])) {
                return CHANNELS[i];
            }
        }
        return null;
    }

    private static String topicInstitution(String topic) {
        try {
            return Topics.institutionOf(topic);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static Integer latency(Headers headers, long timestamp) {
        Header header = headers.lastHeader(HeaderNames.TIME);
        byte[] value = header == null ? null : header.value();
        if (value == null) {
            return null;
        }
        long eventTime = epochMillis(value);
        if (eventTime == Long.MIN_VALUE) {
            try {
                eventTime = OffsetDateTime.parse(new String(value, StandardCharsets.UTF_8)).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                return null;
            }
        }
        return LatencyHistogram.bucket(timestamp - eventTime);
    }

    /**
     * {@code ce_time} as epoch milliseconds when it has the form the bus writes, {@code yyyy-MM-ddTHH:mm:ss}, an
     * optional fraction of 1 to 9 digits, then {@code Z} or {@code ±HH:MM}, with every field in range; otherwise
     * {@link Long#MIN_VALUE}, and the caller parses it with {@link OffsetDateTime#parse} (the same answer, slower).
     */
    static long epochMillis(byte[] v) {
        int n = v.length;
        if (n < 20 || v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':' || v[16] != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int dayOfMonth = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0 || month < 0 || dayOfMonth < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        long nanos = 0;
        if (v[i] == '.') {
            int start = ++i;
            while (i < n && v[i] >= '0' && v[i] <= '9') {
                i++;
            }
            int fractionDigits = i - start;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return Long.MIN_VALUE;
            }
            nanos = digits(v, start, fractionDigits);
            for (int k = fractionDigits; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && v[i] == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (v[i] == '+' || v[i] == '-') && v[i + 3] == ':') {
            int oh = digits(v, i + 1, 2);
            int om = digits(v, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 17 || om > 59 || (v[i] == '-' && oh == 0 && om == 0)) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (v[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, dayOfMonth).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
        long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond * 1000 + nanos / 1_000_000;
    }

    /** The non-negative number written by {@code length} ASCII digits at {@code from}, or -1. */
    private static int digits(byte[] v, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            int d = v[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }
}
