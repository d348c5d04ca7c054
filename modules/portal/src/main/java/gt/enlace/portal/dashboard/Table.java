package gt.enlace.portal.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of the dashboard as pages show it and exports write it: the same columns and raw values, so the CSV and
 * JSON exports carry exactly the numbers on the page. A table may also drive a chart: the page's script reads the
 * chart's data from the table's cells ({@code data-value}), so the table stays the source of truth and the chart
 * is only a picture of it.
 *
 * @param id      stable id, used in {@code ?table=} and as the element id
 * @param caption what people read above it
 * @param columns the columns
 * @param rows    the rows, each with one cell per column
 * @param chart   the chart drawn from it, or null
 */
public record Table(String id, String caption, List<Column> columns, List<List<Cell>> rows, Chart chart) {

    public Table {
        Objects.requireNonNull(id, "'id' cannot be null");
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /**
     * A column.
     *
     * @param key     the export's field name, e.g. {@code declared_score}
     * @param label   the header people read
     * @param numeric whether its values are numbers (right-aligned)
     */
    public record Column(String key, String label, boolean numeric) {
    }

    /**
     * One cell.
     *
     * @param value what exports write: a number, a string, a boolean or null
     * @param text  what the page shows (e.g. {@code 75 %} for the value {@code 0.75})
     * @param href  a link, or null
     */
    public record Cell(Object value, String text, String href) {

        /** A cell that shows its value as it is ("—" for none). */
        public static Cell of(Object value) {
            return new Cell(value, value == null ? "—" : String.valueOf(value), null);
        }

        /** A cell that shows {@code text} for {@code value}; the value itself when {@code text} is null. */
        public static Cell of(Object value, String text) {
            return text == null ? of(value) : new Cell(value, text, null);
        }

        /** A linked cell. */
        public static Cell link(Object value, String text, String href) {
            return new Cell(value, text, href);
        }
    }

    /**
     * A chart of the table.
     *
     * @param type        a Chart.js type: {@code bar}, {@code line}
     * @param labelColumn index of the column whose cells label the x axis
     * @param series      indexes of the numeric columns drawn, one dataset each
     * @param max         the y axis maximum (e.g. 100 for scores), or null for automatic
     */
    public record Chart(String type, int labelColumn, List<Integer> series, Integer max) {

        public Chart {
            series = List.copyOf(series);
        }

        /** The series as the {@code data-series} attribute: {@code 1,2}. */
        public String seriesAttribute() {
            return String.join(",", series.stream().map(String::valueOf).toList());
        }
    }

    /** Collects a table's rows. */
    public static final class Builder {
        private final String id;
        private final String caption;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Cell>> rows = new ArrayList<>();
        private Chart chart;

        Builder(String id, String caption) {
            this.id = id;
            this.caption = caption;
        }

        /** Adds a text column. */
        public Builder text(String key, String label) {
            columns.add(new Column(key, label, false));
            return this;
        }

        /** Adds a numeric column. */
        public Builder number(String key, String label) {
            columns.add(new Column(key, label, true));
            return this;
        }

        /** Adds a row. */
        public Builder row(Cell... cells) {
            return row(List.of(cells));
        }

        /** Adds a row. */
        public Builder row(List<Cell> cells) {
            if (cells.size() != columns.size()) {
                throw new IllegalArgumentException("table " + id + " has " + columns.size() + " columns, row has "
                        + cells.size());
            }
            rows.add(cells);
            return this;
        }

        /** Draws a chart of the table. */
        public Builder chart(String type, int labelColumn, Integer max, Integer... series) {
            this.chart = new Chart(type, labelColumn, List.of(series), max);
            return this;
        }

        /** The table. */
        public Table build() {
            return new Table(id, caption, columns, rows, chart);
        }
    }

    /** Starts a table. */
    public static Builder builder(String id, String caption) {
        return new Builder(id, caption);
    }
}
