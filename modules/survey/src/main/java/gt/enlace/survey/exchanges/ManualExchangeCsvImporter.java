package gt.enlace.survey.exchanges;

import gt.enlace.survey.FieldError;
import gt.enlace.survey.responses.Csv;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a manual exchange log kept as a spreadsheet: one declaration per row ("sent 40 birth certificates to MINEDUC
 * on paper"), columns named as {@link #COLUMNS}, each row checked by the {@link ManualExchangeValidator} exactly as
 * the form and the API check a declaration. A bad row is rejected with its row number, column and reason; the
 * others are accepted.
 */
public final class ManualExchangeCsvImporter {

    /** The columns, in the template's order; {@code direction} and {@code description} may be left empty. */
    public static final List<String> COLUMNS = List.of("institution", "counterpart", "direction", "records", "medium", "date",
        "description");

    private static final List<String> REQUIRED = List.of("institution", "counterpart", "records", "medium", "date");

    private final ManualExchangeValidator validator;

    public ManualExchangeCsvImporter(ManualExchangeValidator validator) {
        this.validator = Objects.requireNonNull(validator, "'validator' cannot be null");
    }

    /** A valid row. */
    public record Accepted(int row, ManualExchange exchange) {
    }

    /** A rejected row and every reason, each naming its column. */
    public record Rejection(int row, List<FieldError> errors) {
    }

    /** What a file gave. */
    public record Result(List<Accepted> accepted, List<Rejection> rejected) {
    }

    /** A file that cannot be read as an exchange log at all (empty, no header, a required column missing). */
    public static final class CsvFormatException extends RuntimeException {
        public CsvFormatException(String message) {
            super(message);
        }
    }

    /**
     * The empty log: the header and one example row, ready to fill in.
     *
     * @param institution the example row's institution
     * @param counterpart the example row's counterpart
     */
    public static String template(String institution, String counterpart) {
        return String.join(",", COLUMNS) + "\r\n" + institution + "," + counterpart
            + ",sent,40,paper,2026-01-15,Certificados de nacimiento entregados en papel\r\n";
    }

    /**
     * Reads and validates every row.
     *
     * @throws CsvFormatException when the header is unusable
     */
    public Result read(Reader in) throws IOException {
        List<Csv.Row> rows = Csv.read(in);
        if (rows.isEmpty()) {
            throw new CsvFormatException("the file is empty; expected a header row: " + String.join(",", COLUMNS));
        }
        List<String> header = rows.get(0).fields().stream().map(h -> h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT))
            .toList();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                continue;
            }
            if (!COLUMNS.contains(name)) {
                throw new CsvFormatException("column " + (i + 1) + " '" + name + "' is not a column of the exchange log; expected "
                    + String.join(",", COLUMNS));
            }
            Integer earlier = columns.putIfAbsent(name, i);
            if (earlier != null) {
                throw new CsvFormatException("the header names column '" + name + "' twice (columns " + (earlier + 1) + " and "
                    + (i + 1) + ")");
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new CsvFormatException("the header has no " + String.join(", ", missing) + " column(s); expected "
                + String.join(",", COLUMNS));
        }
        List<Accepted> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.blank()) {
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            row.tooManyCells(header.size()).ifPresent(errors::add);
            ManualExchangeValidator.Validation validation = validator.validate(cell(row, columns, "institution"),
                cell(row, columns, "counterpart"), cell(row, columns, "direction"), cell(row, columns, "records"),
                cell(row, columns, "medium"), cell(row, columns, "date"), cell(row, columns, "description"));
            errors.addAll(validation.errors());
            if (errors.isEmpty()) {
                accepted.add(new Accepted(row.row(), validation.exchange()));
            } else {
                rejected.add(new Rejection(row.row(), List.copyOf(errors)));
            }
        }
        return new Result(List.copyOf(accepted), List.copyOf(rejected));
    }

    private static String cell(Csv.Row row, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null || index >= row.fields().size() ? null : row.fields().get(index);
    }
}
