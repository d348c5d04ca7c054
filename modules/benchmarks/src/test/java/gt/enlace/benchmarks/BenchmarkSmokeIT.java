package gt.enlace.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.benchmarks.serde.SerdeRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness works end to end with tiny durations: every row runs, both sides give positive figures,
 * and the table, {@code bench-results.json} and {@code bench-results.md} carry every row. The figures
 * themselves mean nothing here.
 */
class BenchmarkSmokeIT {

    @Test
    void shouldMeasureEveryRowAndWriteTheTableAsJsonAndMarkdown(@TempDir Path dir) throws Exception {
        List<BenchmarkRow> rows = BenchmarkRunner.allRows();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        ResultsReport report = BenchmarkRunner.run(RunSettings.smoke(), rows, dir,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(report.rows()).extracting(RowSummary::id).containsExactlyElementsOf(rows.stream().map(BenchmarkRow::id).toList());
        for (RowSummary row : report.rows()) {
            assertThat(row.error()).as("error of row %s; progress:%n%s", row.id(), progress).isNull();
            assertThat(row.enlace().samples()).as(row.id()).hasSize(3).allSatisfy(v -> assertThat(v).isPositive());
            // The smoke preset, like the quick one, measures a baseline that is only context (absolute goal) once.
            assertThat(row.baseline().samples()).as(row.id()).hasSize(row.goal().comparesWithBaseline() ? 3 : 1)
                .allSatisfy(v -> assertThat(v).isPositive());
            assertThat(row.ratio()).as(row.id()).isPositive();
            assertThat(row.verdict()).as(row.id()).matches("yes|no|spread too high \\(.*%\\)");
        }
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("Machine: ", "Goal holds");
        rows.forEach(r -> assertThat(table).contains(r.title()));

        JsonNode json = new ObjectMapper().readTree(dir.resolve(ResultsReport.JSON_FILE).toFile());
        assertThat(json.get("machine").get("cores").asInt()).isPositive();
        assertThat(json.get("rows")).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = json.get("rows").get(i);
            assertThat(row.get("id").asText()).isEqualTo(rows.get(i).id());
            assertThat(row.get("enlace").get("median").asDouble()).isPositive();
            assertThat(row.get("baseline").get("median").asDouble()).isPositive();
            assertThat(row.get("enlace").get("samples")).hasSize(3);
        }
        String markdown = Files.readString(dir.resolve(ResultsReport.MARKDOWN_FILE));
        assertThat(markdown).contains("| Row | Goal | Enlace |");
        rows.forEach(r -> assertThat(markdown).contains(r.title()));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("repetition 3/3");
    }

    @Test
    void shouldRunJmhInAForkedJvmThatTrustsTheGeneratedClasses() throws Exception {
        // Deserializing a specific record needs -Dorg.apache.avro.SERIALIZABLE_PACKAGES in the fork (@Fork).
        RunSettings forked = new RunSettings("smoke-forked", 1, false, 1, 1, Duration.ofMillis(50), 1, Duration.ofMillis(100),
            Duration.ZERO, Duration.ZERO, Duration.ZERO, 1, RunSettings.HTTP_CLIENT_RAW, Map.of());
        JmhPairRow row = (JmhPairRow) SerdeRows.deserialize();

        assertThat(row.measure("enlaceDeserialize", forked)).isPositive();
    }
}
