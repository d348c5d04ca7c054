package gt.enlace.survey.checklist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.survey.instrument.Dimension;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.Item;
import gt.enlace.survey.instrument.LocalizedText;
import gt.enlace.survey.metrics.MetricsUnavailableException;
import gt.enlace.survey.metrics.ObservedMetricsService;
import gt.enlace.survey.metrics.PeriodMetrics;
import gt.enlace.survey.responses.ResponseView;
import gt.enlace.survey.responses.StoredResponse;
import gt.enlace.survey.scoring.DimensionScore;
import gt.enlace.survey.scoring.MaturityLevel;
import gt.enlace.survey.scoring.ResponseScore;
import gt.enlace.survey.scoring.Scorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that move an institution one maturity level up (docs/onboarding.md):
 * <ol>
 *   <li>its latest survey response (of the latest round it answered) is scored; the target is one level above its
 *       overall level (level 2 without an overall score; none at level 5);</li>
 *   <li>dimensions are taken weakest first (unscored ones first, then by score, ties in instrument order);</li>
 *   <li>a rule of a dimension below the target's lowest score applies when it has no condition or one of its
 *       conditions holds; a rule of any dimension applies when one of its {@code observed} conditions holds;</li>
 *   <li>each step is ticked when the bus shows the rule's evidence (a registered schema, an SDK event, a manual
 *       exchange declared, an agreement...).</li>
 * </ol>
 * Thread-safe; every call reads the current responses, metrics and registry.
 */
public final class MaturityChecklist {

    private static final Logger log = LoggerFactory.getLogger(MaturityChecklist.class);

    private final Instrument instrument;
    private final ChecklistRules rules;
    private final TopicCatalog catalog;
    private final ResponseView responses;
    private final ObservedMetricsService metrics;
    private final SchemaRegistryClient registry;
    private final AgreementDirectory agreements;

    /**
     * @param instrument the survey instrument
     * @param rules      the checklist rules
     * @param catalog    institutions and their topics
     * @param responses  the survey responses read from the bus
     * @param metrics    the observed metrics
     * @param registry   the schema registry, for the {@code schema-registered} and {@code sandbox} evidence
     * @param agreements agreements, or null when none are kept
     */
    public MaturityChecklist(Instrument instrument, ChecklistRules rules, TopicCatalog catalog, ResponseView responses,
                             ObservedMetricsService metrics, SchemaRegistryClient registry,
                             AgreementDirectory agreements) {
        this.instrument = Objects.requireNonNull(instrument, "'instrument' cannot be null");
        this.rules = Objects.requireNonNull(rules, "'rules' cannot be null");
        this.catalog = Objects.requireNonNull(catalog, "'catalog' cannot be null");
        this.responses = Objects.requireNonNull(responses, "'responses' cannot be null");
        this.metrics = Objects.requireNonNull(metrics, "'metrics' cannot be null");
        this.registry = Objects.requireNonNull(registry, "'registry' cannot be null");
        this.agreements = agreements == null ? institution -> Set.of() : agreements;
    }

    /**
     * The steps of an institution, weakest dimension first.
     *
     * @throws UnknownInstitutionException when the catalog has no such institution
     */
    public List<ChecklistStep> stepsFor(String institution) {
        return checklistFor(institution).steps();
    }

    /**
     * The checklist of an institution, with its current and target levels.
     *
     * @throws UnknownInstitutionException when the catalog has no such institution
     */
    public Checklist checklistFor(String institution) {
        InstitutionDefinition definition = catalog.institution(institution)
                .orElseThrow(() -> new UnknownInstitutionException(institution));
        Optional<StoredResponse> latest = latestResponse(definition.code());
        boolean available = true;
        PeriodMetrics observed = null;
        try {
            observed = ObservedMetricsService.totalsByInstitution(metrics.all(), null, null).get(definition.code());
        } catch (MetricsUnavailableException e) {
            available = false;
        }
        List<String> subjects = List.of();
        List<String> sandbox = List.of();
        try {
            List<String> all = registry.getAllSubjects();
            Set<String> own = Set.copyOf(catalog.topicsOwnedBy(definition.code()).stream()
                    .map(TopicDefinition::subject).toList());
            subjects = all.stream().filter(own::contains).sorted().toList();
            String sandboxPrefix = "sandbox." + definition.code() + ".";
            sandbox = all.stream().filter(s -> s.startsWith(sandboxPrefix)).sorted().toList();
        } catch (RuntimeException e) {
            available = false;
            log.warn("The checklist of {} cannot read the schema registry: {}", definition.code(), e.getMessage());
        }
        Set<String> counterparts = Set.of();
        try {
            counterparts = agreements.counterparts(definition.code());
        } catch (RuntimeException e) {
            log.warn("The checklist of {} cannot read agreements: {}", definition.code(), e.getMessage());
        }
        ChecklistEvidence evidence = new ChecklistEvidence(observed, subjects, sandbox, counterparts);
        Checklist checklist = derive(instrument, rules, definition.code(),
                latest.map(StoredResponse::round).orElse(null),
                latest.map(StoredResponse::answers).orElse(null), evidence, this::acronym);
        return new Checklist(checklist.institution(), checklist.round(), checklist.currentLevel(),
                checklist.targetLevel(), available, checklist.steps());
    }

    private Optional<StoredResponse> latestResponse(String institution) {
        List<StoredResponse> history = responses.history(institution);
        if (history.isEmpty()) {
            return Optional.empty();
        }
        List<String> rounds = responses.rounds();
        return history.stream().max(Comparator.<StoredResponse>comparingInt(r -> rounds.indexOf(r.round()))
                .thenComparing(StoredResponse::submittedAt).thenComparingLong(StoredResponse::offset));
    }

    private String acronym(String code) {
        return catalog.institution(code).map(InstitutionDefinition::acronym).orElse(code.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Applies the rules: a pure function of the answers and the evidence, what the tests and the worked examples use.
     *
     * @param instrument  the instrument
     * @param rules       the rules
     * @param institution catalog code
     * @param round       the round of {@code answers}, or null
     * @param answers     canonical answers by item id, or null when the institution has not responded
     * @param evidence    what the bus saw
     * @param acronyms    catalog code → what people read, for {@code {counterpart}}
     */
    public static Checklist derive(Instrument instrument, ChecklistRules rules, String institution, String round,
                                   Map<String, String> answers, ChecklistEvidence evidence,
                                   Function<String, String> acronyms) {
        Map<String, String> given = answers == null ? Map.of() : answers;
        ResponseScore score = new Scorer(instrument).score(given);
        MaturityLevel current = score.level();
        MaturityLevel target = current == null ? MaturityLevel.OPPORTUNISTIC
                : MaturityLevel.ofNumber(current.number() + 1).orElse(null);
        List<DimensionScore> order = new ArrayList<>(score.dimensions());
        List<String> instrumentOrder = instrument.dimensions().stream().map(Dimension::id).toList();
        order.sort(Comparator.<DimensionScore>comparingInt(d -> d.scored() ? d.score() : -1)
                .thenComparingInt(d -> instrumentOrder.indexOf(d.dimension())));
        List<ChecklistStep> steps = new ArrayList<>();
        for (DimensionScore dimension : order) {
            boolean belowTarget = target != null && (!dimension.scored() || dimension.score() < target.minScore());
            for (ChecklistRules.Rule rule : rules.steps()) {
                if (!rule.dimension().equals(dimension.dimension())) {
                    continue;
                }
                boolean applies = (belowTarget && (rule.when().isEmpty()
                        || rule.when().stream().anyMatch(c -> holds(c, instrument, given, evidence))))
                        || rule.when().stream().anyMatch(c -> c.observed() != null && holds(c, instrument, given, evidence));
                if (!applies) {
                    continue;
                }
                if ("manual-counterpart".equals(rule.foreach())) {
                    for (String counterpart : counterparts(evidence)) {
                        steps.add(step(rule, counterpart, acronyms.apply(counterpart), evidence));
                    }
                } else {
                    steps.add(step(rule, null, null, evidence));
                }
            }
        }
        return new Checklist(institution, answers == null ? null : round, current, target, true, steps);
    }

    private static List<String> counterparts(ChecklistEvidence evidence) {
        return evidence.observed() == null ? List.of()
                : evidence.observed().manualByCounterpart().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(Map.Entry::getKey).sorted().toList();
    }

    private static boolean holds(ChecklistRules.Condition condition, Instrument instrument, Map<String, String> answers,
                                 ChecklistEvidence evidence) {
        if (condition.observed() != null) {
            PeriodMetrics m = evidence.observed();
            if (m == null) {
                return false;
            }
            return switch (condition.observed()) {
                case "sdk" -> m.sdk() > 0;
                case "gateway" -> m.gateway() > 0;
                case "csv-bridge" -> m.csvBridge() > 0;
                case "accepted" -> m.accepted() > 0;
                case "dead-lettered" -> m.deadLettered() > 0;
                case "manual-declared" -> m.manualDeclarations() > 0;
                case "manual-counterpart" -> !counterparts(evidence).isEmpty();
                default -> false;
            };
        }
        String answer = answers.get(condition.item());
        if (answer == null || answer.isBlank()) {
            return true;
        }
        if (condition.below() != null) {
            Item item = instrument.item(condition.item()).orElseThrow();
            return item.score(answer) < condition.below();
        }
        return Item.codes(answer).stream().anyMatch(condition.in()::contains)
                || condition.in().contains(answer);
    }

    private static ChecklistStep step(ChecklistRules.Rule rule, String counterpart, String counterpartName,
                                      ChecklistEvidence evidence) {
        LocalizedText text = substitute(rule.text(), counterpartName);
        LocalizedText detail = substitute(rule.detail(), counterpartName);
        LocalizedText seen = rule.done() == null ? null : evidence(rule.done(), counterpart, counterpartName, evidence);
        String id = counterpart == null ? rule.id() : rule.id() + ":" + counterpart;
        return new ChecklistStep(id, rule.dimension(), text, detail, rule.done() != null, seen != null, seen);
    }

    private static LocalizedText substitute(LocalizedText text, String counterpart) {
        if (counterpart == null) {
            return text;
        }
        return new LocalizedText(text.es().replace("{counterpart}", counterpart),
                text.en().replace("{counterpart}", counterpart));
    }

    /** What the bus saw that proves the step done, or null. */
    private static LocalizedText evidence(String kind, String counterpart, String counterpartName,
                                          ChecklistEvidence evidence) {
        PeriodMetrics m = evidence.observed();
        return switch (kind) {
            case "schema-registered" -> evidence.schemaSubjects().isEmpty() ? null
                    : new LocalizedText("Esquema registrado: " + evidence.schemaSubjects().get(0),
                            "Schema registered: " + evidence.schemaSubjects().get(0));
            case "sandbox" -> evidence.sandboxSubjects().isEmpty() ? null
                    : new LocalizedText("Sandbox creado: " + evidence.sandboxSubjects().get(0),
                            "Sandbox created: " + evidence.sandboxSubjects().get(0));
            case "accepted" -> m == null || m.accepted() == 0 ? null
                    : counted(m.accepted(), "evento publicado", "eventos publicados", "event published", "events published");
            case "sdk" -> m == null || m.sdk() == 0 ? null
                    : counted(m.sdk(), "evento publicado por el SDK", "eventos publicados por el SDK",
                            "event published through the SDK", "events published through the SDK");
            case "gateway" -> m == null || m.gateway() == 0 ? null
                    : counted(m.gateway(), "evento por la pasarela HTTP", "eventos por la pasarela HTTP",
                            "event through the HTTP gateway", "events through the HTTP gateway");
            case "digital" -> m == null || m.digital() == 0 ? null
                    : counted(m.digital(), "evento de sistema a sistema (SDK o pasarela)",
                            "eventos de sistema a sistema (SDK o pasarela)", "system-to-system event (SDK or gateway)",
                            "system-to-system events (SDK or gateway)");
            case "manual-declared" -> m == null || m.manualDeclarations() == 0 ? null
                    : counted(m.manualDeclarations(), "intercambio manual declarado", "intercambios manuales declarados",
                            "manual exchange declared", "manual exchanges declared");
            case "agreement" -> {
                if (counterpart != null) {
                    yield evidence.agreementCounterparts().contains(counterpart)
                            ? new LocalizedText("Acuerdo vigente con " + counterpartName,
                                    "Active agreement with " + counterpartName) : null;
                }
                yield evidence.agreementCounterparts().isEmpty() ? null
                        : new LocalizedText("Acuerdos vigentes: " + evidence.agreementCounterparts().size(),
                                "Active agreements: " + evidence.agreementCounterparts().size());
            }
            default -> null;
        };
    }

    private static LocalizedText counted(long n, String es, String esPlural, String en, String enPlural) {
        return new LocalizedText(n + " " + (n == 1 ? es : esPlural), n + " " + (n == 1 ? en : enPlural));
    }
}
