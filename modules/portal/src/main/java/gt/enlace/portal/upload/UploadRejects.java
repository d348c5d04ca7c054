package gt.enlace.portal.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The rejects files of recent uploads, kept in a temporary folder so that the result page can offer them for
 * download: the last {@value #KEPT} uploads' files, each under a random id, deleted when the application stops.
 */
@Component
class UploadRejects implements AutoCloseable {

    /** Rejects files kept for download. */
    static final int KEPT = 100;

    private static final Logger log = LoggerFactory.getLogger(UploadRejects.class);

    /**
     * One upload's rejects file.
     *
     * @param id       random id in the download URL
     * @param path     where the CSV bridge writes it
     * @param fileName the uploaded file's name
     */
    record Slot(String id, Path path, String fileName) {

        /** {@code births.csv} gives {@code births.rejects.csv}, as {@code enlace publish-csv} names it. */
        String downloadName() {
            int dot = fileName.lastIndexOf('.');
            return (dot > 0 ? fileName.substring(0, dot) : fileName) + ".rejects.csv";
        }
    }

    private final Path folder;
    private final DataSize maxSize;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    UploadRejects(Environment env) {
        this.maxSize = UploadConfiguration.maxSize(env);
        try {
            this.folder = Files.createTempDirectory("enlace-portal-rejects");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for rejects files: " + e.getMessage(), e);
        }
    }

    /** The largest upload accepted. */
    DataSize maxSize() {
        return maxSize;
    }

    /** A new slot; the oldest is dropped beyond {@value #KEPT}. */
    synchronized Slot newSlot(String fileName) {
        String id = UUID.randomUUID().toString();
        Slot slot = new Slot(id, folder.resolve(id + ".csv"), fileName);
        slots.put(id, slot);
        Iterator<Slot> oldest = slots.values().iterator();
        while (slots.size() > KEPT) {
            delete(oldest.next().path());
            oldest.remove();
        }
        return slot;
    }

    synchronized Optional<Slot> find(String id) {
        return Optional.ofNullable(slots.get(id));
    }

    synchronized void discard(Slot slot) {
        slots.remove(slot.id());
        delete(slot.path());
    }

    @Override
    public synchronized void close() {
        slots.clear();
        deleteTree(folder);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete {}", path, e);
        }
    }

    /** Deletes a folder and what it holds (one level, as the upload folders are). */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(UploadRejects::delete);
        } catch (IOException e) {
            log.warn("Could not list {}", dir, e);
        }
        delete(dir);
    }
}
