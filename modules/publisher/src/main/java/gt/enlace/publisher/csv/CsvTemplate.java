package gt.enlace.publisher.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import gt.enlace.publisher.json.JsonRecordMapper;
import gt.enlace.publisher.json.JsonText;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes a CSV template for a topic: the header with every column path of the schema ({@link CsvColumns#leaves}) and
 * one example row, in the forms the CSV bridge reads back (ISO dates, timestamps in Guatemala time, plain decimals).
 */
public final class CsvTemplate {

    private CsvTemplate() {
    }

    /** The header cells of a topic's schema. */
    public static List<String> header(Schema schema) {
        return CsvColumns.leaves(schema).stream().map(CsvColumns.Leaf::path).toList();
    }

    /** The cells of {@code example} under {@link #header(Schema)}. */
    public static List<String> row(Schema schema, IndexedRecord example) {
        List<String> cells = new ArrayList<>();
        for (CsvColumns.Leaf leaf : CsvColumns.leaves(schema)) {
            Object value = example;
            for (String name : leaf.path().split("\\.")) {
                value = value instanceof GenericRecord r ? r.get(name) : null;
            }
            cells.add(format(value));
        }
        return cells;
    }

    /** Writes the header and the example row, comma-separated, with CRLF line ends. */
    public static void write(Schema schema, IndexedRecord example, Writer out) throws IOException {
        out.write(line(header(schema)));
        if (example != null) {
            out.write(line(row(schema, example)));
        }
        out.flush();
    }

    private static String line(List<String> cells) {
        StringBuilder text = new StringBuilder();
        for (String cell : cells) {
            text.append(text.length() > 0 ? "," : "").append(RejectsWriter.quote(cell, ','));
        }
        return text.append("\r\n").toString();
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(JsonRecordMapper.GUATEMALA));
        }
        if (value instanceof LocalDate || value instanceof LocalTime) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            try {
                return JsonText.mapper().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return value.toString();
            }
        }
        return value.toString();
    }
}
