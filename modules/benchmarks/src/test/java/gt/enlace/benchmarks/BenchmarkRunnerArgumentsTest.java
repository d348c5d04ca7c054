package gt.enlace.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkRunnerArgumentsTest {

    @Test
    void shouldDefaultToTheFullRunOfEveryRow() {
        BenchmarkRunner.Arguments args = BenchmarkRunner.Arguments.parse(new String[0]);

        assertThat(args.settings.mode()).isEqualTo("full");
        assertThat(args.settings.repetitions()).isGreaterThanOrEqualTo(3);
        assertThat(args.rows).isEmpty();
    }

    @Test
    void shouldParseQuickRowsRepetitionsClientAndOutput() {
        BenchmarkRunner.Arguments args = BenchmarkRunner.Arguments.parse(new String[] {"--repetitions", "4", "--quick",
            "--rows=serde", "--http-client", "jdk", "--out", "/tmp/x", "--registry-property", "server.tomcat.threads.max=8"});

        assertThat(args.settings.mode()).isEqualTo("quick");
        assertThat(args.settings.repetitions()).isEqualTo(4);
        assertThat(args.settings.httpClient()).isEqualTo("jdk");
        assertThat(args.settings.registryProperties()).containsEntry("server.tomcat.threads.max", "8");
        assertThat(args.rows).containsExactly("serde");
        assertThat(args.out).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void shouldMeasureLoadRowsForTheGivenWindowKeepingThePreset() {
        BenchmarkRunner.Arguments args = BenchmarkRunner.Arguments.parse(new String[] {"--quick", "--window", "15"});
        assertThat(args.settings.mode()).isEqualTo("quick");
        assertThat(args.settings.loadMeasurement()).isEqualTo(Duration.ofSeconds(15));
        assertThat(args.settings.loadWarmup()).isEqualTo(RunSettings.quick().loadWarmup());
    }

    @Test
    void shouldSelectRowsByIdOrGroupPrefix() {
        List<BenchmarkRow> all = BenchmarkRunner.allRows();

        assertThat(BenchmarkRunner.select(all, List.of("serde"))).extracting(BenchmarkRow::id)
            .containsExactly("serde.serialize", "serde.deserialize");
        assertThat(BenchmarkRunner.select(all, List.of("registry.lookup"))).extracting(BenchmarkRow::id)
            .containsExactly("registry.lookup");
        assertThatThrownBy(() -> BenchmarkRunner.select(all, List.of("nope"))).hasMessageContaining("--list");
    }

    @Test
    void shouldRejectUnknownArgumentsAndBadValues() {
        assertThatThrownBy(() -> BenchmarkRunner.Arguments.parse(new String[] {"--fast"})).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchmarkRunner.Arguments.parse(new String[] {"--repetitions", "x"}))
            .hasMessageContaining("number");
        assertThatThrownBy(() -> BenchmarkRunner.Arguments.parse(new String[] {"--http-client", "curl"}))
            .hasMessageContaining("raw or jdk");
        assertThatThrownBy(() -> BenchmarkRunner.Arguments.parse(new String[] {"--out"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkRunner.Arguments.parse(new String[] {"--window", "long"}))
            .hasMessageContaining("--window needs a number of seconds, got 'long'");
        assertThatThrownBy(() -> BenchmarkRunner.Arguments.parse(new String[] {"--window=0"}))
            .hasMessageContaining("between 0.1 and 600 seconds");
    }
}
