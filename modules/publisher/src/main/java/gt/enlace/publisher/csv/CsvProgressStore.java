package gt.enlace.publisher.csv;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, per topic and file content, up to which row the CSV bridge has every row acknowledged by Kafka, so
 * that re-running the same file publishes nothing twice and a run cut short resumes after the last marker.
 * {@link KafkaCsvProgressStore} keeps the markers on the compacted topic {@value KafkaCsvProgressStore#TOPIC}.
 */
public interface CsvProgressStore extends AutoCloseable {

    /**
     * A progress marker.
     *
     * @param topic          the topic the file was published to
     * @param sha256         SHA-256 of the file's bytes
     * @param fileName       file name, for people reading the topic
     * @param rowsDone       every row up to this spreadsheet row number is acknowledged (or rejected)
     * @param complete       whether the whole file was processed
     * @param published      rows published so far, over all runs
     * @param rejected       rows rejected in the run that wrote the marker
     * @param updatedAt      ISO-8601 instant of the marker
     * @param offsets        partition -> offset of the file's topic from which any row after {@code rowsDone} that
     *                       Kafka may already have is found, for a re-run to skip those rows; null in a complete
     *                       marker, in markers of older versions, and when the store cannot read topics
     */
    record Marker(String topic, String sha256, String fileName, long rowsDone, boolean complete, long published,
                  long rejected, String updatedAt, Map<Integer, Long> offsets) {

        @JsonCreator
        public Marker {
            offsets = offsets == null ? null : Map.copyOf(offsets);
        }

        /** A marker without offsets (the format before they were added). */
        public Marker(String topic, String sha256, String fileName, long rowsDone, boolean complete, long published,
                      long rejected, String updatedAt) {
            this(topic, sha256, fileName, rowsDone, complete, published, rejected, updatedAt, null);
        }

        /** The compaction key: {@code <topic>/<sha256>}. */
        public String key() {
            return topic + "/" + sha256;
        }
    }

    /** The latest marker of this file for this topic, if any. */
    Optional<Marker> find(String topic, String sha256);

    /** Stores a marker durably (acknowledged by Kafka) before returning. */
    void save(Marker marker);

    /**
     * The current end offset of each partition of {@code topic}, or empty when this store cannot read topics (then
     * markers carry no offsets and a re-run after a crash may send the interrupted chunk's acknowledged rows again).
     */
    default Optional<Map<Integer, Long>> endOffsets(String topic) {
        return Optional.empty();
    }

    /**
     * Reads {@code topic} from {@code from} (partition -> offset; a partition missing from it is read from its start)
     * up to the end offsets at the time of the call, and returns the CSV bridge's events found there
     * ({@code ce_channel=csv-bridge}): only their headers are looked at.
     *
     * @return the events, or why they cannot be known (records deleted by retention, reading not allowed...)
     * @throws CsvFileException when Kafka cannot be read at all
     */
    default TopicScan csvBridgeEvents(String topic, Map<Integer, Long> from) {
        return TopicScan.unavailable("this progress store cannot read topics");
    }

    /** Where one event is in its topic. */
    record SentEvent(String eventId, int partition, long offset) {
    }

    /**
     * What {@link #csvBridgeEvents} found.
     *
     * @param endOffsets  partition -> end offset the topic was read up to; null when {@code unavailable}
     * @param events      the CSV bridge's events in the range read
     * @param unavailable why the range could not be read completely, or null when it was
     */
    record TopicScan(Map<Integer, Long> endOffsets, List<SentEvent> events, String unavailable) {

        /** A scan that could not read the range. */
        public static TopicScan unavailable(String reason) {
            return new TopicScan(null, List.of(), reason);
        }
    }

    @Override
    void close();

    /** A store in memory, for tests and dry runs. */
    static CsvProgressStore inMemory() {
        java.util.Map<String, Marker> markers = new java.util.concurrent.ConcurrentHashMap<>();
        return new CsvProgressStore() {
            @Override
            public Optional<Marker> find(String topic, String sha256) {
                return Optional.ofNullable(markers.get(topic + "/" + sha256));
            }

            @Override
            public void save(Marker marker) {
                markers.put(marker.key(), marker);
            }

            @Override
            public void close() {
            }
        };
    }
}
