package gt.enlace.survey.responses;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import gt.enlace.survey.FieldError;
import gt.enlace.survey.SurveyError;

/**
 * A small RFC 4180 reader and writer for the survey's spreadsheets: fields separated by a comma or a semicolon
 * (what Spanish-locale spreadsheets write; the header line decides), optionally quoted with {@code "}, a doubled
 * {@code ""} inside quotes for a quote, line breaks inside quotes kept; a leading UTF-8 byte-order mark is skipped.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * One record.
     *
     * @param row    1-based record number: the header is 1, the first data row 2 (the spreadsheet's row number
     *               when no cell spans lines)
     * @param fields the fields, unquoted
     */
    public record Row(int row, List<String> fields) {

        /** Whether every field is blank. */
        public boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }

        /** The error of a row with more cells than the header has columns, if it has. */
        public Optional<FieldError> tooManyCells(int columns) {
            return fields.size() <= columns ? Optional.empty() : Optional.of(new FieldError("(row)", SurveyError.INVALID_FIELD,
                "the row has " + fields.size() + " cells but the header has " + columns + " columns"));
        }
    }

    /** Reads every record of a text. */
    public static List<Row> read(Reader in) throws IOException {
        String text = readAll(in);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int firstLineEnd = text.indexOf('\n');
        String header = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
        char delimiter = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                rows.add(new Row(rows.size() + 1, List.copyOf(fields)));
                fields.clear();
                any = false;
            } else {
                field.append(c);
                any = true;
            }
            i++;
        }
        if (any || !field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rows.size() + 1, List.copyOf(fields)));
        }
        return rows;
    }

    /** One line of CSV with a comma delimiter, quoting where needed, ending in CRLF. */
    public static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        return out.append("\r\n").toString();
    }

    /** A field quoted when it holds a comma, semicolon, quote or line break; null as empty. */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static String readAll(Reader in) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }
}
