package gt.enlace.publisher.csv;

/**
 * A problem with a whole CSV file, not one of its rows: not a CSV at all, a header that matches no field, a quote
 * that is never closed, Kafka unreachable. Nothing more is read; the message says what to fix.
 */
public class CsvFileException extends RuntimeException {

    public CsvFileException(String message) {
        super(message, null, false, false);
    }

    public CsvFileException(String message, Throwable cause) {
        super(message, cause, false, true);
    }
}
