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
            return fields.stream().allMatch(String::isBlank);
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
        int c = read();
        if (c < 0) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>(lastFields);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        int oversized = -1;
        int fieldCount = 0;
        long quoteLine = 0;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw new UnterminatedQuoteException(quoteLine);
                }
                break;
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    int next = peek();
                    if (next == '"') {
                        read();
                        oversized = append(field, '"', fields.size(), oversized);
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    oversized = append(field, ch, fields.size(), oversized);
                }
            } else if (ch == delimiter) {
                fieldCount++;
                if (fields.size() < MAX_FIELDS) {
                    fields.add(field.toString());
                }
                field.setLength(0);
                fieldStart = true;
                c = read();
                continue;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                break;
            } else if (ch == '"' && fieldStart) {
                quoted = true;
                quoteLine = line;
            } else {
                oversized = append(field, ch, fields.size(), oversized);
            }
            fieldStart = false;
            c = read();
        }
        fieldCount++;
        if (fields.size() < MAX_FIELDS) {
            fields.add(field.toString());
        }
        lastFields = Math.max(1, fields.size());
        return new CsvRecord(++recordNumber, startLine, fields, oversized, fieldCount);
    }

    private int append(StringBuilder field, char ch, int index, int oversized) {
        if (field.length() < maxFieldChars) {
            field.append(ch);
            return oversized;
        }
        return oversized < 0 ? index : oversized;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
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
