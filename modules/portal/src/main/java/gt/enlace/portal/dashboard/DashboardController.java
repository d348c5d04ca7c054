package gt.enlace.portal.dashboard;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.survey.instrument.Dimension;
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
 * printable report ({@code /dashboard/report}). Every table is exported with {@code ?format=csv|json} (and
 * {@code &table=<id>} on pages with several). Unknown rounds and institutions answer the friendly 404 page.
 */
@Controller
class DashboardController {

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
        Optional<String> export = TableExport.format(format);
        String theRound = data.round(round);
        List<StoredResponse> latest = data.latest(theRound);
        DashboardService.Observed observed = data.observed();
        Map<String, Object> overview = data.reports().overview(theRound, latest, observed.periods(), null, null, lang());
        List<Table> tables = overviewTables(overview);
        if (export.isPresent()) {
            return TableExport.export(tables, table, export.get(), roundField(theRound));
        }
        common(model, request, theRound, data.synthetic(latest), observed);
        model.addAttribute("overview", overview);
        model.addAttribute("headlines", headlineSentences(overview));
        tables(model, request, tables);
        return "portal/dashboard/overview";
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

        List<Table> tables = new ArrayList<>();
        tables.add(dimensionsTable(summary));
        tables.add(historyTable(code));
        tables.add(observedTable(observed, code));
        tables.add(topicsTable(topics, lang));
        tables.add(subscribersTable(subscribers.orElse(List.of())));
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
        Optional<String> export = TableExport.format(format);
        String theRound = data.round(round);
        List<StoredResponse> latest = data.latest(theRound);
        DashboardService.Observed observed = data.observed();
        Map<String, Object> overview = data.reports().overview(theRound, latest, observed.periods(), null, null, lang());
        List<Table> tables = new ArrayList<>(overviewTables(overview));
        tables.add(rankingTable(data.ranking(theRound, observed, lang())));
        if (export.isPresent()) {
            return TableExport.export(tables, table, export.get(), roundField(theRound));
        }
        common(model, request, theRound, data.synthetic(latest), observed);
        model.addAttribute("overview", overview);
        model.addAttribute("headlines", headlineSentences(overview));
        tables(model, request, tables);
        model.addAttribute("generatedAt", java.time.ZonedDateTime.now(java.time.ZoneId.of("America/Guatemala"))
                .withNano(0).toOffsetDateTime().toString());
        return "portal/dashboard/report";
    }

    // ---------------------------------------------------------------- tables

    @SuppressWarnings("unchecked")
    private List<Table> overviewTables(Map<String, Object> overview) {
        Table.Builder headlines = Table.builder("headlines", message("dashboard.headlines.caption"))
                .text("headline", message("dashboard.col.headline"))
                .text("text", message("dashboard.col.finding"))
                .number("count", message("dashboard.col.count"))
                .number("answered", message("dashboard.col.answered"))
                .number("share", message("dashboard.col.share"));
        for (Map<String, Object> h : (List<Map<String, Object>>) overview.get("headlines")) {
            headlines.row(Cell.of(h.get("id")), Cell.of(h.get("text")), Cell.of(h.get("count")),
                    Cell.of(h.get("answered")), Cell.of(h.get("share"), percent(h.get("share"))));
        }
        Map<String, Long> declared = (Map<String, Long>) overview.get("declaredLevels");
        Map<String, Long> observed = (Map<String, Long>) overview.get("observedExchangeLevels");
        Table.Builder levels = Table.builder("levels", message("dashboard.levels.caption"))
                .text("level", message("dashboard.col.level"))
                .text("name", message("dashboard.col.levelName"))
                .number("declared", message("dashboard.col.declaredCount"))
                .number("observed_exchange", message("dashboard.col.observedCount"))
                .chart("bar", 1, null, 2, 3);
        for (MaturityLevel level : MaturityLevel.values()) {
            String key = String.valueOf(level.number());
            levels.row(Cell.of(level.number()), Cell.of(level.code(), level.label().in(lang())),
                    Cell.of(declared.get(key)), Cell.of(observed.get(key)));
        }
        levels.row(Cell.of(null, "—"), Cell.of("none", message("dashboard.noData")), Cell.of(declared.get("none")),
                Cell.of(observed.get("none")));
        Table.Builder trend = Table.builder("digital-share", message("dashboard.share.caption"))
                .text("period", message("dashboard.col.period"))
                .number("digital", message("dashboard.col.digital"))
                .number("csv_bridge", message("dashboard.col.csvBridge"))
                .number("manual_records", message("dashboard.col.manual"))
                .number("digital_share", message("dashboard.col.digitalShare"))
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
        Table.Builder t = Table.builder("ranking", message("dashboard.ranking.caption"))
                .text("institution", message("dashboard.col.institution"))
                .text("name", message("dashboard.col.name"))
                .number("declared_score", message("dashboard.col.declaredScore"))
                .text("declared_level", message("dashboard.col.declaredLevel"))
                .number("observed_exchange_score", message("dashboard.col.observedScore"))
                .text("observed_exchange_level", message("dashboard.col.observedLevel"))
                .number("gap_levels", message("dashboard.col.gap"))
                .number("change", message("dashboard.col.change"))
                .text("trend", message("dashboard.col.trend"));
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
        Table.Builder t = Table.builder("dimensions", message("dashboard.dimensions.caption"))
                .text("dimension", message("dashboard.col.dimension"))
                .number("declared_score", message("dashboard.col.declaredScore"))
                .text("declared_level", message("dashboard.col.declaredLevel"))
                .number("observed_score", message("dashboard.col.observedScore"))
                .text("observed_level", message("dashboard.col.observedLevel"))
                .number("gap_levels", message("dashboard.col.gap"))
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
        Table.Builder t = Table.builder("history", message("dashboard.history.caption"))
                .text("round", message("dashboard.col.round"))
                .text("submitted_at", message("dashboard.col.submittedAt"))
                .number("declared_score", message("dashboard.col.declaredScore"))
                .text("declared_level", message("dashboard.col.declaredLevel"));
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

    private Table observedTable(DashboardService.Observed observed, String code) {
        Table.Builder t = Table.builder("observed", message("dashboard.observed.caption"))
                .text("period", message("dashboard.col.period"))
                .number("sdk", "SDK")
                .number("gateway", message("dashboard.col.gateway"))
                .number("csv_bridge", message("dashboard.col.csvBridge"))
                .number("manual_records", message("dashboard.col.manual"))
                .number("dead_lettered", message("dashboard.col.deadLettered"))
                .number("digital_share", message("dashboard.col.digitalShare"))
                .number("observed_score", message("dashboard.col.observedScore"));
        observed.periods().stream().filter(m -> m.institution().equals(code))
                .sorted(java.util.Comparator.comparing(PeriodMetrics::periodStart)).forEach(m -> {
                    Double share = m.digitalShare().map(v -> Math.round(v * 10_000) / 10_000.0).orElse(null);
                    t.row(Cell.of(m.periodKey()), Cell.of(m.sdk()), Cell.of(m.gateway()), Cell.of(m.csvBridge()),
                            Cell.of(m.manual()), Cell.of(m.deadLettered()), Cell.of(share, percent(share)),
                            Cell.of(m.exchangeScore().orElse(null)));
                });
        return t.build();
    }

    private Table topicsTable(List<TopicDefinition> topics, String lang) {
        Table.Builder t = Table.builder("topics", message("dashboard.topics.caption"))
                .text("topic", message("dashboard.col.topic"))
                .text("description", message("dashboard.col.description"))
                .text("classification", message("dashboard.col.classification"))
                .text("legal_basis", message("dashboard.col.legalBasis"));
        for (TopicDefinition topic : topics) {
            t.row(Cell.of(topic.name()), Cell.of("en".equals(lang) ? topic.descriptionEn() : topic.descriptionEs()),
                    Cell.of(String.valueOf(topic.classification()).toLowerCase(Locale.ROOT)), Cell.of(topic.legalBasis()));
        }
        return t.build();
    }

    private Table subscribersTable(List<DashboardService.Subscriber> subscribers) {
        Table.Builder t = Table.builder("subscribers", message("dashboard.subscribers.caption"))
                .text("topic", message("dashboard.col.topic"))
                .text("group", message("dashboard.col.group"))
                .text("institution", message("dashboard.col.institution"))
                .number("delivered", message("dashboard.col.delivered"))
                .number("lag", message("dashboard.col.lag"))
                .text("status", message("dashboard.col.status"));
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

    private Table edgesTable(ExchangeNetwork network, Map<String, InstitutionDefinition> institutions) {
        Table.Builder t = Table.builder("edges", message("dashboard.edges.caption"))
                .text("from", message("dashboard.col.from"))
                .text("to", message("dashboard.col.to"))
                .text("kind", message("dashboard.col.kind"))
                .number("records", message("dashboard.col.records"))
                .text("topics", message("dashboard.col.topics"));
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
        Table.Builder t = Table.builder("nodes", message("dashboard.nodes.caption"))
                .text("institution", message("dashboard.col.institution"))
                .number("digital", message("dashboard.col.digital"))
                .number("csv_bridge", message("dashboard.col.csvBridge"))
                .number("manual_records", message("dashboard.col.manual"))
                .number("exchanges", message("dashboard.col.degree"));
        for (ExchangeNetwork.Node n : network.nodes()) {
            t.row(Cell.link(n.institution(), acronym(institutions, n.institution()),
                            "/dashboard/institutions/" + n.institution()),
                    Cell.of(n.digital()), Cell.of(n.semiDigital()), Cell.of(n.manualRecords()), Cell.of(n.degree()));
        }
        return t.build();
    }

    // ---------------------------------------------------------------- helpers

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
