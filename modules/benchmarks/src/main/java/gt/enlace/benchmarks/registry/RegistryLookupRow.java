package gt.enlace.benchmarks.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.CitizenRecordUpdated;
import gt.enlace.benchmarks.Figures;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.benchmarks.bus.Repetitions;
import gt.enlace.benchmarks.http.HttpLoad;
import gt.enlace.benchmarks.http.HttpTarget;
import gt.enlace.benchmarks.http.JdkHttpClient;
import gt.enlace.benchmarks.http.KeepAliveClient;
import gt.enlace.benchmarks.http.RawHttpClient;
import gt.enlace.registry.RegistryServer;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import org.apache.avro.Schema;

/**
 * Issue 4's registry goal: {@code GET /schemas/ids/{id}} at least {@value #GOAL_REQUESTS_PER_SECOND} requests/s
 * with 16 concurrent keep-alive clients on the same machine as the registry.
 *
 * <p>Starts a {@link RegistryServer} on a free port over the run's embedded broker, registers
 * {@value #SCHEMAS} schemas (about 2 KiB each, like the catalog's), then runs closed-loop load
 * ({@link HttpLoad}) against two targets on the same server, alternating: the id lookups, cycling over all
 * ids, and the baseline {@code GET /} (an empty JSON object: the same Tomcat, Spring MVC and JSON path with
 * no registry work), so the ratio shows the registry's own cost. Only 200 answers with the exact expected
 * body count.
 */
public final class RegistryLookupRow implements BenchmarkRow {

    /** The goal, in requests per second. */
    public static final double GOAL_REQUESTS_PER_SECOND = 20_000;
    /** Schemas registered before the lookups. */
    public static final int SCHEMAS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";

    @Override
    public String id() {
        return "registry.lookup";
    }

    @Override
    public String title() {
        return "Registry GET /schemas/ids/{id}, 16 keep-alive clients";
    }

    @Override
    public String unit() {
        return "req/s";
    }

    @Override
    public String baseline() {
        return "GET / on the same server";
    }

    @Override
    public Goal goal() {
        return Goal.atLeast(GOAL_REQUESTS_PER_SECOND, unit());
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        RunSettings settings = context.settings();
        String bootstrap = context.broker().bootstrapServers();
        Map<String, Object> props = new HashMap<>();
        props.put("enlace.registry.bootstrap-servers", bootstrap);
        props.put("enlace.registry.topic", "_schemas");
        props.put("enlace.registry.topic-replication-factor", 1);
        props.put("server.address", HOST);
        props.put("server.port", 0);
        props.putAll(settings.registryProperties());
        context.progress("%s: starting the registry", id());
        long startedAt = System.nanoTime();
        try (RegistryServer registry = RegistryServer.start(props)) {
            context.progress("%s: registry up on %s in %d ms; registering %d schemas", id(), registry.url(),
                (System.nanoTime() - startedAt) / 1_000_000, SCHEMAS);
            List<Integer> ids = register(registry.url());
            HttpTarget lookups;
            HttpTarget root;
            try (RawHttpClient setup = new RawHttpClient(HOST, registry.port())) {
                lookups = lookupTarget(setup, ids);
                root = HttpTarget.single("GET /", "/", setup.fetch("/"));
            }

            Supplier<KeepAliveClient> clients = RunSettings.HTTP_CLIENT_JDK.equals(settings.httpClient())
                ? () -> new JdkHttpClient(HOST, registry.port())
                : () -> new RawHttpClient(HOST, registry.port());
            List<Double> enlaceClientCpu = new ArrayList<>();
            List<Double> baselineClientCpu = new ArrayList<>();
            List<Double> enlaceServerCpu = new ArrayList<>();
            List<Double> baselineServerCpu = new ArrayList<>();
            long[] wrongAndFailures = new long[2];
            String[] firstError = new String[1];
            try (HttpLoad load = new HttpLoad(settings.clients(), clients)) {
                context.progress("%s: %d %s clients", id(), settings.clients(), settings.httpClient());
                // A side of the row, given its target and its [client CPU, server CPU] lists: repetition 0 warms up.
                BiFunction<HttpTarget, List<List<Double>>, Repetitions.Side> side = (target, cpu) -> rep -> {
                    HttpLoad.Phase phase = load.run(target, rep == 0 ? settings.loadWarmup() : settings.loadMeasurement());
                    if (rep > 0) {
                        wrongAndFailures[0] += phase.wrong();
                        wrongAndFailures[1] += phase.failures();
                        if (firstError[0] == null) {
                            firstError[0] = phase.firstError();
                        }
                        cpu.get(0).add(phase.clientCpuShare());
                        cpu.get(1).add(phase.serverCpuMicrosPerRequest());
                        context.progress("%s: %s (%d ok, %d wrong, %d failed; clients used %.0f%% of the CPU time; server "
                            + "%.1f µs CPU per request)", id(), target.name(), phase.ok(), phase.wrong(), phase.failures(),
                            phase.clientCpuShare() * 100, phase.serverCpuMicrosPerRequest());
                    }
                    return phase.perSecond();
                };
                RowResult result = Repetitions.alternate(context, id(), unit(),
                    side.apply(lookups, List.of(enlaceClientCpu, enlaceServerCpu)),
                    side.apply(root, List.of(baselineClientCpu, baselineServerCpu)), new LinkedHashMap<>(), true,
                    !goal().comparesWithBaseline());
                long wrong = wrongAndFailures[0];
                long failures = wrongAndFailures[1];
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("httpClient", settings.httpClient());
                details.put("clients", settings.clients());
                details.put("schemas", ids.size());
                details.put("lookupBodyBytes", lookups.bodies().stream().mapToInt(b -> b.length).average().orElse(0));
                details.put("wrongAnswers", wrong);
                details.put("ioFailures", failures);
                details.put("tcpConnectionsOpened", load.connections());
                details.put("clientCpuShareLookups", Figures.of(enlaceClientCpu).median());
                details.put("clientCpuShareBaseline", Figures.of(baselineClientCpu).median());
                // CPU per request barely depends on other load on the machine: a cross-check for noisy runs.
                double lookupCpu = Figures.of(enlaceServerCpu).median();
                double baselineCpu = Figures.of(baselineServerCpu).median();
                int cores = Runtime.getRuntime().availableProcessors();
                details.put("serverCpuMicrosPerLookup", lookupCpu);
                details.put("serverCpuMicrosPerBaselineRequest", baselineCpu);
                details.put("cpuBoundLookupsPerSecondEstimate", cores * 1e6 / lookupCpu);
                details.put("cpuBoundBaselinePerSecondEstimate", cores * 1e6 / baselineCpu);
                if (firstError[0] != null) {
                    details.put("firstIoFailure", firstError[0]);
                }
                details.put("registryProperties", settings.registryProperties());
                return new RowResult(result.enlace(), result.baseline(), details);
            }
        }
    }

    /** Registers {@value #SCHEMAS} distinct schemas, each under its own subject, through Enlace's client. */
    private static List<Integer> register(String url) {
        List<Integer> ids = new ArrayList<>();
        try (CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(
            Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, url))) {
            for (int i = 0; i < SCHEMAS; i++) {
                SchemaMetadata registered = client.register("gt.bench.load-" + i + ".v1-value", loadSchema(i), false);
                ids.add(registered.id());
            }
        }
        return ids;
    }

    /**
     * Schema {@code i}: the benchmark record's 17 fields plus {@code i} optional fields, under its own name, so
     * the 20 schemas are distinct and about as large as the catalog's.
     */
    static Schema loadSchema(int i) {
        Schema base = CitizenRecordUpdated.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        for (int j = 0; j < i; j++) {
            fields.add(new Schema.Field("annex" + j, optionalString, "Optional annex " + j, Schema.Field.NULL_DEFAULT_VALUE));
        }
        return Schema.createRecord("LoadTestRecord" + i, base.getDoc(), "gt.enlace.benchmarks.registry", false, fields);
    }

    /** The lookups target; checks once that every answer is the schema that was registered. */
    private static HttpTarget lookupTarget(RawHttpClient http, List<Integer> ids) throws IOException {
        HttpTarget.Builder target = HttpTarget.builder("GET /schemas/ids/{id}");
        for (int i = 0; i < ids.size(); i++) {
            String path = "/schemas/ids/" + ids.get(i);
            byte[] body = http.fetch(path);
            JsonNode schema = JSON.readTree(body).get("schema");
            if (schema == null || !new Schema.Parser().parse(schema.asText()).equals(loadSchema(i))) {
                throw new IllegalStateException("GET " + path + " did not return the registered schema: "
                    + new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            target.add(path, body);
        }
        return target.build();
    }
}
