package gt.enlace.publisher.csv;

import java.time.Duration;

/**
 * A snapshot of a running {@link CsvBridge} publish, given to its listener about twice a second.
 *
 * @param rowsRead         data rows read so far
 * @param published        rows acknowledged so far
 * @param alreadyPublished rows skipped so far because an earlier run of the same file had them in Kafka
 * @param rejected         rows rejected so far
 * @param bytesRead        approximate bytes of the file read so far
 * @param fileSize         bytes in the file
 * @param elapsed          time since the start
 */
public record CsvProgress(long rowsRead, long published, long alreadyPublished, long rejected, long bytesRead, long fileSize, Duration elapsed) {

    /** Rows read per second so far. */
    public double rowsPerSecond() {
        return rowsRead / Math.max(elapsed.toNanos() / 1e9, 1e-3);
    }
}
