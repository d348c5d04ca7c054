package gt.enlace.survey.responses;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import gt.enlace.survey.FieldError;
import gt.enlace.survey.SurveyError;
import gt.enlace.survey.instrument.Instrument;

/**
 * Reads a responses spreadsheet (the {@link ResponseCsvTemplate} filled in) and validates it row by row: one
 * row per institution, columns named by item id plus {@code institution} and an optional {@code respondent}.
 * Blank rows are skipped. A row is rejected, with its row number, column and reason, for: an unknown
 * institution, an institution already in an earlier row, a value in a column that is not an item, a value out
 * of range or of the wrong form, a required item left empty, more cells than the header has. Valid rows are
 * kept for publishing, whatever happens to the others.
 */
public final class ResponseCsvImporter {

    private final Instrument instrument;
    private final ResponseValidator validator;

    public ResponseCsvImporter(Instrument instrument, Set<String> institutions) {
        this.instrument = instrument;
        this.validator = new ResponseValidator(instrument, institutions);
    }

    /**
     * A rejected row.
     *
     * @param row    the spreadsheet row number (header = 1)
     * @param errors each problem, with the column name as its path
     */
    public record Rejection(int row, List<FieldError> errors) {
    }

    /**
     * A valid row.
     *
     * @param row      the spreadsheet row number
     * @param response the validated response
     */
    public record Accepted(int row, ValidatedResponse response) {
    }

    /**
     * What a file holds.
     *
     * @param accepted       valid rows, in file order
     * @param rejected       rejected rows, in file order
     * @param unknownColumns header columns that are not items (their cells must stay empty)
     */
    public record Result(List<Accepted> accepted, List<Rejection> rejected, List<String> unknownColumns) {
    }

    /** A file that cannot be read as a responses spreadsheet at all (no header, no institution column, ...). */
    public static final class CsvFormatException extends RuntimeException {
        public CsvFormatException(String message) {
            super(message);
        }
    }

    /**
     * Reads and validates every row.
     *
     * @param in    the CSV text
     * @param round the round the responses belong to
     * @throws CsvFormatException when the header is unusable
     */
    public Result read(Reader in, String round) throws IOException {
        List<Csv.Row> rows = Csv.read(in);
        if (rows.isEmpty()) {
            throw new CsvFormatException("the file is empty; expected a header row such as: institution,respondent,"
                    + String.join(",", instrument.itemsById().keySet().stream().limit(3).toList()) + ",...");
        }
        List<String> header = rows.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new CsvFormatException("the header names column '" + name + "' twice (columns " + (earlier + 1)
                        + " and " + (i + 1) + ")");
            }
        }
        if (!seen.containsKey(ResponseCsvTemplate.INSTITUTION_COLUMN)) {
            throw new CsvFormatException("the header has no '" + ResponseCsvTemplate.INSTITUTION_COLUMN
                    + "' column; write the file with `enlace survey template`");
        }
        List<String> unknown = header.stream().filter(h -> !h.isEmpty()
                && !h.equals(ResponseCsvTemplate.INSTITUTION_COLUMN) && !h.equals(ResponseCsvTemplate.RESPONDENT_COLUMN)
                && instrument.item(h).isEmpty()).toList();
        List<Accepted> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Integer> institutionRows = new HashMap<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.blank()) {
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            row.tooManyCells(header.size()).ifPresent(errors::add);
            String institution = null;
            String respondent = null;
            Map<String, String> answers = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                String cell = i < row.fields().size() ? row.fields().get(i) : "";
                if (column.equals(ResponseCsvTemplate.INSTITUTION_COLUMN)) {
                    institution = cell;
                } else if (column.equals(ResponseCsvTemplate.RESPONDENT_COLUMN)) {
                    respondent = cell;
                } else if (column.isEmpty()) {
                    if (!cell.isBlank()) {
                        errors.add(new FieldError("(column " + (i + 1) + ")", SurveyError.UNKNOWN_ITEM,
                                "a value under a column without a name"));
                    }
                } else if (!cell.isBlank() || instrument.item(column).isPresent()) {
                    answers.put(column, cell);
                }
            }
            ResponseValidator.Validation validation = validator.validate(institution, round, answers, respondent);
            errors.addAll(validation.errors());
            if (validation.valid()) {
                Integer earlier = institutionRows.putIfAbsent(validation.response().institution(), row.row());
                if (earlier != null) {
                    errors.add(new FieldError(ResponseCsvTemplate.INSTITUTION_COLUMN, SurveyError.DUPLICATE_INSTITUTION,
                            "'" + validation.response().institution() + "' already answered in row " + earlier));
                }
            }
            if (errors.isEmpty()) {
                accepted.add(new Accepted(row.row(), validation.response()));
            } else {
                rejected.add(new Rejection(row.row(), List.copyOf(errors)));
            }
        }
        return new Result(List.copyOf(accepted), List.copyOf(rejected), unknown);
    }
}
