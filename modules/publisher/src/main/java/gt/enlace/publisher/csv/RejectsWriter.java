package gt.enlace.publisher.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes rejected rows as CSV (UTF-8 with a BOM so that Excel shows accents): {@code row, line, column, code, reason},
 * then the row's original cells under the original header, one line per problem. Created on the first reject.
 *
 * <p>A cell that starts with {@code = + - @}, a tab or a carriage return is written with a leading {@code '} so that
 * a spreadsheet opening the rejects file shows it as text and never evaluates it (CSV formula injection). The events
 * themselves carry the value verbatim.
 */
final class RejectsWriter implements AutoCloseable {

    private final Path path;
    private final char delimiter;
    private final List<String> header;
    private BufferedWriter out;

    RejectsWriter(Path path, char delimiter, List<String> header) {
        this.path = path;
        this.delimiter = delimiter;
        this.header = header;
    }

    Path path() {
        return path;
    }

    boolean opened() {
        return out != null;
    }

    void write(long row, long line, String column, String code, String reason, List<String> cells) throws IOException {
        if (out == null) {
            OutputStream stream = Files.newOutputStream(path);
            stream.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            StringBuilder first = new StringBuilder();
            append(first, "row", true);
            append(first, "line", false);
            append(first, "column", false);
            append(first, "code", false);
            append(first, "reason", false);
            for (String h : header) {
                append(first, h, false);
            }
            out.write(first.append("\r\n").toString());
        }
        StringBuilder text = new StringBuilder();
        append(text, Long.toString(row), true);
        append(text, Long.toString(line), false);
        append(text, column, false);
        append(text, code, false);
        append(text, reason, false);
        for (String cell : cells) {
            append(text, cell.length() > 1000 ? cell.substring(0, 1000) + "..." : cell, false);
        }
        out.write(text.append("\r\n").toString());
    }

    private void append(StringBuilder text, String value, boolean first) {
        if (!first) {
            text.append(delimiter);
        }
        text.append(quote(neutralize(value), delimiter));
    }

    /** Prefixes a value a spreadsheet would evaluate as a formula with {@code '}. */
    static String neutralize(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    static String quote(String value, char delimiter) {
        if (value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
