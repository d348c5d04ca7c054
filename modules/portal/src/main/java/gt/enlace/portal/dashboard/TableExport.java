package gt.enlace.portal.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import gt.enlace.survey.responses.Csv;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * Writes a {@link Table} as CSV or JSON, the raw values of its cells. In CSV a text cell that a spreadsheet would
 * run as a formula (it starts with {@code = + - @}, a tab or a carriage return) is prefixed with {@code '}; numbers
 * are written as they are (a negative gap is a number, not a formula).
 */
public final class TableExport {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private TableExport() {
    }

    /** The export format requested by {@code ?format=}: empty for the HTML page. */
    public static Optional<String> format(String format) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("html")) {
            return Optional.empty();
        }
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format must be csv, json or html");
        }
        return Optional.of(f);
    }

    /**
     * The export of one of a page's tables.
     *
     * @param tables the page's tables
     * @param id     {@code ?table=}; null for the first table
     * @param format {@code csv} or {@code json}
     * @param extra  page-level fields added to the JSON (e.g. the round)
     */
    public static ResponseEntity<?> export(List<Table> tables, String id, String format, Map<String, Object> extra) {
        Table table = id == null || id.isBlank() ? tables.get(0) : tables.stream().filter(t -> t.id().equals(id))
                .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no table '" + id + "'"));
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(CSV)
                    .header("Content-Disposition", "attachment; filename=\"enlace-" + table.id() + ".csv\"")
                    .body(csv(table));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(table, extra));
    }

    /** The table as CSV: a header of the column keys, then one line per row. */
    public static String csv(Table table) {
        StringBuilder out = new StringBuilder(Csv.line(table.columns().stream().map(Table.Column::key).toList()));
        for (List<Table.Cell> row : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (Table.Cell cell : row) {
                cells.add(csvCell(cell.value()));
            }
            out.append(Csv.line(cells));
        }
        return out.toString();
    }

    /** The table as JSON: {@code {table, caption, columns, rows: [{key: value}]}} plus {@code extra}. */
    public static Map<String, Object> json(Table table, Map<String, Object> extra) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", table.id());
        out.put("caption", table.caption());
        out.putAll(extra);
        out.put("columns", table.columns().stream().map(c -> Map.of("key", c.key(), "label", c.label())).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Table.Cell> row : table.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                r.put(table.columns().get(i).key(), row.get(i).value());
            }
            rows.add(r);
        }
        out.put("rows", rows);
        return out;
    }

    /** A value as a CSV cell, neutralised against formula injection unless it is a number. */
    static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = String.valueOf(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
