package gt.enlace.platform.runtime;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The start-up check of {@code --data-dir}: before anything starts, the directory must exist or be creatable, be
 * writable, and have room for the broker's first segments. A read-only or full disk then stops {@code enlace up}
 * with one sentence naming the directory, instead of a broker stack trace half-way through the start, and nothing
 * in the directory is changed.
 */
public final class DataDirectory {

    /**
     * The least free space {@code enlace up} starts with: the broker pre-allocates 10 MiB index files per segment
     * and the catalog has dozens of partitions, so below this the first writes fail.
     */
    public static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

    private DataDirectory() {
    }

    /**
     * Creates {@code dir} when missing and checks that it is writable and has {@link #MIN_FREE_BYTES} free.
     *
     * @throws PlatformStartException naming the directory and the reason
     */
    public static void check(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new PlatformStartException("The data directory " + absolute + " is not a directory; give a directory as --data-dir", null);
        }
        try {
            Files.createDirectories(absolute);
        } catch (FileSystemException e) {
            throw new PlatformStartException("The data directory " + absolute + " cannot be created: " + reason(e)
                + "; give a writable --data-dir", e);
        } catch (IOException e) {
            throw new PlatformStartException("The data directory " + absolute + " cannot be created: " + e.getMessage()
                + "; give a writable --data-dir", e);
        }
        Path probe = absolute.resolve(".enlace-write-check");
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException e) {
            throw new PlatformStartException("The data directory " + absolute + " is not writable: " + reason(e)
                + "; give a writable --data-dir", e);
        }
        try {
            long free = Files.getFileStore(absolute).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                throw new PlatformStartException("The disk of the data directory " + absolute + " is full: " + free / 1024
                    + " KiB free, Enlace needs at least " + MIN_FREE_BYTES / (1024 * 1024) + " MiB; free space or give another --data-dir", null);
            }
        } catch (IOException e) {
            // The free space is unknown on this file system; the write check above passed, so start.
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("no space")) {
            return "the disk is full (" + reason + ")";
        }
        return reason == null ? e.getClass().getSimpleName() : reason;
    }
}
