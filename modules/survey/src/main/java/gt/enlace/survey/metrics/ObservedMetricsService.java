package gt.enlace.survey.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import gt.enlace.bus.agreements.AgreementCodec;
import gt.enlace.bus.topics.InternalTopics;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ObservedMetricsTopology} as Kafka Streams application {@value #DEFAULT_APPLICATION_ID} and answers
 * queries from its state stores (interactive queries): {@link PeriodMetrics} per institution and period
 * ({@link #all()}), and the agreements, counted per institution and period when asked
 * ({@link #agreementsInForce}, {@link #agreementTotalsByInstitution}). State lives in Kafka: the store's changelog topic and the
 * committed offsets, with exactly-once processing, so a restart — even with the local state directory wiped —
 * resumes with the same numbers.
 *
 * <p><b>Several instances</b> (the survey role on several hosts, same application id) split the topology's tasks
 * through the consumer group: each processes the partitions of its {@link #activeTasks() active tasks}. Each also
 * keeps a standby copy of the others' tasks ({@value #STANDBY_REPLICAS} standby replica, kept current from the
 * changelog topic), and {@link #all()} reads its active and standby stores together: every instance answers from the
 * whole table, so two instances give the same numbers (a standby trails its active task by at most a commit
 * interval), and when one stops the other already holds its state and takes its tasks over without a restore. With
 * more than two instances a task has a copy on only two of them; such deployments need
 * {@code num.standby.replicas} = instances − 1 in the properties given to {@link #start}.
 */
public final class ObservedMetricsService implements AutoCloseable {

    /** The Kafka Streams application id: its internal topics start with it. */
    public static final String DEFAULT_APPLICATION_ID = "_enlace.survey-metrics";

    private static final Logger log = LoggerFactory.getLogger(ObservedMetricsService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    /**
     * Stream threads per instance by default. Each thread runs some of the topology's tasks (one per partition number
     * of the busiest topic, 6 with the bundled catalog); two threads count about 1.4 times as many events per second
     * as one on a 2-core machine (benchmark row {@code survey.topology}). A host that gives the survey role a single
     * core sets the platform's {@code enlace.survey.stream-threads} to 1.
     */
    public static final int DEFAULT_STREAM_THREADS = 2;

    /** Standby replicas per task: with two instances, each holds a copy of every task (see the class comment). */
    public static final int STANDBY_REPLICAS = 1;

    private final KafkaStreams streams;
    private final MetricsSettings settings;

    private ObservedMetricsService(KafkaStreams streams, MetricsSettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    /** The periods and zone the topology counts in. */
    public MetricsSettings settings() {
        return settings;
    }

    /**
     * The Streams configuration the service uses: exactly-once v2, a commit every 200 ms, {@value #DEFAULT_STREAM_THREADS}
     * stream thread, {@value #STANDBY_REPLICAS} standby replica; the store's record cache keeps Streams' default size
     * ({@code statestore.cache.max.bytes}, 10 MiB shared by the threads), far more than the topology's few keys per
     * task need.
     *
     * @param applicationId    e.g. {@value #DEFAULT_APPLICATION_ID}
     * @param bootstrapServers Kafka
     * @param stateDir         local directory for the RocksDB stores (a cache of the changelog)
     */
    public static Properties streamsConfig(String applicationId, String bootstrapServers, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, DEFAULT_STREAM_THREADS);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, STANDBY_REPLICAS);
        // New catalog topics join the pattern subscription within this time.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), 30_000);
        // After a crash (no leave-group), a restarted instance waits this long for the old member to be dropped.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        return props;
    }

    /**
     * Starts the topology and returns at once; queries fail with {@link MetricsUnavailableException} until it runs.
     *
     * @param streamsConfig from {@link #streamsConfig}, possibly adjusted
     * @param registryUrl   the schema registry, to read the manual exchange log
     * @param settings      periods and zone
     */
    public static ObservedMetricsService start(Properties streamsConfig, String registryUrl, MetricsSettings settings) {
        KafkaAvroDeserializer avro = new KafkaAvroDeserializer();
        avro.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
                KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true), false);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Deserializer<Object> manual = (Deserializer) avro;
        createInternalTopics(streamsConfig);
        KafkaStreams streams = new KafkaStreams(ObservedMetricsTopology.build(settings, manual), streamsConfig);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("The survey metrics topology failed; replacing its thread: {}", e.getMessage(), e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new ObservedMetricsService(streams, settings);
    }

    /**
     * Creates {@value SubscriptionSamples#TOPIC} and {@value AgreementCodec#TOPIC} before the topology starts, if they
     * are missing. Their sources are patterns, so the topology also starts without them; but a topic that appears
     * while several instances run can reach one instance's tasks before its topology knows the topic, which stops that
     * instance's stream thread. Kafka not answering (or refusing, for a principal without CREATE) is logged, and the
     * topology starts anyway.
     */
    private static void createInternalTopics(Properties streamsConfig) {
        Map<String, Object> adminConfig = new HashMap<>();
        streamsConfig.forEach((key, value) -> {
            String k = String.valueOf(key);
            if (org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(k) || k.startsWith("sasl.")
                    || k.startsWith("ssl.")) {
                adminConfig.put(k, value);
            }
        });
        adminConfig.put(org.apache.kafka.clients.admin.AdminClientConfig.CLIENT_ID_CONFIG, "enlace-survey-metrics-setup");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(adminConfig)) {
            SubscriptionSamples.ensureTopic(admin);
            InternalTopics.ensure(admin, AgreementCodec.TOPIC, AgreementCodec.TOPIC_CONFIGS, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("Could not make sure {} and {} exist before starting the metrics topology: {}",
                    SubscriptionSamples.TOPIC, AgreementCodec.TOPIC, e.getMessage());
        }
    }

    /** The state of the Kafka Streams application, e.g. {@code RUNNING}. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The tasks this instance processes, e.g. {@code [0_0, 0_3]}: its share of the work. */
    public java.util.SortedSet<String> activeTasks() {
        java.util.SortedSet<String> tasks = new java.util.TreeSet<>();
        streams.metadataForLocalThreads().forEach(t -> t.activeTasks().forEach(task -> tasks.add(task.taskId().toString())));
        return tasks;
    }

    /** The tasks of which this instance keeps a standby copy (the ones other instances process). */
    public java.util.SortedSet<String> standbyTasks() {
        java.util.SortedSet<String> tasks = new java.util.TreeSet<>();
        streams.metadataForLocalThreads().forEach(t -> t.standbyTasks().forEach(task -> tasks.add(task.taskId().toString())));
        return tasks;
    }

    /**
     * Every institution's metrics, one entry per institution and period, from this instance's active and standby
     * stores (see the class comment).
     *
     * @throws MetricsUnavailableException while the store cannot be queried
     */
    public List<PeriodMetrics> all() {
        return combine(read(ObservedMetricsTopology.STORE));
    }

    /**
     * Every data-sharing agreement seen on {@code _enlace.agreements}, with the time it was in force (from this
     * instance's active and standby stores, as {@link #all()}); count them per period with
     * {@link #agreementsInForce}.
     *
     * @throws MetricsUnavailableException while the store cannot be queried
     */
    public List<AgreementSpan> agreements() {
        if (streams.state() == KafkaStreams.State.RUNNING && !hasLocalTasksOf(AgreementCodec.TOPIC)) {
            // No agreements topic (a bus without security has none) means no task and no store to query: none.
            return List.of();
        }
        return read(ObservedMetricsTopology.AGREEMENTS_STORE);
    }

    /** Whether an active or standby task of this instance reads {@code topic}. */
    private boolean hasLocalTasksOf(String topic) {
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (java.util.Set<TaskMetadata> tasks : List.of(thread.activeTasks(), thread.standbyTasks())) {
                for (TaskMetadata task : tasks) {
                    if (task.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The agreements of {@code institution}, as provider or consumer, in force at some instant of the period that
     * holds {@code day}.
     *
     * @throws MetricsUnavailableException while the store cannot be queried
     */
    public AgreementsInForce agreementsInForce(String institution, java.time.LocalDate day) {
        return AgreementsInForce.of(agreements(), institution, day, settings);
    }

    private <V> List<V> read(String storeName) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new MetricsUnavailableException("the observed metrics are not ready (Kafka Streams is "
                    + state + "); retry in a few seconds", null);
        }
        try {
            // Stale stores include the standby copies: without them an instance would answer for its own tasks only.
            ReadOnlyKeyValueStore<String, V> store = streams.store(StoreQueryParameters.fromNameAndType(
                    storeName, QueryableStoreTypes.<String, V>keyValueStore()).enableStaleStores());
            List<V> all = new ArrayList<>();
            try (KeyValueIterator<String, V> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, V> next = it.next();
                    all.add(next.value);
                }
            }
            return all;
        } catch (InvalidStateStoreException e) {
            throw new MetricsUnavailableException("the observed metrics are being restored; retry in a few seconds", e);
        }
    }

    /**
     * One entry per institution and period: the store is partitioned like the input topics (there is no repartition
     * by key), so each stream task holds its own partial counts of an institution's period and the store's
     * {@code all()} returns one entry per task; they are summed here.
     */
    public static List<PeriodMetrics> combine(List<PeriodMetrics> entries) {
        Map<String, PeriodMetrics> byKey = new java.util.LinkedHashMap<>();
        for (PeriodMetrics m : entries) {
            byKey.merge(m.institution() + "|" + m.periodKey(), m, PeriodMetrics::plus);
        }
        return new ArrayList<>(byKey.values());
    }

    /** Sums {@code metrics} per institution over every period whose start lies in [from, to] (nulls: unbounded). */
    public static Map<String, PeriodMetrics> totalsByInstitution(List<PeriodMetrics> metrics, java.time.LocalDate from,
                                                                 java.time.LocalDate to) {
        Map<String, PeriodMetrics> totals = new HashMap<>();
        for (PeriodMetrics m : metrics) {
            if ((from != null && m.periodStart().isBefore(from)) || (to != null && m.periodStart().isAfter(to))) {
                continue;
            }
            totals.merge(m.institution(), m, PeriodMetrics::plus);
        }
        return totals;
    }

    /**
     * Per institution, the agreements in force in any period whose start lies in [from, to] (nulls: unbounded) among
     * {@code periods}, each agreement once (see {@link AgreementsInForce#plus}). Institutions without any are left out.
     *
     * @param agreements   the agreements' spans ({@link #agreements()})
     * @param periodStarts first days of the periods to count, e.g. those of {@link #all()}
     */
    public static Map<String, AgreementsInForce> agreementTotalsByInstitution(List<AgreementSpan> agreements,
                                                                              java.util.Collection<java.time.LocalDate> periodStarts,
                                                                              MetricsSettings settings,
                                                                              java.time.LocalDate from,
                                                                              java.time.LocalDate to) {
        java.util.Set<String> institutions = new java.util.TreeSet<>();
        agreements.forEach(a -> {
            institutions.add(a.provider());
            institutions.add(a.consumer());
        });
        Map<String, AgreementsInForce> totals = new HashMap<>();
        for (java.time.LocalDate start : new java.util.TreeSet<>(periodStarts)) {
            if ((from != null && start.isBefore(from)) || (to != null && start.isAfter(to))) {
                continue;
            }
            for (String institution : institutions) {
                AgreementsInForce inForce = AgreementsInForce.of(agreements, institution, start, settings);
                if (inForce.inForceCount() > 0) {
                    totals.merge(institution, inForce, AgreementsInForce::plus);
                }
            }
        }
        return totals;
    }

    /**
     * Stops the topology, committing what it processed, and leaves the consumer group so that the next start gets
     * its partitions at once instead of waiting for this member's session to expire.
     */
    @Override
    public void close() {
        boolean stopped = streams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(CLOSE_TIMEOUT));
        if (!stopped) {
            log.warn("The survey metrics topology did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
        }
    }
}
