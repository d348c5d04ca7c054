package gt.enlace.portal.upload;

import gt.enlace.publisher.csv.CsvResult;
import gt.enlace.publisher.csv.CsvTokenizer;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What the result page shows of a CSV bridge run.
 *
 * @param fileName         the uploaded file's name
 * @param topic            the topic
 * @param rowsRead         data rows read
 * @param published        rows published now
 * @param alreadyPublished rows an earlier upload of the same file had published
 * @param rejected         rows rejected
 * @param seconds          how long the run took, in seconds
 * @param encoding         the encoding the file was read with
 * @param delimiter        the delimiter it was read with
 * @param rejectsId        the rejects file's download id, or null when no row was rejected
 * @param rejects          the rejected rows' problems, at most {@code shown}
 * @param moreRejects      whether the rejects file holds more problems than listed
 * @param resumed          whether this upload resumed an earlier, interrupted upload of the same file
 * @param resumedAfterRow  when {@code resumed}, the last row the interrupted upload had confirmed
 * @param foundInKafka     rows after it that the interrupted upload had sent and were found on the bus (not sent again)
 * @param resumeWarning    why rows of the interrupted upload may have been sent twice, or null
 */
record UploadSummary(String fileName, String topic, long rowsRead, long published, long alreadyPublished, long rejected,
                     double seconds, String encoding, String delimiter, String rejectsId, List<Reject> rejects,
                     boolean moreRejects, boolean resumed, long resumedAfterRow, long foundInKafka,
                     String resumeWarning) {

    /**
     * One problem of a rejected row.
     *
     * @param row    data row number (1 = first row after the header)
     * @param line   line of the file where the row starts
     * @param column the column at fault, or empty for the whole row
     * @param code   stable code of the problem
     * @param reason the reason in words
     * @param value  the cell's value as uploaded, or empty
     */
    record Reject(long row, long line, String column, String code, String reason, String value) {
    }

    static UploadSummary of(String fileName, String topic, CsvResult result, String rejectsId, int shown) {
        List<Reject> rejects = new ArrayList<>();
        boolean more = false;
        if (result.rejectsFile() != null) {
            try (Reader reader = Files.newBufferedReader(result.rejectsFile())) {
                reader.skip(1); // the BOM
                CsvTokenizer tokenizer = new CsvTokenizer(reader, result.delimiter(), 1_000_000);
                CsvTokenizer.CsvRecord header = tokenizer.next();
                List<String> columns = header.fields();
                CsvTokenizer.CsvRecord row;
                while ((row = tokenizer.next()) != null) {
                    if (rejects.size() == shown) {
                        more = true;
                        break;
                    }
                    List<String> f = row.fields();
                    String column = f.get(2);
                    int at = column.isEmpty() ? -1 : columns.subList(5, columns.size()).indexOf(column);
                    String value = at >= 0 && 5 + at < f.size() ? original(f.get(5 + at)) : "";
                    rejects.add(new Reject(Long.parseLong(f.get(0)), Long.parseLong(f.get(1)), column, f.get(3), f.get(4), value));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new UploadSummary(fileName, topic, result.rowsRead(), result.published(), result.alreadyPublished(),
            result.rejected(), result.elapsed().toMillis() / 1000.0, result.charset().name(),
            result.delimiter() == '\t' ? "tab" : String.valueOf(result.delimiter()), rejectsId, List.copyOf(rejects), more,
            result.resumed(), result.resumedAfterRow(), result.foundInKafka(), result.warning());
    }

    /** The rejects file prefixes formula-like cells with {@code '} for spreadsheets; the page shows the cell as uploaded. */
    private static String original(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }
}
