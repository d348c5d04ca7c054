package gt.enlace.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void demoPublishesEveryCatalogTopicAndReadsEveryEventBackAsATypedRecord() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = EnlaceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("demo", "--events", "2", "--data-dir", dataDir.toString(), "--exit");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("Every published event was read back");
        for (TopicDefinition topic : TopicCatalog.loadDefault().topics()) {
            assertThat(out.toString()).containsPattern(topic.name().replace(".", "\\.") + "\\s+" + topic.owner() + "\\s+2\\s+2\\s");
        }
        // Then the synthetic pilot, labelled as such, with where to look.
        assertThat(out.toString()).contains("Synthetic pilot (SINTÉTICO").contains("15 institutions")
            .contains("2025-baseline and 2026-pilot").containsPattern("Bus events by channel: csv-bridge \\d+, gateway \\d+, sdk \\d+")
            .contains("/dashboard");
        // A given --data-dir is the user's: the demo keeps it.
        assertThat(Files.exists(dataDir.resolve("kafka/logs/meta.properties"))).isTrue();
    }

    @Test
    void anEventCountOutOfRangeIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = EnlaceCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("demo", "--events", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--events must be between 1 and 1000, got 0");
    }
}
