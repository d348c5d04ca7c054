package gt.enlace.publisher.csv;

import gt.enlace.publisher.PublishReceipt;
import java.util.HashMap;
import java.util.Map;

/**
 * What one {@link CsvBridge} run knows about the rows after its starting marker that Kafka already has, and from which
 * offsets of the topic a later run must look for the rows this one sends.
 *
 * <p>The offsets of a marker for "every row up to R is done" are, per partition, the lowest offset at which a row
 * after R can be: the end offsets when the run started, raised by each acknowledgement of this run (rows after R are
 * sent only once every row up to R is acknowledged, so they land after them), and lowered to any event an interrupted
 * run sent that this run has not come to yet in the file.
 */
final class ResumeState {

    /** Events an earlier, interrupted run sent after its last marker, by ce_id, not yet matched to a row of the file. */
    private final Map<String, CsvProgressStore.SentEvent> ahead = new HashMap<>();
    /** Partition -> lowest offset of a row this run sends from now on; null when the end offsets are unknown. */
    private final Map<Integer, Long> floor;
    private final String warning;
    private long found;

    private ResumeState(Map<Integer, Long> floor, String warning) {
        this.floor = floor == null ? null : new HashMap<>(floor);
        this.warning = warning;
    }

    /**
     * A run that knows nothing already sent after its marker.
     *
     * @param endOffsets the topic's end offsets now, null when the store cannot read topics
     * @param warning    why rows of an interrupted run may go twice, or null
     */
    static ResumeState from(Map<Integer, Long> endOffsets, String warning) {
        return new ResumeState(endOffsets, warning);
    }

    /** A run that resumes after a scan of the topic from the last marker's offsets. */
    static ResumeState scanned(CsvProgressStore.TopicScan scan) {
        ResumeState state = new ResumeState(scan.endOffsets(), null);
        for (CsvProgressStore.SentEvent event : scan.events()) {
            state.ahead.putIfAbsent(event.eventId(), event);
        }
        return state;
    }

    /** Whether the row with this ce_id is already in Kafka (an interrupted run sent it); each is reported once. */
    boolean alreadySent(String eventId) {
        if (ahead.isEmpty() || ahead.remove(eventId) == null) {
            return false;
        }
        found++;
        return true;
    }

    /** Why rows of the interrupted run may be sent twice (the topic could not be scanned), or null. */
    String warning() {
        return warning;
    }

    /** Rows found in Kafka and not sent again so far. */
    long found() {
        return found;
    }

    /** Notes an acknowledgement of this run. */
    void acknowledged(PublishReceipt receipt) {
        if (floor != null) {
            floor.merge(receipt.partition(), receipt.offset() + 1, Math::max);
        }
    }

    /** The offsets for a marker written now, or null when unknown. */
    Map<Integer, Long> offsets() {
        if (floor == null) {
            return null;
        }
        Map<Integer, Long> offsets = new HashMap<>(floor);
        // Events not matched yet are rows further down the file, or another file's rows: either way, look from there.
        for (CsvProgressStore.SentEvent event : ahead.values()) {
            offsets.merge(event.partition(), event.offset(), Math::min);
        }
        return offsets;
    }
}
