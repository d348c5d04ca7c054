package gt.enlace.benchmarks.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StartupRowTest {

    @TempDir
    Path repo;

    /** The launcher's build layout: the built jar, its extracted copy and the archive; {@code null} leaves one out. */
    private Path layout(Instant jar, Instant extracted, Instant archive) throws IOException {
        file("modules/platform/target/enlace-platform.jar", jar);
        file("modules/platform/target/fast-start/enlace-platform.jar", extracted);
        file("modules/platform/target/fast-start/enlace.jsa", archive);
        return Files.writeString(repo.resolve("enlace"), "#!/bin/sh\n");
    }

    private void file(String path, Instant modified) throws IOException {
        if (modified == null) {
            return;
        }
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    @Test
    void shouldSkipTheWarmUpStartOnlyWhenTheArchiveWasPreparedForTheCurrentBuild() throws IOException {
        Instant built = Instant.parse("2026-11-27T10:00:00Z");

        assertThat(StartupRow.fastStartReady(layout(built, built.plusSeconds(5), built.plusSeconds(60)))).isTrue();
    }

    @Test
    void shouldWarmUpWhenThePlatformWasRebuiltAfterTheArchive() throws IOException {
        Instant extracted = Instant.parse("2026-11-27T10:00:00Z");

        assertThat(StartupRow.fastStartReady(layout(extracted.plusSeconds(3600), extracted, extracted.plusSeconds(60))))
            .isFalse();
    }

    @Test
    void shouldWarmUpWhenThereIsNoArchive() throws IOException {
        Instant built = Instant.parse("2026-11-27T10:00:00Z");

        assertThat(StartupRow.fastStartReady(layout(built, built.plusSeconds(5), null))).isFalse();
    }
}
