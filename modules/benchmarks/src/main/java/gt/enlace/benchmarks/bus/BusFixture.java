package gt.enlace.benchmarks.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.publisher.PublisherConfig;
import gt.enlace.publisher.TopicReadiness;
import gt.enlace.registry.RegistryServer;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import gt.enlace.serde.KafkaAvroSerializer;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the Kafka rows share, built once per run on the run's broker: a schema registry, and a <em>benchmark
 * catalog</em> that gives every row a fresh topic per repetition and side.
 *
 * <p>The SDK only publishes to catalog topics, so fresh topics must be in a catalog. The benchmark catalog is a
 * {@code catalog.yaml} written to the scratch directory, next to copies of the bundled {@code .avsc} files, with
 * {@value #POOL} copies of each {@linkplain #BASE_TOPICS base topic}: {@code gt.renap.birth-registered.v1} becomes
 * {@code gt.renap.birth-registered-b1.v1}, {@code …-b2.v1} and so on, with the base topic's record, owner,
 * classification, legal basis and partitions. {@link #freshTopic} hands out the next copy, creates it in Kafka with
 * the base topic's partition count and registers its schema under {@code <topic>-value} the way the platform's
 * {@code CatalogSchemaRegistrar} does for catalog topics (Enlace's client, the topic's schema, no normalisation).
 * Baselines take their topics from the same pool, so both sides write to identical topics.
 */
public final class BusFixture implements AutoCloseable {

    /** Key of the fixture in {@link BenchmarkContext#shared}. */
    public static final String KEY = "bus";
    /** The base topic of the 1 KiB rows: RENAP births. */
    public static final String BIRTHS = "gt.renap.birth-registered.v1";
    /** The base topic of the small-record rows: SAT taxpayer status changes. */
    public static final String TAXPAYER_STATUS = "gt.sat.taxpayer-status-changed.v1";
    /** Base topics copied into the benchmark catalog. */
    public static final List<String> BASE_TOPICS = List.of(BIRTHS, TAXPAYER_STATUS);
    /** Copies of each base topic; enough for every row of a full run with 20 repetitions. */
    public static final int POOL = 400;

    private final BenchmarkContext context;
    private final RegistryServer registry;
    private final Admin admin;
    private final TopicCatalog catalog;
    private final CachedSchemaRegistryClient registryClient;
    private final Map<String, AtomicInteger> next = new HashMap<>();

    private BusFixture(BenchmarkContext context) {
        this.context = context;
        String bootstrap = context.broker().bootstrapServers();
        Map<String, Object> props = new HashMap<>();
        props.put("enlace.registry.bootstrap-servers", bootstrap);
        props.put("enlace.registry.topic", "_schemas");
        props.put("enlace.registry.topic-replication-factor", 1);
        props.put("server.address", "127.0.0.1");
        props.put("server.port", 0);
        context.progress("bus: starting the schema registry and writing the benchmark catalog");
        this.registry = RegistryServer.start(props);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(adminProps);
        this.catalog = writeCatalog(context.scratch().resolve("catalog"));
        this.registryClient = new CachedSchemaRegistryClient(
            Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()));
        context.progress("bus: registry on %s, catalog with %d topics", registry.url(), catalog.topics().size());
    }

    /** The run's fixture, created on first use. */
    public static BusFixture of(BenchmarkContext context) {
        return context.shared(KEY, BusFixture.class, BusFixture::new);
    }

    /** The broker's bootstrap servers. */
    public String bootstrapServers() {
        return context.broker().bootstrapServers();
    }

    /** The registry's base URL. */
    public String registryUrl() {
        return registry.url();
    }

    /** The benchmark catalog (the base topics' copies). */
    public TopicCatalog catalog() {
        return catalog;
    }

    /**
     * The next unused copy of {@code baseTopic}, created in Kafka (base topic's partitions, replication factor 1)
     * and with its schema registered under {@code <topic>-value}.
     */
    public synchronized String freshTopic(String baseTopic) {
        AtomicInteger counter = next.computeIfAbsent(baseTopic, t -> new AtomicInteger());
        int n = counter.incrementAndGet();
        if (n > POOL) {
            throw new IllegalStateException("the benchmark catalog has only " + POOL + " copies of " + baseTopic);
        }
        String name = copyName(baseTopic, n);
        TopicDefinition topic = catalog.topic(name).orElseThrow();
        try {
            admin.createTopics(List.of(new NewTopic(name, topic.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);
            // a leader in the metadata is not enough: see TopicReadiness (first sends to a new partition stalled)
            TopicReadiness.await(admin, List.of(name), Duration.ofSeconds(30));
            registryClient.register(topic.subject(), topic.schema(), false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare topic " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** The {@code EventPublisher} configuration of {@code institution} on this bus. */
    public Map<String, Object> publisherConfig(String institution) {
        Map<String, Object> config = new HashMap<>();
        config.put(PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl());
        config.put(PublisherConfig.INSTITUTION_CONFIG, institution);
        config.put(PublisherConfig.SYSTEM_CONFIG, "bench");
        return config;
    }

    /**
     * A raw byte-array producer with exactly the producer settings the SDK uses for {@code institution} (acks=all,
     * idempotence, linger, client defaults): {@link PublisherConfig#producerProperties()}.
     */
    public KafkaProducer<byte[], byte[]> rawProducer(String institution) {
        return new KafkaProducer<>(rawProducerProperties(institution), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The settings of {@link #rawProducer}: the SDK's producer settings for {@code institution}, its own client id. */
    public Properties rawProducerProperties(String institution) {
        Properties props = new PublisherConfig(publisherConfig(institution)).producerProperties();
        props.put("client.id", "bench-raw-" + institution);
        return props;
    }

    /** The Enlace serializer configured as the SDK configures it (registered schema, no auto-registration). */
    public KafkaAvroSerializer serializer(String institution) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(new PublisherConfig(publisherConfig(institution)).serializerConfig(), false);
        return serializer;
    }

    /**
     * Serializes {@code records} for {@code topic} with one Enlace serializer (one registry lookup for all of them, as
     * a producer's serializer does): the bytes the SDK sends.
     */
    public byte[][] serialize(String institution, String topic, IndexedRecord[] records) {
        try (KafkaAvroSerializer serializer = serializer(institution)) {
            byte[][] values = new byte[records.length][];
            for (int i = 0; i < records.length; i++) {
                values[i] = serializer.serialize(topic, records[i]);
            }
            return values;
        }
    }

    /** The Enlace deserializer into specific records ({@code specific.avro.reader=true}). */
    public KafkaAvroDeserializer specificDeserializer() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        Map<String, Object> config = new HashMap<>();
        config.put(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl());
        config.put(KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true);
        config.put(KafkaAvroSerDeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS, true);
        deserializer.configure(config, false);
        return deserializer;
    }

    /** Consumer properties both sides of a consuming row share (no group: partitions are assigned). */
    public Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    static String copyName(String baseTopic, int n) {
        int v = baseTopic.lastIndexOf(".v");
        return baseTopic.substring(0, v) + "-b" + n + baseTopic.substring(v);
    }

    private TopicCatalog writeCatalog(Path folder) {
        TopicCatalog bundled = TopicCatalog.loadDefault();
        try {
            copyBundledSchemas(folder);
            StringBuilder yaml = new StringBuilder("# Written by enlace bench: copies of catalog topics, one per row side and repetition.\n");
            yaml.append("institutions:\n");
            Map<String, Boolean> owners = new LinkedHashMap<>();
            for (String base : BASE_TOPICS) {
                owners.put(bundled.topic(base).orElseThrow().owner(), true);
            }
            for (String owner : owners.keySet()) {
                var institution = bundled.institution(owner).orElseThrow();
                yaml.append("  - code: ").append(owner).append('\n')
                    .append("    acronym: ").append(quote(institution.acronym())).append('\n')
                    .append("    name:\n      es: Benchmark ").append(owner).append("\n      en: Benchmark ").append(owner).append('\n')
                    .append("    description:\n      es: Copia para pruebas de rendimiento.\n      en: Copy for benchmarks.\n");
            }
            yaml.append("topics:\n");
            for (String base : BASE_TOPICS) {
                TopicDefinition t = bundled.topic(base).orElseThrow();
                for (int n = 1; n <= POOL; n++) {
                    yaml.append("  - name: ").append(copyName(base, n)).append('\n')
                        .append("    schema: ").append(t.schemaPath()).append('\n')
                        .append("    record: ").append(t.recordName()).append('\n')
                        .append("    owner: ").append(t.owner()).append('\n')
                        .append("    description:\n      es: Copia de ").append(base).append("\n      en: Copy of ").append(base).append('\n')
                        .append("    classification: ").append(t.classification().toString().toLowerCase(java.util.Locale.ROOT)).append('\n')
                        .append("    legalBasis: ").append(quote(t.legalBasis())).append('\n')
                        .append("    partitions: ").append(t.partitions()).append('\n')
                        .append("    retention: P7D\n")
                        .append("    cleanupPolicy: delete\n")
                        .append("    compatibility: NONE\n");
                }
            }
            Path file = folder.resolve("catalog.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return TopicCatalog.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark catalog to " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Copies every bundled {@code .avsc} (from a jar or a folder) under {@code folder}, keeping relative paths. */
    private static void copyBundledSchemas(Path folder) throws IOException {
        URL url = TopicCatalog.class.getClassLoader().getResource(TopicCatalog.DEFAULT_RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the bundled catalog is not on the class path");
        }
        Files.createDirectories(folder);
        if ("file".equals(url.getProtocol())) {
            Path source;
            try {
                source = Path.of(url.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    if (Files.isRegularFile(p) && p.toString().endsWith(".avsc")) {
                        Path target = folder.resolve(source.relativize(p).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                    }
                }
            }
            return;
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("unsupported class path location " + url);
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(TopicCatalog.DEFAULT_LOCATION) && name.endsWith(".avsc")) {
                    Path target = folder.resolve(name.substring(TopicCatalog.DEFAULT_LOCATION.length()));
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        registryClient.close();
        admin.close();
        registry.close();
    }

    /** Every topic handed out so far, for the results' details. */
    public synchronized List<String> topicsHandedOut() {
        List<String> topics = new ArrayList<>();
        next.forEach((base, n) -> {
            for (int i = 1; i <= n.get(); i++) {
                topics.add(copyName(base, i));
            }
        });
        return topics;
    }
}
