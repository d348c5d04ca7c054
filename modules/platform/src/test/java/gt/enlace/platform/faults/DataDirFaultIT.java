package gt.enlace.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import gt.enlace.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enlace up} on a data directory it cannot use: read-only, on a full disk, or a file. It exits with 1 and
 * one message naming the directory and the reason, prints no stack trace, and leaves what was there untouched.
 * Read-only and full disks are real file systems (small tmpfs mounts); where mounting is not allowed (not root,
 * no CAP_SYS_ADMIN) those tests are skipped with a message saying so.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DataDirFaultIT {

    @TempDir
    Path dir;

    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path mount : mounts) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aReadOnlyDataDirectoryStopsEnlaceUpWithAMessageNamingItAndChangesNothing() throws Exception {
        Path disk = mount("size=128m");
        Path data = disk.resolve("data");
        Files.createDirectories(data.resolve("kafka"));
        Files.writeString(data.resolve("kafka").resolve("meta.properties"), "node.id=1\n");
        assumeTrue(run("mount", "-o", "remount,ro", disk.toString()) == 0, "remounting read-only is not allowed here");

        Result result = up(data);

        assertThat(result.exit).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("enlace: error: The data directory " + data + " is not writable")
            .containsIgnoringCase("read-only");
        assertNoStackTrace(result);
        assertThat(Files.readString(data.resolve("kafka").resolve("meta.properties"))).isEqualTo("node.id=1\n");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedOnAReadOnlyDiskIsNamed() throws Exception {
        Path disk = mount("size=128m,ro");
        Path data = disk.resolve("enlace-data");

        Result result = up(data);

        assertThat(result.exit).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("enlace: error: The data directory " + data + " cannot be created")
            .containsIgnoringCase("read-only");
        assertNoStackTrace(result);
    }

    @Test
    void aFullDiskStopsEnlaceUpWithTheFreeSpaceItNeeds() throws Exception {
        Path disk = mount("size=8m");
        Path data = disk.resolve("data");

        Result result = up(data);

        assertThat(result.exit).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("enlace: error: The disk of the data directory " + data + " is full")
            .contains("needs at least 64 MiB");
        assertNoStackTrace(result);
        assertThat(Files.list(data)).as("nothing was written").isEmpty();
    }

    @Test
    void aFileGivenAsDataDirectoryIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "hello");

        Result result = up(file);

        assertThat(result.exit).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("enlace: error: The data directory " + file);
        assertNoStackTrace(result);
        assertThat(Files.readString(file)).isEqualTo("hello");
    }

    private static void assertNoStackTrace(Result result) {
        assertThat(result.output).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private record Result(int exit, String output) {
    }

    /** {@code enlace up} from the platform jar, as a user runs it; it must exit by itself. */
    private Result up(Path dataDir) throws Exception {
        String jar = System.getProperty("enlace.platform.jar");
        Path log = dir.resolve("up-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar, "up", "--insecure", "--data-dir", dataDir.toString(),
            "--kafka-port", String.valueOf(EmbeddedBroker.freePort()), "--controller-port", String.valueOf(EmbeddedBroker.freePort()),
            "--http-port", String.valueOf(EmbeddedBroker.freePort()), "--registry-port", String.valueOf(EmbeddedBroker.freePort()))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("enlace up did not exit within 120 s:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    /** A fresh tmpfs mounted under the test's directory; skips the test when mounting is not allowed. */
    private Path mount(String options) throws Exception {
        Path point = Files.createDirectories(dir.resolve("disk-" + mounts.size()));
        boolean mounted = run("mount", "-t", "tmpfs", "-o", options, "enlace-fault", point.toString()) == 0;
        assumeTrue(mounted, "mounting a tmpfs is not allowed here (needs root with CAP_SYS_ADMIN): read-only and full-disk "
            + "starts not checked");
        mounts.add(point);
        return point;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException noMountCommand) {
            return -1;
        }
    }
}
