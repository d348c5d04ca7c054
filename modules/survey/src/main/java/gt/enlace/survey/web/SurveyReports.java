package gt.enlace.survey.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.SurveyTopics;
import gt.enlace.survey.instrument.Dimension;
import gt.enlace.survey.instrument.Headline;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.Item;
import gt.enlace.survey.metrics.PeriodMetrics;
import gt.enlace.survey.scoring.DimensionScore;
import gt.enlace.survey.scoring.MaturityLevel;
import gt.enlace.survey.scoring.ObservedScoring;
import gt.enlace.survey.scoring.ResponseScore;
import gt.enlace.survey.scoring.Scorer;
import gt.enlace.survey.responses.ResponseView;
import gt.enlace.survey.responses.StoredResponse;

/**
 * Builds the API's reports from declared responses and observed metrics: plain maps and lists that serialise to
 * JSON as they are and flatten to CSV. Holds no state.
 */
public final class SurveyReports {

    private final TopicCatalog catalog;
    private final Instrument instrument;
    private final Scorer scorer;

    public SurveyReports(TopicCatalog catalog, Instrument instrument) {
        this.catalog = catalog;
        this.instrument = instrument;
        this.scorer = new Scorer(instrument);
    }

    /** Institutions assessed: every catalog institution but the evaluators' office. */
    public List<InstitutionDefinition> institutions() {
        return catalog.institutions().stream().filter(i -> !i.code().equals(SurveyTopics.OWNER)).toList();
    }

    /** One institution's row of the ranking table. */
    public Map<String, Object> summary(InstitutionDefinition institution, String round, Optional<StoredResponse> response,
                                       PeriodMetrics observed, String lang) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("institution", institution.code());
        row.put("acronym", institution.acronym());
        row.put("name", "en".equals(lang) ? institution.nameEn() : institution.nameEs());
        row.put("round", round);
        row.put("responded", response.isPresent());
        row.put("submittedAt", response.map(r -> r.submittedAt().toString()).orElse(null));
        ResponseScore score = response.map(r -> scorer.score(r.answers())).orElse(null);
        Optional<Integer> observedScore = observed == null ? Optional.empty() : observed.exchangeScore();
        row.put("declared", score == null ? null : level(score.overall(), score.level(), lang));
        Integer declaredExchange = score == null ? null
                : score.dimension(ObservedScoring.DIMENSION).map(DimensionScore::score).orElse(null);
        row.put("observed", observedScore.map(s -> level(s, MaturityLevel.ofScore(s), lang)).orElse(null));
        row.put("gap", gap(declaredExchange, observedScore.orElse(null)));
        List<Map<String, Object>> dimensions = new ArrayList<>();
        for (Dimension dimension : instrument.dimensions()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("dimension", dimension.id());
            d.put("title", dimension.title().in(lang));
            DimensionScore declared = score == null ? null : score.dimension(dimension.id()).orElse(null);
            d.put("declared", declared == null || !declared.scored() ? null
                    : level(declared.score(), declared.level(), lang));
            boolean observable = dimension.id().equals(ObservedScoring.DIMENSION);
            d.put("observable", observable);
            Integer obs = observable ? observedScore.orElse(null) : null;
            d.put("observed", obs == null ? null : level(obs, MaturityLevel.ofScore(obs), lang));
            d.put("gap", observable ? gap(declared == null ? null : declared.score(), obs) : null);
            dimensions.add(d);
        }
        row.put("dimensions", dimensions);
        row.put("metrics", observed == null ? null : metrics(observed));
        return row;
    }

    /**
     * The institution's latest response in the rounds before {@code round}, for trend arrows: its round, declared
     * overall score and level, and the change to the current round's overall score ({@code change}, null unless
     * both rounds have an overall score); null when it answered no earlier round.
     */
    public Map<String, Object> previous(String code, String round, ResponseView responses, String lang) {
        if (round == null) {
            return null;
        }
        List<String> rounds = responses.rounds();
        Optional<StoredResponse> current = responses.latest(code, round);
        for (int i = rounds.indexOf(round) - 1; i >= 0; i--) {
            Optional<StoredResponse> earlier = responses.latest(code, rounds.get(i));
            if (earlier.isPresent()) {
                Integer was = scorer.score(earlier.get().answers()).overall();
                Integer now = current.map(r -> scorer.score(r.answers()).overall()).orElse(null);
                Map<String, Object> before = submission(earlier.get(), lang);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("round", rounds.get(i));
                out.put("declared", before.get("declared"));
                out.put("change", now != null && was != null ? now - was : null);
                return out;
            }
        }
        return null;
    }

    /** Scores of one stored response, with the answers. */
    public Map<String, Object> submission(StoredResponse response, String lang) {
        ResponseScore score = scorer.score(response.answers());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("round", response.round());
        s.put("submittedAt", response.submittedAt().toString());
        s.put("origin", response.origin());
        s.put("respondent", response.respondent());
        s.put("instrumentVersion", response.instrumentVersion());
        s.put("declared", score.overall() == null ? null : level(score.overall(), score.level(), lang));
        List<Map<String, Object>> dims = new ArrayList<>();
        for (DimensionScore d : score.dimensions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dimension", d.dimension());
            m.put("declared", d.scored() ? level(d.score(), d.level(), lang) : null);
            m.put("answeredItems", d.answeredItems());
            m.put("scoredItems", d.scoredItems());
            dims.add(m);
        }
        s.put("dimensions", dims);
        s.put("answers", response.answers());
        return s;
    }

    /** Observed figures of a metrics total. */
    public static Map<String, Object> metrics(PeriodMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sdk", m.sdk());
        out.put("gateway", m.gateway());
        out.put("csvBridge", m.csvBridge());
        out.put("manualRecords", m.manual());
        out.put("manualDeclarations", m.manualDeclarations());
        out.put("unknownChannel", m.unknownChannel());
        out.put("accepted", m.accepted());
        out.put("deadLettered", m.deadLettered());
        out.put("digitalShare", m.digitalShare().map(SurveyReports::round4).orElse(null));
        out.put("conformance", m.conformance().map(SurveyReports::round4).orElse(null));
        out.put("medianLatencyMillis", m.medianLatencyMillis().orElse(null));
        out.put("activeSubscriptions", m.activeSubscriptions());
        out.put("manualByMedium", m.manualByMedium());
        out.put("manualByCounterpart", m.manualByCounterpart());
        return out;
    }

    /** The overview of a round: headline figures, level distributions, digital share. */
    public Map<String, Object> overview(String round, List<StoredResponse> responses, List<PeriodMetrics> periods,
                                        LocalDate from, LocalDate to, String lang) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("round", round);
        out.put("institutions", institutions().size());
        out.put("responses", responses.size());
        List<Map<String, Object>> headlines = new ArrayList<>();
        for (Headline headline : instrument.headlines()) {
            Item item = instrument.item(headline.item()).orElseThrow();
            long answered = responses.stream().filter(r -> r.answers().containsKey(item.id())).count();
            long matching = responses.stream().filter(r -> {
                String answer = r.answers().get(item.id());
                // A choice answer counts when any of its codes is one of the headline's values.
                return answer != null && Item.codes(answer).stream().anyMatch(headline.values()::contains);
            }).count();
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("id", headline.id());
            h.put("text", headline.text().in(lang));
            h.put("item", item.id());
            h.put("count", matching);
            h.put("answered", answered);
            h.put("share", answered == 0 ? null : round4((double) matching / answered));
            headlines.add(h);
        }
        out.put("headlines", headlines);
        Map<String, Long> declared = emptyDistribution();
        for (StoredResponse r : responses) {
            ResponseScore score = scorer.score(r.answers());
            declared.merge(score.level() == null ? "none" : String.valueOf(score.level().number()), 1L, Long::sum);
        }
        out.put("declaredLevels", declared);
        Map<String, PeriodMetrics> totals = new TreeMap<>(
                gt.enlace.survey.metrics.ObservedMetricsService.totalsByInstitution(periods, from, to));
        Map<String, Long> observed = emptyDistribution();
        for (InstitutionDefinition institution : institutions()) {
            PeriodMetrics m = totals.get(institution.code());
            Optional<Integer> s = m == null ? Optional.empty() : m.exchangeScore();
            observed.merge(s.map(v -> String.valueOf(MaturityLevel.ofScore(v).number())).orElse("none"), 1L, Long::sum);
        }
        out.put("observedExchangeLevels", observed);
        PeriodMetrics bus = totals.values().stream().reduce((a, b) -> sumAcross(a, b)).orElse(null);
        out.put("bus", bus == null ? null : metrics(bus));
        Map<String, PeriodMetrics> byPeriod = new TreeMap<>();
        for (PeriodMetrics m : periods) {
            if ((from != null && m.periodStart().isBefore(from)) || (to != null && m.periodStart().isAfter(to))) {
                continue;
            }
            byPeriod.merge(m.periodKey(), m, SurveyReports::sumAcross);
        }
        List<Map<String, Object>> trend = new ArrayList<>();
        byPeriod.forEach((key, m) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("period", key);
            p.put("start", m.periodStart().toString());
            p.put("digital", m.digital());
            p.put("csvBridge", m.csvBridge());
            p.put("manualRecords", m.manual());
            p.put("digitalShare", m.digitalShare().map(SurveyReports::round4).orElse(null));
            trend.add(p);
        });
        out.put("digitalShareByPeriod", trend);
        return out;
    }

    private static PeriodMetrics sumAcross(PeriodMetrics a, PeriodMetrics b) {
        PeriodMetrics renamed = new PeriodMetrics(a.institution(), b.periodKey(), b.periodStart(), b.sdk(), b.gateway(),
                b.csvBridge(), b.declaredManual(), b.unknownChannel(), b.deadLettered(), b.manualDeclarations(),
                b.manualRecords(), b.manualByMedium(), b.manualByCounterpart(), b.latencyBuckets(), b.subscriptions());
        return a.plus(renamed);
    }

    private static Map<String, Long> emptyDistribution() {
        Map<String, Long> d = new LinkedHashMap<>();
        for (MaturityLevel level : MaturityLevel.values()) {
            d.put(String.valueOf(level.number()), 0L);
        }
        d.put("none", 0L);
        return d;
    }

    static Map<String, Object> level(Integer score, MaturityLevel level, String lang) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", score);
        m.put("level", level == null ? null : level.number());
        m.put("levelCode", level == null ? null : level.code());
        m.put("levelName", level == null ? null : level.label().in(lang));
        return m;
    }

    /** Declared minus observed, in levels, with the scores' difference; null unless both exist. */
    static Map<String, Object> gap(Integer declared, Integer observed) {
        if (declared == null || observed == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("levels", MaturityLevel.ofScore(declared).number() - MaturityLevel.ofScore(observed).number());
        m.put("score", declared - observed);
        return m;
    }

    static Double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
