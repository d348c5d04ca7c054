package gt.enlace.publisher.csv;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a {@link CsvBridge} run did.
 *
 * @param file             the file
 * @param sha256           its SHA-256, the basis of its event ids
 * @param charset          the encoding it was read with
 * @param delimiter        the delimiter it was read with
 * @param rowsRead         data rows read (blank rows not counted)
 * @param published        rows published and acknowledged in this run
 * @param alreadyPublished valid rows skipped because an earlier run of the same file had them in Kafka: rows up to its
 *                         last progress marker, and {@code foundInKafka}
 * @param rejected         rows rejected, each written to the rejects file
 * @param rejectsFile      the rejects file, or null when no row was rejected
 * @param elapsed          how long the run took
 * @param resumed          whether this run resumed an earlier run of the same file that was interrupted
 * @param resumedAfterRow  when {@code resumed}, the last row of that run's last progress marker (1, the header, when it
 *                         wrote none); else 0
 * @param foundInKafka     rows after {@code resumedAfterRow} that the interrupted run had sent, found in the topic and
 *                         not sent again (part of {@code alreadyPublished})
 * @param warning          why rows of the interrupted run may have been sent twice (same {@code ce_id}), or null
 */
public record CsvResult(Path file, String sha256, Charset charset, char delimiter, long rowsRead, long published,
                        long alreadyPublished, long rejected, Path rejectsFile, Duration elapsed, boolean resumed,
                        long resumedAfterRow, long foundInKafka, String warning) {

    /** Whether every row went (now or in an earlier run). */
    public boolean allPublished() {
        return rejected == 0;
    }

    /** Rows per second over the whole run. */
    public double rowsPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return rowsRead / seconds;
    }
}
