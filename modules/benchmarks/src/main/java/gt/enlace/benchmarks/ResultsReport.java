package gt.enlace.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One run's results in the three forms the runner produces: the plain-text table for the terminal,
 * {@value #MARKDOWN_FILE} and {@value #JSON_FILE}.
 *
 * @param machine   where it ran
 * @param settings  how long it measured
 * @param startedAt when the run started
 * @param elapsed   how long the whole run took
 * @param rows      every row, in table order
 */
public record ResultsReport(MachineInfo machine, RunSettings settings, Instant startedAt, Duration elapsed,
                            List<RowSummary> rows) {

    /** JSON results file name. */
    public static final String JSON_FILE = "bench-results.json";
    /** Markdown results file name. */
    public static final String MARKDOWN_FILE = "bench-results.md";

    private static final String[] HEADER = {"Row", "Goal", "Enlace", "Baseline (same run)", "Ratio", "Goal holds"};

    public ResultsReport {
        rows = List.copyOf(rows);
    }

    private List<String[]> cells() {
        List<String[]> cells = new ArrayList<>();
        for (RowSummary row : rows) {
            cells.add(new String[] {row.title(), row.goal().describe(), row.enlaceText(), row.baselineText(),
                row.ratioText(), row.verdict()});
        }
        return cells;
    }

    /** The table as aligned plain text, machine description first. */
    public String table() {
        List<String[]> cells = cells();
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
            for (String[] row : cells) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Enlace benchmarks (").append(settings.mode()).append(", ").append(settings.repetitions())
            .append(" repetitions").append(settings.contextBaselineOnce() ? ", context-only baselines once" : "")
            .append(", median and spread = (max-min)/median)\n");
        out.append("Machine: ").append(machine.describe()).append('\n');
        appendLine(out, HEADER, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append(rule).append('\n');
        for (String[] row : cells) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
        for (int c = 0; c < cells.length; c++) {
            out.append(c == 0 ? "" : " | ").append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    /** The table as Markdown, with the machine and the run's settings. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Enlace benchmark results\n\n");
        md.append("- Run: ").append(settings.mode()).append(" mode, ").append(settings.repetitions())
            .append(" repetitions per side")
            .append(settings.contextBaselineOnce() ? " (a baseline that is context only, for an absolute goal, once)" : "")
            .append(", started ").append(startedAt).append(", took ")
            .append(elapsed.toSeconds()).append(" s\n");
        md.append("- Machine: ").append(machine.describe()).append('\n');
        md.append("- Figures are medians of the repetitions; spread = (max − min) / median. A row whose spread is above ")
            .append(Math.round(RowSummary.MAX_SPREAD * 100)).append("% on either side claims no verdict.\n\n");
        md.append('|');
        for (String h : HEADER) {
            md.append(' ').append(h).append(" |");
        }
        md.append("\n|");
        md.append(" --- |".repeat(HEADER.length));
        md.append('\n');
        for (String[] row : cells()) {
            md.append('|');
            for (String cell : row) {
                md.append(' ').append(cell.replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Everything as a JSON-ready map: machine, settings, and per row the samples, medians, spreads and verdict. */
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("startedAt", startedAt.toString());
        root.put("elapsedSeconds", elapsed.toMillis() / 1000.0);
        root.put("machine", machine.toMap());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", settings.mode());
        run.put("repetitions", settings.repetitions());
        run.put("contextBaselineOnce", settings.contextBaselineOnce());
        run.put("jmhForks", settings.jmhForks());
        run.put("jmhWarmup", settings.jmhWarmupIterations() + "x" + settings.jmhWarmupTime().toMillis() + "ms");
        run.put("jmhMeasurement", settings.jmhMeasurementIterations() + "x" + settings.jmhMeasurementTime().toMillis() + "ms");
        run.put("loadWarmupMs", settings.loadWarmup().toMillis());
        run.put("loadMeasurementMs", settings.loadMeasurement().toMillis());
        run.put("clients", settings.clients());
        run.put("httpClient", settings.httpClient());
        root.put("settings", run);
        List<Map<String, Object>> list = new ArrayList<>();
        for (RowSummary row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", row.id());
            r.put("title", row.title());
            r.put("unit", row.unit());
            Map<String, Object> goal = new LinkedHashMap<>();
            goal.put("kind", row.goal().kind().name());
            goal.put("threshold", row.goal().threshold());
            goal.put("text", row.goal().describe());
            r.put("goal", goal);
            r.put("enlace", figures(row.enlace()));
            r.put("baselineName", row.baselineName());
            r.put("baseline", figures(row.baseline()));
            double ratio = row.ratio();
            r.put("ratio", Double.isNaN(ratio) ? null : ratio);
            r.put("goalHolds", row.goalHolds());
            r.put("verdict", row.verdict());
            r.put("error", row.error());
            r.put("elapsedSeconds", row.elapsed().toMillis() / 1000.0);
            r.put("details", row.details());
            list.add(r);
        }
        root.put("rows", list);
        return root;
    }

    private static Map<String, Object> figures(Figures figures) {
        if (figures == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("median", figures.median());
        map.put("min", figures.min());
        map.put("max", figures.max());
        map.put("spreadPercent", Math.round(figures.spread() * 1000) / 10.0);
        map.put("samples", figures.samples());
        return map;
    }

    /** The JSON document. */
    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the results as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@value #JSON_FILE} and {@value #MARKDOWN_FILE} into {@code directory}.
     *
     * @return the two files written
     */
    public List<Path> writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(JSON_FILE);
        Path md = directory.resolve(MARKDOWN_FILE);
        Files.writeString(json, json(), StandardCharsets.UTF_8);
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        return List.of(json, md);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ResultsReport[%s, %d rows]", settings.mode(), rows.size());
    }
}
