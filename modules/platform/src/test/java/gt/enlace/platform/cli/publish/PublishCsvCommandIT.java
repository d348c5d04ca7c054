package gt.enlace.platform.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.platform.EnlaceCli;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code enlace template} and {@code enlace publish-csv} against a running platform, with their exit codes. */
class PublishCsvCommandIT {

    private static final String TOPIC = "gt.renap.birth-registered.v1";

    @TempDir
    static Path dataDir;

    @TempDir
    Path work;

    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(PlatformSettings.ephemeral(dataDir.resolve("platform")), TopicCatalog.loadDefault(), line -> { });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = EnlaceCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run publish(Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of("publish-csv", "--institution", "renap", "--topic", TOPIC,
            "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl()));
        args.addAll(List.of(extra));
        args.add(file.toString());
        return run(args.toArray(String[]::new));
    }

    @Test
    void aTemplatePublishesAsIsAndARerunPublishesNothing() throws Exception {
        Path template = work.resolve("nacimientos.csv");
        Run written = run("template", "--topic", TOPIC, "--output", template.toString());
        assertThat(written.exit()).as(written.err()).isZero();
        List<String> lines = Files.readAllLines(template, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("\uFEFFregistrationNumber,book,folio,entry,childCui,childName.givenNames");

        Run first = publish(template);
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("Published  1").contains("Rejected   0");
        assertThat(first.err()).contains("rows/s");

        Run again = publish(template);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Published  0").contains("Skipped    1 already published");
    }

    @Test
    void rejectedRowsExitWithTwoAndGoToTheRejectsFile() throws Exception {
        Path template = work.resolve("plantilla.csv");
        assertThat(run("template", "--topic", TOPIC, "--output", template.toString()).exit()).isZero();
        List<String> lines = Files.readAllLines(template, StandardCharsets.UTF_8);
        String good = lines.get(1);
        String otherBad = good.replaceFirst("FEMALE|MALE", "X");
        Path file = work.resolve("nacimientos-marzo.csv");
        Files.writeString(file, lines.get(0) + "\r\n" + good.replace("2026-", "2025-") + "\r\n" + otherBad + "\r\n\r\n", StandardCharsets.UTF_8);

        Run result = publish(file);
        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(PublishCsvCommand.EXIT_REJECTED);
        Path rejects = work.resolve("nacimientos-marzo.rejects.csv");
        assertThat(result.out()).contains("Rejected   1 -> " + rejects);
        assertThat(Files.readAllLines(rejects, StandardCharsets.UTF_8).get(1)).startsWith("3,3,sex,INVALID_ENUM,");
    }

    @Test
    void aFileThatIsNotCsvExitsWithOneAndAClearMessage() throws Exception {
        Path xlsx = work.resolve("nacimientos.xlsx");
        Files.write(xlsx, new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0});
        Run result = publish(xlsx);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("is not a CSV file").contains("xlsx").doesNotContain("Exception");
    }

    @Test
    void anotherInstitutionsTopicExitsWithOne() throws Exception {
        Path template = work.resolve("t.csv");
        assertThat(run("template", "--topic", TOPIC, "--output", template.toString()).exit()).isZero();
        Run result = run("publish-csv", "--institution", "sat", "--topic", TOPIC, "--bootstrap-servers", platform.bootstrapServers(),
            "--registry-url", platform.registryUrl(), template.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("belongs to renap");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("publish-csv", "--topic", TOPIC, "x.csv").exit()).isEqualTo(2);
        assertThat(run("template").exit()).isEqualTo(2);
    }
}
