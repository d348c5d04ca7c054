package gt.enlace.survey.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentLoader;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the worked examples of docs/maturity.md exactly as written there: every {@code yaml} block that starts
 * with {@code # worked example} or {@code # observed example}.
 */
class WorkedExamplesTest {

    static final Path DOC = Path.of("../../docs/maturity.md");
    private static final Pattern BLOCK = Pattern.compile("```yaml\\n(# (worked|observed) example[^\\n]*\\n.*?)```",
            Pattern.DOTALL);

    private final Instrument instrument = InstrumentLoader.loadDefault();

    record Example(String title, Map<String, Object> body) {
    }

    static List<Example> examples(String kind) throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(DOC));
        List<Example> examples = new ArrayList<>();
        while (m.find()) {
            if (m.group(2).equals(kind)) {
                examples.add(new Example(m.group(1).lines().findFirst().orElseThrow(), new Yaml().load(m.group(1))));
            }
        }
        return examples;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDeclaredWorkedExampleScoresAsTheDocSays() throws Exception {
        List<Example> examples = examples("worked");
        assertThat(examples).hasSize(3);
        for (Example example : examples) {
            Map<String, String> answers = new LinkedHashMap<>();
            ((Map<String, Object>) example.body().get("answers")).forEach((k, v) -> answers.put(k, String.valueOf(v)));
            // The doc's answers are what a person writes: read them as the edge does.
            answers.replaceAll((id, raw) -> instrument.item(id).orElseThrow().read(raw).canonical().orElseThrow());
            ResponseScore score = new Scorer(instrument).score(answers);
            Map<String, Object> expected = (Map<String, Object>) example.body().get("expected");
            for (DimensionScore d : score.dimensions()) {
                Map<String, Object> want = (Map<String, Object>) expected.get(d.dimension());
                assertThat(expected).as(example.title() + " lists " + d.dimension()).containsKey(d.dimension());
                if (want == null) {
                    assertThat(d.score()).as(example.title() + " " + d.dimension()).isNull();
                    assertThat(d.level()).isNull();
                } else {
                    assertThat(d.score()).as(example.title() + " " + d.dimension()).isEqualTo(want.get("score"));
                    assertThat(d.level().number()).as(example.title() + " " + d.dimension()).isEqualTo(want.get("level"));
                }
            }
            Map<String, Object> overall = (Map<String, Object>) expected.get("overall");
            if (overall == null) {
                assertThat(score.overall()).as(example.title()).isNull();
                assertThat(score.level()).isNull();
            } else {
                assertThat(score.overall()).as(example.title()).isEqualTo(overall.get("score"));
                assertThat(score.level().number()).as(example.title()).isEqualTo(overall.get("level"));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyObservedExampleScoresAsTheDocSays() throws Exception {
        List<Example> examples = examples("observed");
        assertThat(examples).hasSize(3);
        for (Example example : examples) {
            Map<String, Integer> o = (Map<String, Integer>) example.body().get("observed");
            Map<String, Object> expected = (Map<String, Object>) example.body().get("expected");
            long digital = o.get("sdk") + o.get("gateway");
            long accepted = digital + o.get("csvBridge");
            var metrics = new gt.enlace.survey.metrics.PeriodMetrics("renap", "2026-11-23",
                    java.time.LocalDate.of(2026, 11, 23), o.get("sdk"), o.get("gateway"), o.get("csvBridge"), 0, 0,
                    o.get("deadLettered"), 1, o.get("manualRecords"), new java.util.TreeMap<>(), new java.util.TreeMap<>(),
                    new java.util.TreeMap<>());
            assertThat(metrics.accepted()).isEqualTo(accepted);
            assertThat(metrics.digitalShare().orElse(null)).as(example.title()).isEqualTo(expected.get("digitalShare"));
            assertThat(metrics.conformance().orElse(null)).as(example.title()).isEqualTo(expected.get("conformance"));
            assertThat(metrics.exchangeScore().orElse(null)).as(example.title()).isEqualTo(expected.get("score"));
            assertThat(metrics.exchangeScore().map(s -> MaturityLevel.ofScore(s).number()).orElse(null))
                    .as(example.title()).isEqualTo(expected.get("level"));
        }
    }
}
