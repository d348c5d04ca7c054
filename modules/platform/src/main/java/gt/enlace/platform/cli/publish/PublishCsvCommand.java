package gt.enlace.platform.cli.publish;

import gt.enlace.platform.cli.security.KafkaLogin;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublisherConfig;
import gt.enlace.publisher.csv.CsvBridge;
import gt.enlace.publisher.csv.CsvOptions;
import gt.enlace.publisher.csv.CsvProgress;
import gt.enlace.publisher.csv.CsvResult;
import gt.enlace.publisher.csv.KafkaCsvProgressStore;
import gt.enlace.schemas.catalog.TopicCatalog;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code enlace publish-csv}: publishes the rows of a spreadsheet saved as CSV through the CSV bridge. Exit 0 when
 * every row went (now or in an earlier run of the same file), 2 when some rows were rejected (see the rejects file),
 * 1 when the file could not be published at all.
 */
@Command(name = "publish-csv", mixinStandardHelpOptions = true,
    description = {"Publishes the rows of a CSV file to a topic: maps the header to the schema's fields, validates every row, "
        + "publishes valid rows with ce_channel=csv-bridge and writes rejected rows to FILE.rejects.csv with row, column and reason.",
        "Re-running the same file publishes nothing twice: after an interruption only the rows not yet in Kafka go. Exit codes: 0 all rows published, 2 some rows rejected, 1 fatal error.",
        "Columns are the schema's field paths, e.g. registrationNumber, childName.givenNames; `enlace template --topic T` writes an example."})
public final class PublishCsvCommand implements Callable<Integer> {

    /** Exit code when some rows were rejected. */
    public static final int EXIT_REJECTED = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--institution", required = true, paramLabel = "CODE", description = "Publishing institution, e.g. renap; it must own the topic.")
    String institution;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Catalog topic, e.g. gt.renap.birth-registered.v1.")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--registry-url", paramLabel = "URL", description = "Schema registry (default: ${DEFAULT-VALUE}).")
    String registryUrl = "http://127.0.0.1:8081";

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "File encoding, e.g. UTF-8 or windows-1252 (default: detected from the BOM, else UTF-8 when valid, else windows-1252).")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "Field delimiter: ',', ';', '|' or 'tab' (default: detected from the header).")
    String delimiter;

    @Option(names = "--map", paramLabel = "COLUMN=FIELD", description = "Maps a header column to a field path, e.g. --map \"No. de partida\"=registrationNumber. Repeatable.")
    Map<String, String> columnMap = new LinkedHashMap<>();

    @Option(names = "--ignore-unknown-columns", description = "Ignore header columns that match no field instead of failing.")
    boolean ignoreUnknownColumns;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Where to write rejected rows (default: FILE without .csv + .rejects.csv, beside FILE).")
    Path rejects;

    @Option(names = "--system", paramLabel = "NAME", description = "System part of ce_source=/gt/<institution>/<system> (default: ${DEFAULT-VALUE}).")
    String system = "csv-bridge";

    @Option(names = "--chunk-rows", paramLabel = "N", description = "Rows between progress markers: after a crash, a re-run "
        + "skips every marked chunk and looks in Kafka for the rows sent after the last marker, so it sends only the "
        + "missing ones (default: ${DEFAULT-VALUE}).")
    int chunkRows = CsvOptions.DEFAULT_CHUNK_ROWS;

    /** {@code --user} / {@code --password-file}, for a secure bus (the institution's own principal). */
    @CommandLine.Mixin
    KafkaLogin login = new KafkaLogin();

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Override
    public Integer call() {
        CsvOptions options = options();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist or is not a file");
        }
        TopicCatalog catalog = TopicCatalog.loadDefault();
        Map<String, String> security = login.clientProperties();
        Map<String, Object> config = new HashMap<>(security);
        // The serializer logs in to a secure registry with the same user (PublisherConfig passes these keys to it).
        config.putAll(login.registryProperties());
        config.put(PublisherConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(PublisherConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        config.put(PublisherConfig.INSTITUTION_CONFIG, institution);
        config.put(PublisherConfig.SYSTEM_CONFIG, system);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "enlace-csv-bridge");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (EventPublisher publisher = new EventPublisher(config, catalog);
             KafkaCsvProgressStore progress = progressStore(security)) {
            CsvResult result = new CsvBridge(publisher, progress).publish(file, options, p -> progress(err, p));
            err.println();
            err.flush();
            summary(out, result);
            return result.allPublished() ? 0 : EXIT_REJECTED;
        }
    }

    private KafkaCsvProgressStore progressStore(Map<String, String> security) {
        try {
            return new KafkaCsvProgressStore(bootstrapServers, security);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot reach Kafka at " + bootstrapServers + " (is `./enlace up` running?): " + e.getMessage(), e);
        }
    }

    private CsvOptions options() {
        if (chunkRows < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chunk-rows must be at least 1, not " + chunkRows);
        }
        CsvOptions options = CsvOptions.forTopic(topic).withIgnoreUnknownColumns(ignoreUnknownColumns).withRejectsFile(rejects)
            .withChunkRows(chunkRows);
        if (encoding != null) {
            try {
                options = options.withCharset(Charset.forName(encoding));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--encoding: unknown charset '" + encoding
                    + "'; use UTF-8 or windows-1252");
            }
        }
        if (delimiter != null) {
            options = options.withDelimiter(switch (delimiter) {
                case "tab", "\\t", "\t" -> '\t';
                case ",", ";", "|" -> delimiter.charAt(0);
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--delimiter must be ',', ';', '|' or 'tab', not '" + delimiter + "'");
            });
        }
        for (Map.Entry<String, String> e : columnMap.entrySet()) {
            options = options.withColumn(e.getKey(), e.getValue());
        }
        return options;
    }

    private static void progress(PrintWriter err, CsvProgress p) {
        int percent = p.fileSize() == 0 ? 100 : (int) Math.min(100, p.bytesRead() * 100 / p.fileSize());
        int filled = percent / 5;
        err.printf("\r[%s%s] %3d%%  %,d rows  %,.0f rows/s  published %,d  %srejected %,d ", "#".repeat(filled), " ".repeat(20 - filled),
            percent, p.rowsRead(), p.rowsPerSecond(), p.published(),
            p.alreadyPublished() > 0 ? String.format("already in Kafka %,d  ", p.alreadyPublished()) : "", p.rejected());
        err.flush();
    }

    private void summary(PrintWriter out, CsvResult r) {
        out.printf("File       %s (%s, delimiter '%s', sha256 %s)%n", r.file(), r.charset().name(), r.delimiter() == '\t' ? "tab" : r.delimiter(),
            r.sha256().substring(0, 12));
        out.printf("Topic      %s%n", topic);
        out.printf("Read       %,d rows%n", r.rowsRead());
        out.printf("Published  %,d%n", r.published());
        if (r.resumed()) {
            out.printf("Resumed    an interrupted run %s; %,d rows it had sent were already in Kafka and were not sent again%n",
                r.resumedAfterRow() <= 1 ? "from its first row" : String.format("after row %,d", r.resumedAfterRow()), r.foundInKafka());
        }
        if (r.alreadyPublished() > 0) {
            out.printf("Skipped    %,d already published by an earlier run of this same file%n", r.alreadyPublished());
        }
        out.printf("Rejected   %,d%s%n", r.rejected(), r.rejectsFile() == null ? "" : " -> " + r.rejectsFile());
        if (r.warning() != null) {
            out.printf("Warning    %s%n", r.warning());
        }
        out.printf("Time       %.1f s (%,.0f rows/s)%n", r.elapsed().toMillis() / 1000.0, r.rowsPerSecond());
        out.flush();
    }
}
