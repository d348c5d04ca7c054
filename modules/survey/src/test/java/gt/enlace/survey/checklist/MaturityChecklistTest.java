package gt.enlace.survey.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentException;
import gt.enlace.survey.instrument.InstrumentLoader;
import gt.enlace.survey.metrics.PeriodMetrics;
import gt.enlace.survey.scoring.MaturityLevel;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The checklist of the worked examples of docs/maturity.md, and its ticks as the bus sees steps done. */
class MaturityChecklistTest {

    private static final Path DOC = Path.of("../../docs/maturity.md");
    private static final Pattern BLOCK = Pattern.compile("```yaml\\n# worked example (\\w)[^\\n]*\\n(.*?)```",
            Pattern.DOTALL);

    private final Instrument instrument = InstrumentLoader.loadDefault();
    private final ChecklistRules rules = ChecklistRules.loadDefault(instrument);

    @SuppressWarnings("unchecked")
    private Map<String, String> example(String letter) throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            if (m.group(1).equals(letter)) {
                Map<String, Object> body = new Yaml().load(m.group(2));
                Map<String, String> answers = new LinkedHashMap<>();
                ((Map<String, Object>) body.get("answers")).forEach((id, raw) -> answers.put(id,
                        instrument.item(id).orElseThrow().read(String.valueOf(raw)).canonical().orElseThrow()));
                return answers;
            }
        }
        throw new AssertionError("docs/maturity.md has no worked example " + letter);
    }

    private Checklist derive(Map<String, String> answers, ChecklistEvidence evidence) {
        return MaturityChecklist.derive(instrument, rules, "renap", "2025-baseline", answers, evidence,
                code -> code.toUpperCase(java.util.Locale.ROOT));
    }

    private static List<String> ids(Checklist checklist) {
        return checklist.steps().stream().map(ChecklistStep::id).toList();
    }

    private static PeriodMetrics observed(long sdk, long csvBridge, long manualDeclarations,
                                          Map<String, Long> manualByCounterpart) {
        return new PeriodMetrics("renap", "2026-11-26", LocalDate.of(2026, 11, 26), sdk, 0, csvBridge, 0, 0, 0,
                manualDeclarations, manualByCounterpart.values().stream().mapToLong(Long::longValue).sum(),
                new TreeMap<>(), new TreeMap<>(manualByCounterpart), new TreeMap<>());
    }

    @Test
    void exampleAAimsAtLevelThreeAndListsEveryDimensionBelowFortyWeakestFirst() throws Exception {
        Checklist checklist = derive(example("A"), ChecklistEvidence.none());

        assertThat(checklist.currentLevel()).isEqualTo(MaturityLevel.OPPORTUNISTIC);
        assertThat(checklist.targetLevel()).isEqualTo(MaturityLevel.ESSENTIAL);
        // std 13 and exc 13 tie (instrument order), then sec 19, cap 25; col 44 already reaches level 3.
        assertThat(ids(checklist)).containsExactly(
                "register-first-schema", "use-national-identifiers", "keep-data-catalog", "document-guidelines",
                "publish-first-event", "publish-with-sdk", "declare-manual-exchanges", "automate-an-exchange",
                "sign-first-agreement", "document-legal-basis", "classify-information",
                "practise-in-sandbox", "train-team", "assign-technical-staff");
        assertThat(checklist.steps()).noneMatch(ChecklistStep::done);
        assertThat(checklist.steps().get(0).text().es()).isEqualTo("Registre su primer esquema");
        assertThat(checklist.steps().get(0).text().en()).isEqualTo("Register your first schema");
    }

    @Test
    void exampleBAimsAtLevelFourStartingWithCollaborationAndSkipsWhatItAlreadyAnsweredWell() throws Exception {
        Checklist checklist = derive(example("B"), ChecklistEvidence.none());

        assertThat(checklist.currentLevel()).isEqualTo(MaturityLevel.ESSENTIAL);
        assertThat(checklist.targetLevel()).isEqualTo(MaturityLevel.SUSTAINABLE);
        // col 38, cap 42, sec 50, std 58; exc 72 already reaches level 4. Unanswered optional items
        // (col.contact-point, col.forums) count as steps to take; answered-well ones (sec.agreements yes,
        // std.data-catalog yes, cap.staff two-to-five) do not.
        assertThat(ids(checklist)).containsExactly(
                "name-contact-point", "adopt-strategy", "join-forums",
                "practise-in-sandbox", "train-team",
                "document-legal-basis", "classify-information",
                "register-first-schema", "use-national-identifiers");
    }

    @Test
    void exampleCWithoutAnOverallScoreAimsAtLevelTwoStartingWithUnscoredDimensions() throws Exception {
        Checklist checklist = derive(example("C"), ChecklistEvidence.none());

        assertThat(checklist.currentLevel()).isNull();
        assertThat(checklist.targetLevel()).isEqualTo(MaturityLevel.OPPORTUNISTIC);
        // exc, sec, cap, col have no score; std scores 100. exc.main-medium is "bus": no SDK step.
        assertThat(ids(checklist)).containsExactly(
                "publish-first-event", "declare-manual-exchanges", "automate-an-exchange",
                "sign-first-agreement", "document-legal-basis", "classify-information",
                "practise-in-sandbox", "train-team", "assign-technical-staff",
                "name-contact-point", "adopt-strategy", "join-forums");
    }

    @Test
    void anInstitutionThatNeverAnsweredGetsEveryStepOfLevelTwo() {
        Checklist checklist = derive(null, ChecklistEvidence.none());

        assertThat(checklist.round()).isNull();
        assertThat(checklist.targetLevel()).isEqualTo(MaturityLevel.OPPORTUNISTIC);
        assertThat(checklist.steps()).extracting(ChecklistStep::dimension).startsWith("std").endsWith("col");
        assertThat(ids(checklist)).contains("register-first-schema", "publish-with-sdk", "practise-in-sandbox");
    }

    @Test
    void theSdkStepTicksWhenTheBusSeesAnSdkEvent() throws Exception {
        Map<String, String> a = example("A");
        ChecklistStep before = step(derive(a, new ChecklistEvidence(observed(0, 40, 0, Map.of()), List.of(),
                List.of(), Set.of())), "publish-with-sdk");
        assertThat(before.automatic()).isTrue();
        assertThat(before.done()).isFalse();
        assertThat(before.evidence()).isNull();

        ChecklistStep after = step(derive(a, new ChecklistEvidence(observed(3, 40, 0, Map.of()), List.of(),
                List.of(), Set.of())), "publish-with-sdk");
        assertThat(after.done()).isTrue();
        assertThat(after.evidence().es()).isEqualTo("3 eventos publicados por el SDK");
        assertThat(after.evidence().en()).isEqualTo("3 events published through the SDK");
    }

    @Test
    void theSchemaStepTicksWhenASubjectOfItsTopicsIsRegistered() throws Exception {
        Checklist checklist = derive(example("A"), new ChecklistEvidence(null,
                List.of("gt.renap.birth-registered.v1-value"), List.of(), Set.of()));

        ChecklistStep schema = step(checklist, "register-first-schema");
        assertThat(schema.done()).isTrue();
        assertThat(schema.evidence().en()).isEqualTo("Schema registered: gt.renap.birth-registered.v1-value");
        assertThat(step(checklist, "publish-first-event").done()).isFalse();
    }

    @Test
    void csvBridgeTrafficAddsTheSdkStepEvenWhereTheDeclaredExchangeDimensionIsStrong() throws Exception {
        // Example B declares exc 72 (level 4 reached), but the bus sees spreadsheets coming through the bridge.
        Checklist checklist = derive(example("B"), new ChecklistEvidence(observed(0, 25, 0, Map.of()), List.of(),
                List.of(), Set.of()));

        assertThat(ids(checklist)).endsWith("publish-with-sdk");
    }

    @Test
    void manualExchangesWithACounterpartAskForAnAgreementWithItTickedWhenOneExists() throws Exception {
        PeriodMetrics manual = observed(0, 0, 2, Map.of("mineduc", 40L));
        Checklist without = derive(example("A"), new ChecklistEvidence(manual, List.of(), List.of(), Set.of()));
        ChecklistStep agreement = step(without, "agreement-with-counterpart:mineduc");
        assertThat(agreement.text().es()).isEqualTo("Firme un acuerdo con MINEDUC");
        assertThat(agreement.done()).isFalse();
        assertThat(step(without, "declare-manual-exchanges").done()).isTrue();

        Checklist with = derive(example("A"), new ChecklistEvidence(manual, List.of(), List.of(), Set.of("mineduc")));
        assertThat(step(with, "agreement-with-counterpart:mineduc").done()).isTrue();
        assertThat(step(with, "sign-first-agreement").done()).isTrue();
    }

    @Test
    void aSeamlessInstitutionHasNoStepsLeftUnlessTheBusSeesAHabitToChange() {
        Map<String, String> best = new LinkedHashMap<>();
        instrument.items().forEach(item -> best.put(item.id(), switch (item.type()) {
            case LIKERT -> "4";
            case YES_NO -> "yes";
            default -> item.options().stream().max(java.util.Comparator.comparingInt(o -> o.score()))
                    .orElseThrow().code();
        }));
        assertThat(derive(best, ChecklistEvidence.none()).targetLevel()).isNull();
        assertThat(derive(best, ChecklistEvidence.none()).steps()).isEmpty();
        assertThat(ids(derive(best, new ChecklistEvidence(observed(0, 5, 0, Map.of()), List.of(), List.of(),
                Set.of())))).containsExactly("publish-with-sdk");
    }

    @Test
    void aRulesFileWithMistakesIsRejectedNamingEveryStepAndReason() {
        String yaml = """
                version: 1
                instrument: 1
                steps:
                  - id: Bad_Id
                    dimension: xyz
                    text: {es: a, en: b}
                    detail: {es: a, en: b}
                  - id: ok-step
                    dimension: std
                    done: telepathy
                    colour: red
                    when:
                      - {item: std.nothing, below: 50}
                      - {item: exc.main-medium, in: [carrier-pigeon]}
                    text: {es: a}
                    detail: {es: a, en: b}
                """;
        assertThatThrownBy(() -> ChecklistRules.load("bad.yaml", yaml, instrument))
                .isInstanceOfSatisfying(InstrumentException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "bad.yaml: step #1: id must be lower-case kebab, got Bad_Id",
                        "bad.yaml: step #1: dimension must be one of the instrument's [std, exc, sec, cap, col], got xyz",
                        "bad.yaml: step ok-step: unknown key 'colour' (allowed: [detail, dimension, done, foreach, id, text, when])",
                        "bad.yaml: step ok-step: done must be one of [accepted, agreement, digital, gateway, manual-declared, "
                                + "sandbox, schema-registered, sdk], got telepathy",
                        "bad.yaml: step ok-step: when #1: item must be an item of instrument version 1, got std.nothing",
                        "bad.yaml: step ok-step: when #2: 'carrier-pigeon' is not an answer of exc.main-medium",
                        "bad.yaml: step ok-step: text must have non-empty es and en texts"));
    }

    private static ChecklistStep step(Checklist checklist, String id) {
        return checklist.steps().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + id + " in " + ids(checklist)));
    }
}
