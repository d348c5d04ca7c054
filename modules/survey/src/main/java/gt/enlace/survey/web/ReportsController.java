package gt.enlace.survey.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.survey.SurveyError;
import gt.enlace.survey.instrument.Dimension;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.metrics.AgreementSpan;
import gt.enlace.survey.metrics.AgreementsInForce;
import gt.enlace.survey.metrics.MetricsUnavailableException;
import gt.enlace.survey.metrics.ObservedMetricsService;
import gt.enlace.survey.metrics.PeriodMetrics;
import gt.enlace.survey.responses.ResponseView;
import gt.enlace.survey.responses.StoredResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What evaluators read, as JSON or, with {@code ?format=csv}, as a spreadsheet:
 * <ul>
 *   <li>{@code GET /api/v1/survey/institutions}: per institution the declared level, the observed level of the
 *       exchange-processes dimension, the gap, per dimension, for a round (default: the latest);</li>
 *   <li>{@code GET /api/v1/survey/institutions/{code}}: one institution's submissions across rounds, and its
 *       observed metrics per period (with its active subscriptions and the agreements in force, and how many of
 *       them have a legal basis);</li>
 *   <li>{@code GET /api/v1/survey/overview}: headline figures of a round, distribution of levels, digital share
 *       of the whole bus and per period.</li>
 * </ul>
 * Common parameters: {@code round}, {@code lang} ({@code es} default, {@code en}), {@code from} and {@code to}
 * (ISO dates bounding the observed periods), {@code format} ({@code json} default, {@code csv}).
 */
@RestController
@RequestMapping("/api/v1/survey")
public class ReportsController {

    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final Instrument instrument;
    private final SurveyReports reports;
    private final ResponseView responses;
    private final ObservedMetricsService metrics;

    public ReportsController(Instrument instrument, SurveyReports reports, ResponseView responses,
                             ObservedMetricsService metrics) {
        this.instrument = instrument;
        this.reports = reports;
        this.responses = responses;
        this.metrics = metrics;
    }

    /** The ranking table. */
    @GetMapping("/institutions")
    public ResponseEntity<?> institutions(@RequestParam(required = false) String round,
                                          @RequestParam(defaultValue = "es") String lang,
                                          @RequestParam(defaultValue = "json") String format,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        String theRound = round(round);
        Observed observed = observed();
        Map<String, PeriodMetrics> totals = ObservedMetricsService.totalsByInstitution(observed.periods, from, to);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InstitutionDefinition institution : reports.institutions()) {
            Optional<StoredResponse> response = theRound == null ? Optional.empty()
                    : responses.latest(institution.code(), theRound);
            Map<String, Object> row = reports.summary(institution, theRound, response, totals.get(institution.code()), lang);
            row.put("previous", previous(institution.code(), theRound, lang));
            rows.add(row);
        }
        if (isCsv(format)) {
            return csv("institutions", institutionsCsv(rows));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("round", theRound);
        out.put("rounds", responses.rounds());
        out.put("observedAvailable", observed.available);
        out.put("institutions", rows);
        return ResponseEntity.ok(out);
    }

    /** One institution across rounds. */
    @GetMapping("/institutions/{code}")
    public ResponseEntity<?> institution(@PathVariable String code, @RequestParam(defaultValue = "es") String lang,
                                         @RequestParam(defaultValue = "json") String format) {
        InstitutionDefinition institution = reports.institutions().stream().filter(i -> i.code().equals(code))
                .findFirst().orElseThrow(() -> new SurveyApiException(HttpStatus.NOT_FOUND, SurveyError.NOT_FOUND,
                        "no institution '" + code + "' in the survey"));
        List<StoredResponse> history = responses.history(code);
        List<Map<String, Object>> submissions = history.stream().map(r -> reports.submission(r, lang)).toList();
        if (isCsv(format)) {
            return csv(code, submissionsCsv(code, submissions));
        }
        Map<String, Object> rounds = new LinkedHashMap<>();
        for (String round : responses.rounds()) {
            responses.latest(code, round).ifPresent(r -> rounds.put(round, reports.submission(r, lang)));
        }
        Observed observed = observed();
        List<Map<String, Object>> periods = new ArrayList<>();
        observed.periods.stream().filter(m -> m.institution().equals(code))
                .sorted(java.util.Comparator.comparing(PeriodMetrics::periodStart)).forEach(m -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("period", m.periodKey());
                    p.put("start", m.periodStart().toString());
                    p.putAll(SurveyReports.metrics(m));
                    AgreementsInForce agreements = AgreementsInForce.of(observed.agreements, code, m.periodStart(),
                            metrics.settings());
                    p.put("agreementsInForce", agreements.inForceCount());
                    p.put("agreementsWithLegalBasis", agreements.withLegalBasisCount());
                    p.put("observedExchangeScore", m.exchangeScore().orElse(null));
                    periods.add(p);
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("institution", code);
        out.put("acronym", institution.acronym());
        out.put("name", "en".equals(lang) ? institution.nameEn() : institution.nameEs());
        out.put("latestByRound", rounds);
        out.put("submissions", submissions);
        out.put("observedAvailable", observed.available);
        out.put("observedByPeriod", periods);
        return ResponseEntity.ok(out);
    }

    /** Headline figures. */
    @GetMapping("/overview")
    public ResponseEntity<?> overview(@RequestParam(required = false) String round,
                                      @RequestParam(defaultValue = "es") String lang,
                                      @RequestParam(defaultValue = "json") String format,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        String theRound = round(round);
        List<StoredResponse> latest = theRound == null ? List.of()
                : responses.latest().stream().filter(r -> r.round().equals(theRound)).toList();
        Observed observed = observed();
        Map<String, Object> out = reports.overview(theRound, latest, observed.periods, from, to, lang);
        out.put("observedAvailable", observed.available);
        if (isCsv(format)) {
            return csv("overview", overviewCsv(out));
        }
        return ResponseEntity.ok(out);
    }

    /**
     * The institution's latest response in the rounds before {@code round}, for trend arrows: its round, declared
     * overall score and level, and the change to the current round's score; null when there is none.
     */
    private Map<String, Object> previous(String code, String round, String lang) {
        return reports.previous(code, round, responses, lang);
    }

    private String round(String requested) {
        List<String> rounds = responses.rounds();
        if (requested == null || requested.isBlank()) {
            return rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
        }
        if (!rounds.contains(requested)) {
            throw new SurveyApiException(HttpStatus.NOT_FOUND, SurveyError.NOT_FOUND, "no responses for round '"
                    + requested + "' (rounds: " + String.join(", ", rounds) + ")");
        }
        return requested;
    }

    private record Observed(boolean available, List<PeriodMetrics> periods, List<AgreementSpan> agreements) {
    }

    private Observed observed() {
        try {
            return new Observed(true, metrics.all(), metrics.agreements());
        } catch (MetricsUnavailableException e) {
            return new Observed(false, List.of(), List.of());
        }
    }

    private static boolean isCsv(String format) {
        if ("csv".equalsIgnoreCase(format)) {
            return true;
        }
        if (!"json".equalsIgnoreCase(format)) {
            throw new SurveyApiException(HttpStatus.BAD_REQUEST, SurveyError.INVALID_FIELD, "format must be json or csv, got '"
                    + format + "'");
        }
        return false;
    }

    private static ResponseEntity<String> csv(String name, String body) {
        return ResponseEntity.ok().contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"survey-" + name + ".csv\"").body(body);
    }

    @SuppressWarnings("unchecked")
    private String institutionsCsv(List<Map<String, Object>> rows) {
        List<String> header = new ArrayList<>(List.of("institution", "acronym", "round", "responded", "declared_score",
                "declared_level", "observed_exchange_score", "observed_exchange_level", "exchange_gap_levels"));
        for (Dimension d : instrument.dimensions()) {
            header.add(d.id() + "_declared_score");
            header.add(d.id() + "_declared_level");
        }
        header.addAll(List.of("digital_share", "conformance", "median_latency_ms", "manual_records"));
        StringBuilder out = new StringBuilder(gt.enlace.survey.responses.Csv.line(header));
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(str(row.get("institution")));
            cells.add(str(row.get("acronym")));
            cells.add(str(row.get("round")));
            cells.add(str(row.get("responded")));
            cells.add(str(get(row.get("declared"), "score")));
            cells.add(str(get(row.get("declared"), "level")));
            cells.add(str(get(row.get("observed"), "score")));
            cells.add(str(get(row.get("observed"), "level")));
            cells.add(str(get(row.get("gap"), "levels")));
            for (Map<String, Object> d : (List<Map<String, Object>>) row.get("dimensions")) {
                cells.add(str(get(d.get("declared"), "score")));
                cells.add(str(get(d.get("declared"), "level")));
            }
            Object m = row.get("metrics");
            cells.add(str(get(m, "digitalShare")));
            cells.add(str(get(m, "conformance")));
            cells.add(str(get(m, "medianLatencyMillis")));
            cells.add(str(get(m, "manualRecords")));
            out.append(gt.enlace.survey.responses.Csv.line(cells));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private String submissionsCsv(String code, List<Map<String, Object>> submissions) {
        List<String> header = new ArrayList<>(List.of("institution", "round", "submitted_at", "origin", "declared_score",
                "declared_level"));
        for (Dimension d : instrument.dimensions()) {
            header.add(d.id() + "_declared_score");
        }
        StringBuilder out = new StringBuilder(gt.enlace.survey.responses.Csv.line(header));
        for (Map<String, Object> s : submissions) {
            List<String> cells = new ArrayList<>(List.of(code, str(s.get("round")), str(s.get("submittedAt")),
                    str(s.get("origin")), str(get(s.get("declared"), "score")), str(get(s.get("declared"), "level"))));
            for (Map<String, Object> d : (List<Map<String, Object>>) s.get("dimensions")) {
                cells.add(str(get(d.get("declared"), "score")));
            }
            out.append(gt.enlace.survey.responses.Csv.line(cells));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static String overviewCsv(Map<String, Object> overview) {
        StringBuilder out = new StringBuilder(gt.enlace.survey.responses.Csv.line(List.of("metric", "value")));
        java.util.function.BiConsumer<String, Object> row = (k, v) ->
                out.append(gt.enlace.survey.responses.Csv.line(List.of(k, str(v))));
        row.accept("round", overview.get("round"));
        row.accept("institutions", overview.get("institutions"));
        row.accept("responses", overview.get("responses"));
        for (Map<String, Object> h : (List<Map<String, Object>>) overview.get("headlines")) {
            row.accept("headline." + h.get("id") + ".count", h.get("count"));
            row.accept("headline." + h.get("id") + ".share", h.get("share"));
        }
        ((Map<String, Object>) overview.get("declaredLevels")).forEach((k, v) -> row.accept("declared_level." + k, v));
        ((Map<String, Object>) overview.get("observedExchangeLevels")).forEach((k, v) ->
                row.accept("observed_exchange_level." + k, v));
        Object bus = overview.get("bus");
        row.accept("bus.digital_share", get(bus, "digitalShare"));
        row.accept("bus.conformance", get(bus, "conformance"));
        for (Map<String, Object> p : (List<Map<String, Object>>) overview.get("digitalShareByPeriod")) {
            row.accept("digital_share." + p.get("period"), p.get("digitalShare"));
        }
        return out.toString();
    }

    private static Object get(Object map, String key) {
        return map instanceof Map<?, ?> m ? m.get(key) : null;
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
