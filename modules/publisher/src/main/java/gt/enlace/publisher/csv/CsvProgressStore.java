package gt.enlace.publisher.csv;

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
     */
    record Marker(String topic, String sha256, String fileName, long rowsDone, boolean complete, long published,
                  long rejected, String updatedAt) {

        /** The compaction key: {@code <topic>/<sha256>}. */
        public String key() {
            return topic + "/" + sha256;
        }
    }

    /** The latest marker of this file for this topic, if any. */
    Optional<Marker> find(String topic, String sha256);

    /** Stores a marker durably (acknowledged by Kafka) before returning. */
    void save(Marker marker);

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
