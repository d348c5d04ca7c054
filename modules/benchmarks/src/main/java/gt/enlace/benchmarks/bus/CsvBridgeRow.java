package gt.enlace.benchmarks.bus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gt.enlace.benchmarks.BenchmarkContext;
import gt.enlace.benchmarks.BenchmarkRow;
import gt.enlace.benchmarks.Goal;
import gt.enlace.benchmarks.RowResult;
import gt.enlace.benchmarks.RunSettings;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.csv.CsvBridge;
import gt.enlace.publisher.csv.CsvOptions;
import gt.enlace.publisher.csv.CsvResult;
import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.publisher.csv.KafkaCsvProgressStore;
import gt.enlace.schemas.samples.SampleEvents;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Issue 5's CSV bridge goal: at least {@value #GOAL_ROWS_PER_SECOND} rows/s (an absolute goal).
 *
 * <p>Writes one valid CSV of {@link #rows(RunSettings)} RENAP births (the catalog's samples, through
 * {@link CsvTemplate}'s header and cell formatting, comma-separated, UTF-8) and, per repetition, has a
 * {@link CsvBridge} (with the Kafka progress store the CLI uses) publish the whole file to a fresh topic: rows
 * published per second, from the call to its result (hashing, parsing, mapping, validation, publishing, progress
 * markers). Baseline, for context: the SDK publishing the same births ({@link PublishLoad}, bounded window) to a
 * fresh topic in the same run.
 */
public final class CsvBridgeRow implements BenchmarkRow {

    /** The goal, rows per second. */
    public static final double GOAL_ROWS_PER_SECOND = 50_000;

    @Override
    public String id() {
        return "csv.bridge";
    }

    @Override
    public String title() {
        return "CSV bridge, births file";
    }

    @Override
    public String unit() {
        return "rows/s";
    }

    @Override
    public String baseline() {
        return "SDK publishing the same births (context)";
    }

    @Override
    public Goal goal() {
        return Goal.atLeast(GOAL_ROWS_PER_SECOND, unit());
    }

    /**
     * Rows of the file: 25 per millisecond of {@link RunSettings#loadMeasurement()} (full 75,000), at least 25,000
     * (1,000 in the smoke run): a run's fixed costs (opening the producer, the first batches) then weigh little.
     */
    static int rows(RunSettings settings) {
        return (int) Math.max(settings.isSmoke() ? 1_000 : 25_000, settings.loadMeasurement().toMillis() * 25);
    }

    @Override
    public RowResult run(BenchmarkContext context) throws Exception {
        BusFixture bus = BusFixture.of(context);
        int rows = rows(context.settings());
        List<SpecificRecord> births = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            births.add(SampleEvents.sampleFor(BusFixture.BIRTHS, i % 10_000));
        }
        Path file = context.scratch().resolve("births-" + rows + ".csv");
        writeCsv(file, births);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", rows);
        details.put("fileBytes", Files.size(file));
        long[] rejected = new long[1];
        try (EventPublisher publisher = new EventPublisher(bus.publisherConfig("renap"), bus.catalog());
             KafkaCsvProgressStore progress = new KafkaCsvProgressStore(bus.bootstrapServers())) {
            CsvBridge bridge = new CsvBridge(publisher, progress);
            Repetitions.Side enlace = rep -> {
                String topic = bus.freshTopic(BusFixture.BIRTHS);
                long start = System.nanoTime();
                CsvResult result = bridge.publish(file, CsvOptions.forTopic(topic)
                    .withRejectsFile(context.scratch().resolve("rejects-" + topic + ".csv")), p -> { });
                long elapsed = System.nanoTime() - start;
                rejected[0] += result.rejected();
                if (result.published() == 0) {
                    throw new IllegalStateException("the CSV bridge published no row: " + result);
                }
                return result.published() / (elapsed / 1e9);
            };
            Repetitions.Side sdk = rep -> {
                String topic = bus.freshTopic(BusFixture.BIRTHS);
                return PublishLoad.count(rows, PublishLoad.DEFAULT_WINDOW, (i, done) -> publisher.publish(topic,
                    births.get((int) i)).whenComplete((receipt, error) -> done.accept(error))).perSecond();
            };
            RowResult result = Repetitions.alternate(context, id(), unit(), enlace, sdk, details, true,
                !goal().comparesWithBaseline());
            details.put("rowsRejected", rejected[0]);
            return new RowResult(result.enlace(), result.baseline(), details);
        }
    }

    private static void writeCsv(Path file, List<SpecificRecord> births) throws IOException {
        Schema schema = births.get(0).getSchema();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(line(CsvTemplate.header(schema)));
            for (SpecificRecord birth : births) {
                out.write(line(CsvTemplate.row(schema, birth)));
            }
        }
    }

    private static String line(List<String> cells) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (i > 0) {
                text.append(',');
            }
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                text.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                text.append(cell);
            }
        }
        return text.append("\r\n").toString();
    }
}
