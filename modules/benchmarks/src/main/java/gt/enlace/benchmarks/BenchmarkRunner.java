package gt.enlace.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import gt.enlace.benchmarks.bus.ConsumeRow;
import gt.enlace.benchmarks.bus.CsvBridgeRow;
import gt.enlace.benchmarks.bus.GatewayRow;
import gt.enlace.benchmarks.bus.LatencyRow;
import gt.enlace.benchmarks.bus.PublishRow;
import gt.enlace.benchmarks.platform.StartupRow;
import gt.enlace.benchmarks.registry.RegistryLookupRow;
import gt.enlace.benchmarks.survey.SurveyTopologyRow;
import gt.enlace.benchmarks.serde.SerdeRows;

/**
 * Runs every benchmark row and prints one table: goal, Enlace's figure, the baseline measured in the same
 * run, the ratio and whether the goal holds; writes the same as {@value ResultsReport#JSON_FILE} and
 * {@value ResultsReport#MARKDOWN_FILE}. The main class of {@code enlace-benchmarks.jar}, started by
 * {@code ./enlace bench}.
 *
 * <pre>
 * ./enlace bench --quick            # 3 repetitions per side, short iterations (about 2 minutes on 2 cores)
 * ./enlace bench                    # 5 repetitions per side: the figures to publish (about 10 minutes on 2 cores)
 * java -jar modules/benchmarks/target/enlace-benchmarks.jar --rows serde --out /tmp
 * </pre>
 *
 * <p>Progress goes to standard error, the table to standard output. Exit status: 0 when every row was
 * measured (whether or not its goal holds), 1 when a row could not be measured, 2 for bad arguments.
 */
public final class BenchmarkRunner {

    private static final String TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    private BenchmarkRunner() {
    }

    /** Every row, in table order. Add new rows here. */
    public static List<BenchmarkRow> allRows() {
        List<BenchmarkRow> rows = new ArrayList<>(SerdeRows.all());
        rows.add(new RegistryLookupRow());
        rows.add(PublishRow.oneKiB());
        rows.add(PublishRow.small());
        rows.add(new gt.enlace.benchmarks.bus.SignedPublishRow());
        rows.add(new ConsumeRow());
        rows.add(LatencyRow.p99());
        rows.add(LatencyRow.p50());
        rows.add(new GatewayRow());
        rows.add(new CsvBridgeRow());
        rows.add(new SurveyTopologyRow());
        rows.add(StartupRow.timeToHealthy());
        rows.add(StartupRow.residentMemory());
        return rows;
    }

    /**
     * Command line entry point; see {@link #usage()}.
     *
     * @param args command line arguments
     */
    public static void main(String[] args) {
        // Avro 1.12 refuses to load generated classes outside trusted packages; forks get it from @Fork.
        if (System.getProperty(TRUSTED_PACKAGES) == null) {
            System.setProperty(TRUSTED_PACKAGES, "gt.enlace");
        }
        // Tomcat logs through java.util.logging; send it to the same (quiet) logback configuration.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("enlace bench: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (arguments.help) {
            System.out.println(usage());
            return;
        }
        if (arguments.list) {
            for (BenchmarkRow row : allRows()) {
                System.out.printf("%-20s %s (goal %s, baseline: %s)%n", row.id(), row.title(), row.goal().describe(),
                    row.baseline());
            }
            return;
        }
        List<BenchmarkRow> rows;
        try {
            rows = select(allRows(), arguments.rows);
        } catch (IllegalArgumentException e) {
            System.err.println("enlace bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        ResultsReport report = run(arguments.settings, rows, arguments.out, System.out, System.err);
        boolean failed = report.rows().stream().anyMatch(r -> r.error() != null);
        System.exit(failed ? 1 : 0);
    }

    /**
     * Runs {@code rows} and reports them: machine description, progress lines, the table, and the two result
     * files in {@code outputDirectory}. A row that throws is reported as failed; the others still run.
     *
     * @param settings        how long to measure
     * @param rows            the rows, in table order
     * @param outputDirectory where {@value ResultsReport#JSON_FILE} and {@value ResultsReport#MARKDOWN_FILE} go
     * @param out             where the machine description and the table go
     * @param progress        where progress lines go
     * @return the results
     */
    public static ResultsReport run(RunSettings settings, List<BenchmarkRow> rows, Path outputDirectory, PrintStream out,
                                    PrintStream progress) {
        Objects.requireNonNull(settings, "'settings' cannot be null");
        Objects.requireNonNull(rows, "'rows' cannot be null");
        Objects.requireNonNull(outputDirectory, "'outputDirectory' cannot be null");
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        MachineInfo machine = MachineInfo.current();
        out.println("Machine: " + machine.describe());
        out.println("Mode: " + settings.mode() + ", " + settings.repetitions() + " repetitions per side"
            + (settings.contextBaselineOnce() ? " (baselines that are context only, for absolute goals: once)" : "") + ", "
            + rows.size() + " rows");
        if (settings.repetitions() < 3) {
            out.println("Warning: fewer than 3 repetitions; spreads are not meaningful.");
        }
        if (machine.loadAverage() > machine.cores()) {
            out.println("Warning: load average " + machine.loadAverage() + " above " + machine.cores()
                + " cores: other work competes with the benchmarks; expect high spreads.");
        }
        out.flush();
        List<RowSummary> summaries = new ArrayList<>();
        try (BenchmarkContext context = new BenchmarkContext(settings, progress)) {
            for (BenchmarkRow row : rows) {
                context.progress("%s: %s (goal %s)", row.id(), row.title(), row.goal().describe());
                long rowStart = System.nanoTime();
                RowSummary summary;
                try {
                    RowResult result = row.run(context);
                    summary = RowSummary.measured(row, result, Duration.ofNanos(System.nanoTime() - rowStart));
                } catch (Exception | LinkageError e) {
                    summary = RowSummary.failed(row, e, Duration.ofNanos(System.nanoTime() - rowStart));
                    e.printStackTrace(progress);
                }
                context.progress("%s: %s, verdict: %s", row.id(), summary.enlaceText(), summary.verdict());
                summaries.add(summary);
            }
        }
        ResultsReport report = new ResultsReport(machine, settings, startedAt,
            Duration.ofNanos(System.nanoTime() - start), summaries);
        out.println();
        out.print(report.table());
        try {
            List<Path> files = report.writeTo(outputDirectory);
            out.println();
            out.println("Wrote " + files.get(0).toAbsolutePath().normalize() + " and " + files.get(1).toAbsolutePath().normalize());
        } catch (java.io.IOException e) {
            out.println("Could not write the result files to " + outputDirectory.toAbsolutePath() + ": " + e.getMessage());
        }
        out.flush();
        return report;
    }

    /**
     * Rows whose id equals or starts with one of {@code selectors} (e.g. {@code serde} selects
     * {@code serde.serialize} and {@code serde.deserialize}); all rows when {@code selectors} is empty.
     */
    static List<BenchmarkRow> select(List<BenchmarkRow> rows, List<String> selectors) {
        if (selectors.isEmpty()) {
            return rows;
        }
        List<BenchmarkRow> selected = new ArrayList<>();
        for (BenchmarkRow row : rows) {
            for (String s : selectors) {
                if (row.id().equals(s) || row.id().startsWith(s + ".")) {
                    selected.add(row);
                    break;
                }
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no row matches " + selectors + "; --list shows the rows");
        }
        return selected;
    }

    static String usage() {
        return """
            Usage: enlace bench [--quick|--smoke] [--rows ID[,ID...]] [--repetitions N] [--window SECONDS] [--out DIR]
                                [--http-client raw|jdk] [--registry-property KEY=VALUE]... [--list] [--help]

            Runs every benchmark row against its baseline in the same run and prints one table.
              --quick                 3 repetitions, short iterations, baselines that are only context (rows
                                      with an absolute goal) once: about 2 minutes on 2 cores; default is
                                      the full run, 5 repetitions (about 10 minutes on 2 cores)
              --smoke                 seconds of measurement (plus broker and registry start): checks that the
                          harness works; the figures mean nothing
              --rows ID[,ID...]       only these rows; a prefix selects a group (--rows serde)
              --repetitions N         repetitions per side of every row (at least 3 for a verdict)
              --window SECONDS        length of one measured repetition of the load rows (full 3, quick 0.75)
              --out DIR               where bench-results.json and bench-results.md go (default: current directory)
              --http-client raw|jdk   load client for HTTP rows: raw keep-alive sockets (default) or
                                      java.net.http.HttpClient over HTTP/1.1
              --registry-property K=V extra property for the registry under test (repeatable)
              --list                  list the rows and their goals
            A row whose spread (max-min)/median is above 20% on either side says so instead of a verdict.
            Exit status: 0 all rows measured, 1 a row failed to run, 2 bad arguments.""";
    }

    /** Parsed command line. */
    static final class Arguments {
        RunSettings settings = RunSettings.full();
        List<String> rows = List.of();
        Path out = Path.of(".");
        boolean list;
        boolean help;

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            Integer repetitions = null;
            Duration window = null;
            String httpClient = null;
            Map<String, String> registryProperties = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--quick" -> a.settings = RunSettings.quick();
                    case "--full" -> a.settings = RunSettings.full();
                    case "--smoke" -> a.settings = RunSettings.smoke();
                    case "--list" -> a.list = true;
                    case "-h", "--help" -> a.help = true;
                    case "--rows" -> a.rows = List.of(need(args, value == null ? ++i : i, arg, value).split(","));
                    case "--out" -> a.out = Path.of(need(args, value == null ? ++i : i, arg, value));
                    case "--http-client" -> httpClient = need(args, value == null ? ++i : i, arg, value);
                    case "--repetitions" -> {
                        String n = need(args, value == null ? ++i : i, arg, value);
                        try {
                            repetitions = Integer.parseInt(n);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--repetitions needs a number, got '" + n + "'");
                        }
                        if (repetitions < 1) {
                            throw new IllegalArgumentException("--repetitions must be at least 1");
                        }
                    }
                    case "--window" -> {
                        String n = need(args, value == null ? ++i : i, arg, value);
                        try {
                            window = Duration.ofMillis(Math.round(Double.parseDouble(n) * 1000));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--window needs a number of seconds, got '" + n + "'");
                        }
                        if (window.toMillis() < 100 || window.toMinutes() > 10) {
                            throw new IllegalArgumentException("--window must be between 0.1 and 600 seconds, got '" + n + "'");
                        }
                    }
                    case "--registry-property" -> {
                        String kv = need(args, value == null ? ++i : i, arg, value);
                        int sep = kv.indexOf('=');
                        if (sep <= 0) {
                            throw new IllegalArgumentException("--registry-property needs KEY=VALUE, got '" + kv + "'");
                        }
                        registryProperties.put(kv.substring(0, sep), kv.substring(sep + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (repetitions != null) {
                a.settings = a.settings.withRepetitions(repetitions);
            }
            if (window != null) {
                a.settings = a.settings.withLoadMeasurement(window);
            }
            if (httpClient != null) {
                if (!RunSettings.HTTP_CLIENT_RAW.equals(httpClient) && !RunSettings.HTTP_CLIENT_JDK.equals(httpClient)) {
                    throw new IllegalArgumentException("--http-client must be raw or jdk, got '" + httpClient + "'");
                }
                a.settings = a.settings.withHttpClient(httpClient);
            }
            if (!registryProperties.isEmpty()) {
                a.settings = a.settings.withRegistryProperties(registryProperties);
            }
            return a;
        }

        private static String need(String[] args, int i, String name, String inline) {
            if (inline != null) {
                return inline;
            }
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }
}
