package gt.enlace.portal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import gt.enlace.portal.dashboard.Table.Cell;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class TableExportTest {

    private static Table table() {
        return Table.builder("ranking", "Ranking")
                .text("institution", "Institución")
                .number("gap_levels", "Brecha")
                .text("note", "Nota")
                .row(Cell.link("renap", "RENAP", "/dashboard/institutions/renap"), Cell.of(-3, "-3: se observa más"),
                        Cell.of("=HYPERLINK(\"http://evil\")"))
                .row(Cell.of("sat"), Cell.of(null), Cell.of("+1, @SUM(A1); -x"))
                .build();
    }

    @Test
    void csvWritesRawValuesAndNeutralisesTextThatASpreadsheetWouldRunAsAFormula() {
        assertThat(TableExport.csv(table())).isEqualTo("institution,gap_levels,note\r\n"
                + "renap,-3,\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n"
                + "sat,,\"'+1, @SUM(A1); -x\"\r\n");
        assertThat(TableExport.csvCell("@cmd")).isEqualTo("'@cmd");
        assertThat(TableExport.csvCell("-x")).isEqualTo("'-x");
        assertThat(TableExport.csvCell("\tx")).isEqualTo("'\tx");
        assertThat(TableExport.csvCell(-5)).as("a number is not a formula").isEqualTo("-5");
        assertThat(TableExport.csvCell(0.25)).isEqualTo("0.25");
    }

    @Test
    void jsonHasOneObjectPerRowKeyedByColumnWithTheRawValues() {
        Map<String, Object> json = TableExport.json(table(), Map.of("round", "2025-baseline"));
        assertThat(json.get("table")).isEqualTo("ranking");
        assertThat(json.get("round")).isEqualTo("2025-baseline");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("rows");
        assertThat(rows.get(0)).containsEntry("institution", "renap").containsEntry("gap_levels", -3);
        assertThat(rows.get(1)).containsEntry("gap_levels", null);
    }

    @Test
    void anUnknownFormatOrTableIsAClientError() {
        assertThat(TableExport.format(null)).isEmpty();
        assertThat(TableExport.format("CSV")).contains("csv");
        assertThatThrownBy(() -> TableExport.format("xml")).isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("400");
        assertThatThrownBy(() -> TableExport.export(List.of(table()), "nope", "csv", Map.of()))
                .isInstanceOf(ResponseStatusException.class).hasMessageContaining("404");
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThatThrownBy(() -> Table.builder("t", "T").text("a", "A").row(Cell.of(1), Cell.of(2)))
                .hasMessageContaining("table t has 1 columns, row has 2");
    }
}
