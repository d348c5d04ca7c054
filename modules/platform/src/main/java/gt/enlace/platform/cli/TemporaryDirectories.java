package gt.enlace.platform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Throwaway data directories of the commands that start a platform of their own (demo, warmup). */
final class TemporaryDirectories {

    private TemporaryDirectories() {
    }

    /** Removes a directory and everything under it; nothing when it does not exist. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
