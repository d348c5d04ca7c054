package gt.enlace.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsCreatedAndLeftEmpty() throws Exception {
        Path data = dir.resolve("a").resolve("data");

        DataDirectory.check(data);

        assertThat(data).isDirectory();
        assertThat(Files.list(data)).isEmpty();
    }

    @Test
    void aFileIsRefusedWithItsName() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "keep");

        assertThatThrownBy(() -> DataDirectory.check(file)).isInstanceOf(PlatformStartException.class)
            .hasMessageStartingWith("The data directory " + file + " ").hasMessageContaining("--data-dir");
        assertThat(Files.readString(file)).isEqualTo("keep");
    }

    @Test
    void aDirectoryUnderAFileCannotBeCreatedAndIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "keep");
        Path data = file.resolve("data");

        assertThatThrownBy(() -> DataDirectory.check(data)).isInstanceOf(PlatformStartException.class)
            .hasMessageContaining("The data directory " + data + " cannot be created");
    }
}
