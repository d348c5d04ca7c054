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

    private Path launcher() throws IOException {
        return Files.writeString(repo.resolve("enlace"), "#!/bin/sh\n");
    }

    private void file(String path, Instant modified) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    @Test
    void shouldSkipTheWarmUpStartOnlyWhenTheArchiveWasPreparedForTheCurrentBuild() throws IOException {
        Instant built = Instant.parse("2026-11-27T10:00:00Z");
        file("modules/platform/target/enlace-platform.jar", built);
        file("modules/platform/target/fast-start/enlace-platform.jar", built.plusSeconds(5));
        file("modules/platform/target/fast-start/enlace.jsa", built.plusSeconds(60));

        assertThat(StartupRow.fastStartReady(launcher())).isTrue();
    }

    @Test
    void shouldWarmUpWhenThePlatformWasRebuiltAfterTheArchive() throws IOException {
        Instant extracted = Instant.parse("2026-11-27T10:00:00Z");
        file("modules/platform/target/fast-start/enlace-platform.jar", extracted);
        file("modules/platform/target/fast-start/enlace.jsa", extracted.plusSeconds(60));
        file("modules/platform/target/enlace-platform.jar", extracted.plusSeconds(3600));

        assertThat(StartupRow.fastStartReady(launcher())).isFalse();
    }

    @Test
    void shouldWarmUpWhenThereIsNoArchive() throws IOException {
        Instant built = Instant.parse("2026-11-27T10:00:00Z");
        file("modules/platform/target/enlace-platform.jar", built);
        file("modules/platform/target/fast-start/enlace-platform.jar", built.plusSeconds(5));

        assertThat(StartupRow.fastStartReady(launcher())).isFalse();
    }
}
