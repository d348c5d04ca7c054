package gt.enlace.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node {@linkplain EmbeddedCluster.Builder#forkedNodes forked} into a child JVM never outlives the JVM
 * that started it, even when that JVM is killed without a chance to clean up: no orphan broker keeps
 * ports and files after a crashed or killed test run.
 */
class ForkedNodeIT {

    private static final String PARENT_READY = "PARENT-READY";

    @TempDir
    Path baseDir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aForkedNodeStopsByItselfWhenTheJvmThatStartedItIsKilled() throws Exception {
        Process parent = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
            "-cp", System.getProperty("java.class.path"), ParentJvm.class.getName(), baseDir.toString())
            .redirectErrorStream(true).start();
        ProcessHandle node = null;
        try {
            CompletableFuture<Long> nodePid = new CompletableFuture<>();
            Thread reader = new Thread(() -> readParent(parent, nodePid), "forked-node-it-parent-output");
            reader.setDaemon(true);
            reader.start();
            node = ProcessHandle.of(nodePid.get(60, TimeUnit.SECONDS)).orElseThrow();
            assertThat(node.isAlive()).as("forked node running").isTrue();
            assertThat(node.parent().map(ProcessHandle::pid)).as("parent of the node's JVM").contains(parent.pid());

            parent.destroyForcibly();
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(parent.exitValue()).as("the parent JVM was killed by signal 9").isEqualTo(128 + 9);

            node.onExit().get(40, TimeUnit.SECONDS);
            assertThat(node.isAlive()).as("forked node after its parent died").isFalse();
        } finally {
            parent.destroyForcibly();
            if (node != null) {
                node.destroyForcibly();
            }
        }
    }

    private static void readParent(Process parent, CompletableFuture<Long> nodePid) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[parent] " + line);
                if (line.startsWith(PARENT_READY + " ")) {
                    nodePid.complete(Long.parseLong(line.split(" ")[1]));
                }
            }
            nodePid.completeExceptionally(new IllegalStateException("The parent JVM ended before its node was ready"));
        } catch (IOException e) {
            nodePid.completeExceptionally(new UncheckedIOException(e));
        }
    }

    /** The JVM that is killed: starts a one-node cluster whose node is forked, prints the node's pid, waits. */
    static final class ParentJvm {
        public static void main(String[] args) throws Exception {
            EmbeddedCluster cluster = EmbeddedCluster.builder().nodes(1).baseDir(Path.of(args[0])).forkedNodes(1).build().start();
            List<ProcessHandle> children = ProcessHandle.current().children().toList();
            Optional<ProcessHandle> node = children.stream().findFirst();
            System.out.println(PARENT_READY + " " + node.orElseThrow().pid() + " " + cluster.runningBootstrapServers());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
