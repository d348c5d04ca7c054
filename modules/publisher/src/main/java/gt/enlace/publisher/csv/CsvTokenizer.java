package gt.enlace.publisher.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the records of an RFC 4180 CSV text, one at a time, holding only the current record in memory: fields
 * separated by one delimiter character, optionally quoted with {@code "}, a doubled {@code ""} inside quotes for a
 * quote, line breaks ({@code \n}, {@code \r\n} or {@code \r}) inside quoted fields kept. It is lenient where
 * spreadsheets are sloppy: a quote in the middle of an unquoted field, or text after a closing quote, is kept as text.
 * A field longer than the limit is not buffered: the rest is skipped and the record is marked
 * {@linkplain CsvRecord#oversizedColumn() oversized}. Not thread-safe.
 */
public final class CsvTokenizer {

    /** Default longest field, in characters. */
    public static final int DEFAULT_MAX_FIELD_CHARS = 1_000_000;

    /** Most fields kept per record; more are counted but dropped. */
    public static final int MAX_FIELDS = 2_000;

    private final Reader in;
    private final char delimiter;
    private final int maxFieldChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private long recordNumber;
    /** Fields of the previous record: the next one's list is sized for as many, so it does not grow cell by cell. */
    private int lastFields = 16;
    /** The field being read, reused from record to record unless a huge cell made it large. */
    private StringBuilder field = new StringBuilder();
    private static final int KEPT_BUILDER_CHARS = 64 * 1024;

    public CsvTokenizer(Reader in, char delimiter, int maxFieldChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxFieldChars = maxFieldChars;
    }

    /**
     * One record of the file.
     *
     * @param number          1-based record number: the header is 1, the first data row 2, the spreadsheet's row number
     * @param line            1-based line of the file where the record starts
     * @param fields          the fields, unquoted
     * @param oversizedColumn 0-based index of the first field cut at the size limit, or -1
     * @param fieldCount      number of fields in the file's record, even past {@link #MAX_FIELDS}
     */
    public record CsvRecord(long number, long line, List<String> fields, int oversizedColumn, int fieldCount) {

        /** Whether every field is empty or whitespace (a blank line, or a row of empty cells). */
        public boolean blank() {
            for (String field : fields) {
                if (!field.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Thrown when a quoted field is never closed: the rest of the file would be swallowed into one cell. */
    public static final class UnterminatedQuoteException extends IOException {
        private final long line;

        UnterminatedQuoteException(long line) {
            super("a quoted field that starts on line " + line + " is never closed: the file ends inside quotes");
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    /**
     * Reads the next record.
     *
     * @return the record, or null at the end of the input
     * @throws UnterminatedQuoteException when the input ends inside a quoted field
     */
    public CsvRecord next() throws IOException {
        if (position == limit && !fill()) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>(lastFields);
        StringBuilder field = this.field;
        field.setLength(0);
        boolean quoted = false;
        boolean fieldStart = true;
        int oversized = -1;
        int fieldCount = 0;
        long quoteLine = 0;
        // Runs of plain characters are copied at once; only delimiters, quotes and line ends are looked at one by one.
        while (true) {
            if (position == limit && !fill()) {
                if (quoted) {
                    throw new UnterminatedQuoteException(quoteLine);
                }
                break;
            }
            char[] chars = buffer;
            if (quoted) {
                int end = position;
                while (end < limit && chars[end] != '"') {
                    if (chars[end] == '\n') {
                        line++;
                    }
                    end++;
                }
                oversized = append(field, position, end, fields.size(), oversized);
                position = end;
                if (end < limit) {
                    position++;
                    if (peek() == '"') {
                        position++;
                        oversized = append(field, '"', fields.size(), oversized);
                    } else {
                        quoted = false;
                    }
                }
                continue;
            }
            char ch = chars[position];
            if (ch == delimiter) {
                position++;
                fieldCount++;
                if (fields.size() < MAX_FIELDS) {
                    fields.add(field.toString());
                }
                field.setLength(0);
                fieldStart = true;
            } else if (ch == '\n' || ch == '\r') {
                position++;
                if (ch == '\r' && peek() == '\n') {
                    position++;
                }
                line++;
                break;
            } else if (ch == '"' && fieldStart) {
                position++;
                quoted = true;
                quoteLine = line;
                fieldStart = false;
            } else {
                // A quote inside an unquoted field is text.
                int end = position + 1;
                while (end < limit) {
                    char c = chars[end];
                    if (c == delimiter || c == '\n' || c == '\r') {
                        break;
                    }
                    end++;
                }
                oversized = append(field, position, end, fields.size(), oversized);
                position = end;
                fieldStart = false;
            }
        }
        fieldCount++;
        if (fields.size() < MAX_FIELDS) {
            fields.add(field.toString());
        }
        if (field.capacity() > KEPT_BUILDER_CHARS) {
            this.field = new StringBuilder();
        }
        lastFields = Math.max(1, fields.size());
        return new CsvRecord(++recordNumber, startLine, fields, oversized, fieldCount);
    }

    /** Appends {@code buffer[from, to)} up to the size limit; past it, marks field {@code index} oversized. */
    private int append(StringBuilder field, int from, int to, int index, int oversized) {
        int room = maxFieldChars - field.length();
        int length = to - from;
        if (length <= room) {
            field.append(buffer, from, length);
            return oversized;
        }
        if (room > 0) {
            field.append(buffer, from, room);
        }
        return oversized < 0 ? index : oversized;
    }

    private int append(StringBuilder field, char ch, int index, int oversized) {
        if (field.length() < maxFieldChars) {
            field.append(ch);
            return oversized;
        }
        return oversized < 0 ? index : oversized;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
