package gt.enlace.portal.dashboard;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.survey.instrument.Dimension;
import gt.enlace.survey.metrics.AgreementsInForce;
import gt.enlace.survey.metrics.PeriodMetrics;
import gt.enlace.survey.network.ExchangeNetwork;
import gt.enlace.survey.responses.StoredResponse;
import gt.enlace.survey.scoring.MaturityLevel;
import gt.enlace.survey.checklist.Checklist;
import gt.enlace.survey.checklist.ChecklistStep;
import gt.enlace.portal.dashboard.Table.Cell;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The evaluators' pages: national overview ({@code /dashboard}), ranking ({@code /dashboard/institutions}), one
 * institution ({@code /dashboard/institutions/{code}}), the exchange network ({@code /dashboard/network}) and a
 * printable report ({@code /dashboard/report}). The institution page also lists the data-sharing agreements the
 * institution takes part in, as provider or consumer, with their status at the time of the request. Every table is
 * exported with {@code ?format=csv|json} (and {@code &table=<id>} on pages with several). Unknown rounds and
 * institutions answer the friendly 404 page.
 */
@Controller
class DashboardController {

    /** The zone the portal shows dates in. */
    private static final ZoneId GUATEMALA = ZoneId.of("America/Guatemala");

    private final DashboardService data;
    private final MessageSource messages;

    DashboardController(DashboardService data, MessageSource messages) {
        this.data = data;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- pages

    @GetMapping("/dashboard")
    Object overview(@RequestParam(required = false) String round, @RequestParam(required = false) String format,
                    @RequestParam(required = false) String table, HttpServletRequest request, Model model) {
        return overviewPage(round, format, table, request, model, false);
    }

    @GetMapping("/dashboard/institutions")
    Object ranking(@RequestParam(required = false) String round, @RequestParam(required = false) String format,
                   @RequestParam(required = false) String table, HttpServletRequest request, Model model) {
        Optional<String> export = TableExport.format(format);
        String theRound = data.round(round);
        DashboardService.Observed observed = data.observed();
        List<Table> tables = List.of(rankingTable(data.ranking(theRound, observed, lang())));
        if (export.isPresent()) {
            return TableExport.export(tables, table, export.get(), roundField(theRound));
        }
        common(model, request, theRound, data.synthetic(data.latest(theRound)), observed);
        tables(model, request, tables);
        return "portal/dashboard/ranking";
    }

    @GetMapping("/dashboard/institutions/{code}")
    Object institution(@PathVariable String code, @RequestParam(required = false) String round,
                       @RequestParam(required = false) String format, @RequestParam(required = false) String table,
                       HttpServletRequest request, Model model) {
        Optional<String> export = TableExport.format(format);
        InstitutionDefinition institution = data.institution(code);
        String theRound = data.round(round);
        String lang = lang();
        DashboardService.Observed observed = data.observed();
        PeriodMetrics totals = observed.totals().get(code);
        Optional<StoredResponse> response = theRound == null ? Optional.empty() : data.responses().latest(code, theRound);
        Map<String, Object> summary = data.reports().summary(institution, theRound, response, totals, lang);
        List<StoredResponse> history = data.responses().history(code);
        List<TopicDefinition> topics = data.catalog().topicsOwnedBy(code);
        Optional<List<DashboardService.Subscriber>> subscribers = export.isPresent() && !"subscribers".equals(table)
                ? Optional.of(List.of()) : data.subscribers(topics);
        List<Agreement> agreements = export.isPresent() && !"agreements".equals(table)
                ? List.of() : data.agreements(code);

        List<Table> tables = new ArrayList<>();
        tables.add(dimensionsTable(summary));
        tables.add(historyTable(code));
        tables.add(observedTable(observed, code));
        tables.add(topicsTable(topics, lang));
        tables.add(subscribersTable(subscribers.orElse(List.of())));
        tables.add(agreementsTable(code, agreements));
        if (export.isPresent()) {
            Map<String, Object> extra = new LinkedHashMap<>(roundField(theRound));
            extra.put("institution", code);
            return TableExport.export(tables, table, export.get(), extra);
        }
        // Next steps are the onboarding checklist's pending steps, which start with the weakest dimension.
        Optional<Checklist> checklist = data.checklist(code);
        List<ChecklistStep> pending = checklist.map(c -> c.steps().stream().filter(st -> !st.done()).limit(3).toList())
                .orElse(List.of());

        common(model, request, theRound, data.synthetic(history), observed);
        model.addAttribute("institution", institution);
        model.addAttribute("name", "en".equals(lang) ? institution.nameEn() : institution.nameEs());
        model.addAttribute("summary", summary);
        tables(model, request, tables);
        model.addAttribute("subscribersAvailable", subscribers.isPresent());
        model.addAttribute("checklist", checklist.orElse(null));
        model.addAttribute("nextSteps", pending);
        model.addAttribute("nextDimension", pending.isEmpty() ? null : data.instrument()
                .dimension(pending.get(0).dimension()).map(d -> d.title().in(lang)).orElse(null));
        model.addAttribute("currentLevel", checklist.map(Checklist::currentLevel).map(l -> l.number() + " · "
                + l.label().in(lang)).orElse(message("dashboard.noData")));
        model.addAttribute("targetLevel", checklist.map(Checklist::targetLevel).map(l -> l.number() + " · "
                + l.label().in(lang)).orElse(null));
        return "portal/dashboard/institution";
    }

    @GetMapping("/dashboard/network")
    Object network(@RequestParam(required = false) String format, @RequestParam(required = false) String table,
                   HttpServletRequest request, Model model) {
        Optional<String> export = TableExport.format(format);
        DashboardService.Observed observed = data.observed();
        Optional<List<DashboardService.Subscriber>> subscribers = data.subscribers(data.dataTopics());
        ExchangeNetwork network = data.network(observed, subscribers.orElse(List.of()));
        Map<String, InstitutionDefinition> institutions = new LinkedHashMap<>();
        data.reports().institutions().forEach(i -> institutions.put(i.code(), i));
        List<Table> tables = List.of(edgesTable(network, institutions), nodesTable(network, institutions));
        if (export.isPresent()) {
            return TableExport.export(tables, table, export.get(), Map.of());
        }
        common(model, request, null, data.anySynthetic(), observed);
        tables(model, request, tables);
        model.addAttribute("diagram", NetworkDiagram.layout(network, institutions, lang(), (key, args) -> message(key, args)));
        model.addAttribute("subscribersAvailable", subscribers.isPresent());
        return "portal/dashboard/network";
    }

    @GetMapping("/dashboard/report")
    Object report(@RequestParam(required = false) String round, @RequestParam(required = false) String format,
                  @RequestParam(required = false) String table, HttpServletRequest request, Model model) {
        return overviewPage(round, format, table, request, model, true);
    }

    /** The national overview; as the printable report, with the ranking and the time it was generated. */
    private Object overviewPage(String round, String format, String table, HttpServletRequest request, Model model,
                                boolean report) {
        Optional<String> export = TableExport.format(format);
        String theRound = data.round(round);
        List<StoredResponse> latest = data.latest(theRound);
        DashboardService.Observed observed = data.observed();
        Map<String, Object> overview = data.reports().overview(theRound, latest, observed.periods(), null, null, lang());
        List<Table> tables = new ArrayList<>(overviewTables(overview));
        if (report) {
            tables.add(rankingTable(data.ranking(theRound, observed, lang())));
        }
        if (export.isPresent()) {
            return TableExport.export(tables, table, export.get(), roundField(theRound));
        }
        common(model, request, theRound, data.synthetic(latest), observed);
        model.addAttribute("overview", overview);
        model.addAttribute("headlines", headlineSentences(overview));
        tables(model, request, tables);
        if (!report) {
            return "portal/dashboard/overview";
        }
        model.addAttribute("generatedAt", java.time.ZonedDateTime.now(GUATEMALA)
                .withNano(0).toOffsetDateTime().toString());
        return "portal/dashboard/report";
    }

    // ---------------------------------------------------------------- tables

    @SuppressWarnings("unchecked")
    private List<Table> overviewTables(Map<String, Object> overview) {
        Table.Builder headlines = table("headlines", "headlines", "headline", "text=finding", "#count", "#answered",
                "#share");
        for (Map<String, Object> h : (List<Map<String, Object>>) overview.get("headlines")) {
            headlines.row(Cell.of(h.get("id")), Cell.of(h.get("text")), Cell.of(h.get("count")),
                    Cell.of(h.get("answered")), Cell.of(h.get("share"), percent(h.get("share"))));
        }
        Map<String, Long> declared = (Map<String, Long>) overview.get("declaredLevels");
        Map<String, Long> observed = (Map<String, Long>) overview.get("observedExchangeLevels");
        Table.Builder levels = table("levels", "levels", "level", "name=levelName", "#declared=declaredCount",
                "#observed_exchange=observedCount")
                .chart("bar", 1, null, 2, 3);
        for (MaturityLevel level : MaturityLevel.values()) {
            String key = String.valueOf(level.number());
            levels.row(Cell.of(level.number()), Cell.of(level.code(), level.label().in(lang())),
                    Cell.of(declared.get(key)), Cell.of(observed.get(key)));
        }
        levels.row(Cell.of(null, "—"), Cell.of("none", message("dashboard.noData")), Cell.of(declared.get("none")),
                Cell.of(observed.get("none")));
        Table.Builder trend = table("digital-share", "share", "period", "#digital", "#csv_bridge=csvBridge",
                "#manual_records=manual", "#digital_share=digitalShare")
                .chart("line", 0, 1, 4);
        for (Map<String, Object> p : (List<Map<String, Object>>) overview.get("digitalShareByPeriod")) {
            trend.row(Cell.of(p.get("period")), Cell.of(p.get("digital")), Cell.of(p.get("csvBridge")),
                    Cell.of(p.get("manualRecords")), Cell.of(p.get("digitalShare"), percent(p.get("digitalShare"))));
        }
        return List.of(headlines.build(), levels.build(), trend.build());
    }

    @SuppressWarnings("unchecked")
    private List<String> headlineSentences(Map<String, Object> overview) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> h : (List<Map<String, Object>>) overview.get("headlines")) {
            if (h.get("share") != null) {
                out.add(message("dashboard.headline.sentence", percent(h.get("share")),
                        lowerFirst(String.valueOf(h.get("text"))), h.get("count"), h.get("answered")));
            }
        }
        return out;
    }

    private Table rankingTable(List<Map<String, Object>> rows) {
        Table.Builder t = table("ranking", "ranking", "institution", "name", "#declared_score=declaredScore",
                "declared_level=declaredLevel", "#observed_exchange_score=observedScore",
                "observed_exchange_level=observedLevel", "#gap_levels=gap", "#change", "trend");
        for (Map<String, Object> r : rows) {
            String code = (String) r.get("institution");
            Map<?, ?> previous = (Map<?, ?>) r.get("previous");
            Object change = previous == null ? null : previous.get("change");
            t.row(Cell.link(code, (String) r.get("acronym"), "/dashboard/institutions/" + code),
                    Cell.of(r.get("name")),
                    Cell.of(get(r.get("declared"), "score")),
                    levelCell(r.get("declared")),
                    Cell.of(get(r.get("observed"), "score")),
                    levelCell(r.get("observed")),
                    Cell.of(get(r.get("gap"), "levels"), gapText(get(r.get("gap"), "levels"))),
                    Cell.of(change),
                    Cell.of(trendCode(previous, change), trendText(previous, change)));
        }
        return t.build();
    }

    @SuppressWarnings("unchecked")
    private Table dimensionsTable(Map<String, Object> summary) {
        Table.Builder t = table("dimensions", "dimensions", "dimension", "#declared_score=declaredScore",
                "declared_level=declaredLevel", "#observed_score=observedScore", "observed_level=observedLevel",
                "#gap_levels=gap")
                .chart("bar", 0, 100, 1, 3);
        for (Map<String, Object> d : (List<Map<String, Object>>) summary.get("dimensions")) {
            boolean observable = Boolean.TRUE.equals(d.get("observable"));
            t.row(Cell.of(d.get("dimension"), (String) d.get("title")),
                    Cell.of(get(d.get("declared"), "score")), levelCell(d.get("declared")),
                    Cell.of(get(d.get("observed"), "score"), observable ? null : message("dashboard.declaredOnly")),
                    observable ? levelCell(d.get("observed")) : Cell.of(null, message("dashboard.declaredOnly")),
                    Cell.of(get(d.get("gap"), "levels"), gapText(get(d.get("gap"), "levels"))));
        }
        Map<String, Object> overall = (Map<String, Object>) summary.get("declared");
        t.row(Cell.of("overall", message("dashboard.overall")), Cell.of(get(overall, "score")), levelCell(overall),
                Cell.of(get(summary.get("observed"), "score")), levelCell(summary.get("observed")),
                Cell.of(get(summary.get("gap"), "levels"), gapText(get(summary.get("gap"), "levels"))));
        return t.build();
    }

    @SuppressWarnings("unchecked")
    private Table historyTable(String code) {
        Table.Builder t = table("history", "history", "round", "submitted_at=submittedAt",
                "#declared_score=declaredScore", "declared_level=declaredLevel");
        for (Dimension d : data.instrument().dimensions()) {
            t.number(d.id() + "_score", d.title().in(lang()));
        }
        t.chart("line", 0, 100, 2);
        for (String round : data.rounds()) {
            Optional<StoredResponse> r = data.responses().latest(code, round);
            if (r.isEmpty()) {
                continue;
            }
            Map<String, Object> s = data.reports().submission(r.get(), lang());
            List<Cell> cells = new ArrayList<>(List.of(Cell.of(round), Cell.of(s.get("submittedAt")),
                    Cell.of(get(s.get("declared"), "score")), levelCell(s.get("declared"))));
            for (Map<String, Object> d : (List<Map<String, Object>>) s.get("dimensions")) {
                cells.add(Cell.of(get(d.get("declared"), "score")));
            }
            t.row(cells);
        }
        return t.build();
    }

    /**
     * The institution's observed metrics per period, oldest first: the periods it has metrics for, and the other
     * observed periods in which it had an agreement in force. Active subscriptions are consumer groups that consumed
     * from its topics in the period; agreements count as provider or consumer (docs/maturity.md).
     */
    private Table observedTable(DashboardService.Observed observed, String code) {
        Table.Builder t = table("observed", "observed", "period", "#sdk", "#gateway", "#csv_bridge=csvBridge",
                "#manual_records=manual", "#dead_lettered=deadLettered", "#digital_share=digitalShare",
                "#observed_score=observedScore", "#active_subscriptions=activeSubscriptions",
                "#agreements_in_force=agreementsInForce", "#agreements_with_legal_basis=agreementsWithLegalBasis");
        Map<String, PeriodMetrics> own = new LinkedHashMap<>();
        java.util.SortedMap<java.time.LocalDate, String> periods = new java.util.TreeMap<>();
        for (PeriodMetrics m : observed.periods()) {
            periods.putIfAbsent(m.periodStart(), m.periodKey());
            if (m.institution().equals(code)) {
                own.put(m.periodKey(), m);
            }
        }
        periods.forEach((start, key) -> {
            PeriodMetrics m = own.get(key);
            AgreementsInForce agreements = observed.agreementsInForce(code, start);
            if (m == null && agreements.inForceCount() == 0) {
                return;
            }
            if (m == null) {
                m = PeriodMetrics.empty(code, key, start);
            }
            Double share = m.digitalShare().map(v -> Math.round(v * 10_000) / 10_000.0).orElse(null);
            t.row(Cell.of(m.periodKey()), Cell.of(m.sdk()), Cell.of(m.gateway()), Cell.of(m.csvBridge()),
                    Cell.of(m.manual()), Cell.of(m.deadLettered()), Cell.of(share, percent(share)),
                    Cell.of(m.exchangeScore().orElse(null)), Cell.of(m.activeSubscriptions()),
                    Cell.of(agreements.inForceCount()), Cell.of(agreements.withLegalBasisCount()));
        });
        return t.build();
    }

    private Table topicsTable(List<TopicDefinition> topics, String lang) {
        Table.Builder t = table("topics", "topics", "topic", "description", "classification", "legal_basis=legalBasis");
        for (TopicDefinition topic : topics) {
            t.row(Cell.of(topic.name()), Cell.of("en".equals(lang) ? topic.descriptionEn() : topic.descriptionEs()),
                    Cell.of(String.valueOf(topic.classification()).toLowerCase(Locale.ROOT)), Cell.of(topic.legalBasis()));
        }
        return t.build();
    }

    private Table subscribersTable(List<DashboardService.Subscriber> subscribers) {
        Table.Builder t = table("subscribers", "subscribers", "topic", "group", "institution", "#delivered", "#lag",
                "status");
        for (DashboardService.Subscriber s : subscribers) {
            t.row(Cell.of(s.topic()), Cell.of(s.group()),
                    s.institution() == null ? Cell.of(null) : Cell.link(s.institution(), s.institution(),
                            "/dashboard/institutions/" + s.institution()),
                    Cell.of(s.delivered()), Cell.of(s.lag()),
                    Cell.of(s.caughtUp() ? "caught-up" : "pending",
                            message(s.caughtUp() ? "dashboard.caughtUp" : "dashboard.pending")));
        }
        return t.build();
    }

    /**
     * The agreements the institution takes part in: the other party, whether it provides or receives, and the status
     * now ({@code in-force} for an approved agreement inside its validity, else {@link Agreement#statusAt}).
     */
    private Table agreementsTable(String code, List<Agreement> agreements) {
        Table.Builder t = table("agreements", "agreements", "counterpart", "role", "topics", "legal_basis=legalBasis",
                "purpose", "valid_from=validFrom", "valid_until=validUntil", "status", "agreement");
        Map<String, InstitutionDefinition> institutions = new LinkedHashMap<>();
        if (!agreements.isEmpty()) {
            data.reports().institutions().forEach(i -> institutions.put(i.code(), i));
        }
        Instant now = Instant.now();
        for (Agreement a : agreements) {
            boolean provides = a.provider().equals(code);
            String other = provides ? a.consumer() : a.provider();
            String role = provides ? "provider" : "consumer";
            String status = a.inForce(now) ? "in-force" : a.statusAt(now).name().toLowerCase(Locale.ROOT);
            t.row(institutions.containsKey(other)
                            ? Cell.link(other, acronym(institutions, other), "/dashboard/institutions/" + other)
                            : Cell.of(other),
                    Cell.of(role, message("dashboard.agreements.role." + role)),
                    Cell.of(String.join(" ", a.topics())),
                    Cell.of(a.legalBasis()), Cell.of(a.purpose()),
                    Cell.of(a.validFrom().toString(), date(a.validFrom())),
                    Cell.of(a.validUntil().toString(), date(a.validUntil())),
                    Cell.of(status, message("dashboard.agreements.status." + status)),
                    Cell.of(a.id()));
        }
        return t.build();
    }

    /** The day an instant falls on in Guatemala, as the portal shows dates. */
    private static String date(Instant instant) {
        return instant.atZone(GUATEMALA).toLocalDate().toString();
    }

    private Table edgesTable(ExchangeNetwork network, Map<String, InstitutionDefinition> institutions) {
        Table.Builder t = table("edges", "edges", "from", "to", "kind", "#records", "topics");
        for (ExchangeNetwork.Edge e : network.edges()) {
            String kind = e.kind().name().toLowerCase(Locale.ROOT);
            t.row(Cell.link(e.from(), acronym(institutions, e.from()), "/dashboard/institutions/" + e.from()),
                    Cell.link(e.to(), acronym(institutions, e.to()), "/dashboard/institutions/" + e.to()),
                    Cell.of(kind, message("dashboard.kind." + kind)), Cell.of(e.records()),
                    Cell.of(e.topics().isEmpty() ? null : String.join(" ", e.topics())));
        }
        return t.build();
    }

    private Table nodesTable(ExchangeNetwork network, Map<String, InstitutionDefinition> institutions) {
        Table.Builder t = table("nodes", "nodes", "institution", "#digital", "#csv_bridge=csvBridge",
                "#manual_records=manual", "#exchanges=degree");
        for (ExchangeNetwork.Node n : network.nodes()) {
            t.row(Cell.link(n.institution(), acronym(institutions, n.institution()),
                            "/dashboard/institutions/" + n.institution()),
                    Cell.of(n.digital()), Cell.of(n.semiDigital()), Cell.of(n.manualRecords()), Cell.of(n.degree()));
        }
        return t.build();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Starts a table with the caption {@code dashboard.<caption>.caption}. Each column is {@code key} or
     * {@code key=label}: the JSON/CSV key and the {@code dashboard.col.<label>} message of its header ({@code label}
     * defaults to the key); a leading {@code #} makes it numeric.
     */
    private Table.Builder table(String id, String caption, String... columns) {
        Table.Builder t = Table.builder(id, message("dashboard." + caption + ".caption"));
        for (String column : columns) {
            boolean numeric = column.startsWith("#");
            String spec = numeric ? column.substring(1) : column;
            int eq = spec.indexOf('=');
            String key = eq < 0 ? spec : spec.substring(0, eq);
            String label = message("dashboard.col." + (eq < 0 ? spec : spec.substring(eq + 1)));
            if (numeric) {
                t.number(key, label);
            } else {
                t.text(key, label);
            }
        }
        return t;
    }

    private void common(Model model, HttpServletRequest request, String round, boolean synthetic,
                        DashboardService.Observed observed) {
        model.addAttribute("round", round);
        model.addAttribute("rounds", data.rounds());
        model.addAttribute("synthetic", synthetic);
        model.addAttribute("observedAvailable", observed.available());
    }

    private static void tables(Model model, HttpServletRequest request, List<Table> tables) {
        Map<String, Table> byId = byId(tables);
        model.addAttribute("tables", byId);
        model.addAttribute("exportCsv", exportLinks(request, byId, "csv"));
        model.addAttribute("exportJson", exportLinks(request, byId, "json"));
    }

    /** Per table id, the export link of the current page (keeping its other parameters). */
    private static Map<String, String> exportLinks(HttpServletRequest request, Map<String, Table> tables, String format) {
        Map<String, String> links = new LinkedHashMap<>();
        for (String id : tables.keySet()) {
            links.put(id, UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                    .replaceQueryParam("lang").replaceQueryParam("format", format)
                    .replaceQueryParam("table", id).build().encode().toUriString());
        }
        return links;
    }

    private static Map<String, Table> byId(List<Table> tables) {
        Map<String, Table> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t.id(), t));
        return out;
    }

    private static Map<String, Object> roundField(String round) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("round", round);
        return out;
    }

    private static Object get(Object map, String key) {
        return map instanceof Map<?, ?> m ? m.get(key) : null;
    }

    private Cell levelCell(Object level) {
        Object number = get(level, "level");
        return Cell.of(number, number == null ? message("dashboard.noData") : number + " · " + get(level, "levelName"));
    }

    private String gapText(Object levels) {
        if (!(levels instanceof Integer g)) {
            return null;
        }
        return g == 0 ? message("dashboard.gap.none") : message(g > 0 ? "dashboard.gap.over" : "dashboard.gap.under",
                (g > 0 ? "+" : "") + g, Math.abs(g));
    }

    private static String trendCode(Map<?, ?> previous, Object change) {
        if (previous == null || !(change instanceof Integer c)) {
            return null;
        }
        return c > 0 ? "up" : c < 0 ? "down" : "same";
    }

    private String trendText(Map<?, ?> previous, Object change) {
        if (previous == null) {
            return message("dashboard.trend.first");
        }
        if (!(change instanceof Integer c)) {
            return message("dashboard.trend.unknown", previous.get("round"));
        }
        String key = c > 0 ? "dashboard.trend.up" : c < 0 ? "dashboard.trend.down" : "dashboard.trend.same";
        return message(key, Math.abs(c), previous.get("round"));
    }

    private String percent(Object share) {
        if (!(share instanceof Number n)) {
            return null;
        }
        NumberFormat format = NumberFormat.getPercentInstance(LocaleContextHolder.getLocale());
        format.setMaximumFractionDigits(1);
        return format.format(n.doubleValue());
    }

    private static String acronym(Map<String, InstitutionDefinition> institutions, String code) {
        InstitutionDefinition i = institutions.get(code);
        return i == null ? code : i.acronym();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    private static String lang() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "es";
    }
}
