package gt.enlace.portal.catalog;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import gt.enlace.bus.audit.AuditLog;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The catalog's pages: the list with its search ({@code /catalog}), a topic ({@code /catalog/topics/{topic}}) with
 * its request-access form, and an institution ({@code /catalog/institutions/{code}}). Rendered on the server, so
 * they read and search without JavaScript. An unknown topic or institution answers with the friendly 404 page.
 *
 * <p>On a secure platform (a logged-in principal), every access request the portal refuses is recorded in the audit
 * log, like the platform's other security events: {@value #AUDIT_DENIED} when an institution asks in another's name,
 * {@value #AUDIT_REFUSED} when the topic is unknown, the form is invalid or the agreements service refuses the
 * request (details: operation, reason, address and, for an invalid form, the fields at fault).
 */
@Controller
class CatalogPageController {

    /** Audit action of an access request made in another institution's name. */
    static final String AUDIT_DENIED = "access.denied";

    /** Audit action of an access request refused for its content (unknown topic, invalid form, not recorded). */
    static final String AUDIT_REFUSED = "agreement.request.refused";

    private static final Logger log = LoggerFactory.getLogger(CatalogPageController.class);
    private static final int MAX_AUDITED_CHARS = 200;

    private final CatalogService catalog;
    private final AccessRequests accessRequests;
    private final Clock clock = Clock.systemDefaultZone();

    private AuditLog audit;

    CatalogPageController(CatalogService catalog, AccessRequests accessRequests) {
        this.catalog = catalog;
        this.accessRequests = accessRequests;
    }

    /** Where refused access requests are recorded: the platform's audit log, when there is one. */
    @Autowired(required = false)
    void setAuditLog(AuditLog audit) {
        this.audit = audit;
    }

    /** One institution and its matching topics, for the grouped list. */
    record InstitutionGroup(InstitutionDefinition institution, List<CatalogEntry> topics) {
    }

    @GetMapping("/catalog")
    String list(@RequestParam(name = "q", required = false) String q,
                @RequestParam(name = "institution", required = false) String institution,
                @RequestParam(name = "field", required = false) String field, Locale locale, Model model) {
        boolean cut = CatalogQuery.tooLong(q, institution, field) != null;
        CatalogQuery query = new CatalogQuery(CatalogQuery.cut(q), CatalogQuery.cut(institution), CatalogQuery.cut(field));
        List<CatalogEntry> found = catalog.summaries(query, locale);
        Map<String, List<CatalogEntry>> byOwner = new LinkedHashMap<>();
        found.forEach(e -> byOwner.computeIfAbsent(e.owner().code(), k -> new ArrayList<>()).add(e));
        List<InstitutionGroup> groups = new ArrayList<>();
        for (InstitutionDefinition definition : catalog.catalog().institutions()) {
            List<CatalogEntry> topics = byOwner.get(definition.code());
            if (topics != null) {
                groups.add(new InstitutionGroup(definition, topics));
            }
        }
        model.addAttribute("query", query);
        model.addAttribute("cut", cut);
        model.addAttribute("maxLength", CatalogQuery.MAX_LENGTH);
        model.addAttribute("groups", groups);
        model.addAttribute("count", found.size());
        model.addAttribute("total", catalog.catalog().topics().size());
        model.addAttribute("institutions", catalog.catalog().institutions());
        return "portal/catalog/list";
    }

    @GetMapping("/catalog/topics/{topic}")
    String topic(@PathVariable("topic") String topic, Locale locale, Model model) {
        return topicPage(catalog.entry(topic, locale), new AccessRequestForm(), List.of(), model);
    }

    @PostMapping("/catalog/topics/{topic}/access")
    String requestAccess(@PathVariable("topic") String topic, @ModelAttribute("form") AccessRequestForm form,
                         Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        TopicDefinition definition;
        try {
            definition = catalog.topic(topic);
        } catch (CatalogException e) {
            audit(request, AUDIT_REFUSED, topic, e.getMessage(), Map.of());
            throw e;
        }
        // On a secure platform an institution asks only in its own name (the admin in any).
        String user = request.getRemoteUser();
        if (user != null && !request.isUserInRole("admin") && !form.getRequester().isBlank()
            && !form.getRequester().equals(user)) {
            String reason = "User:" + user + " may request access only for its own institution";
            audit(request, AUDIT_DENIED, topic, reason, Map.of("requester", cut(form.getRequester())));
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return topicPage(catalog.entry(topic, locale), form, List.of(new AccessRequestForm.Problem("requester",
                "notYours", reason)), model);
        }
        List<AccessRequestForm.Problem> problems = form.validate(catalog.catalog(), definition, clock);
        if (!problems.isEmpty()) {
            audit(request, AUDIT_REFUSED, topic, "the form has " + problems.size() + " error(s): " + String.join("; ",
                problems.stream().map(p -> p.field() + ": " + p.text()).toList()), Map.of("fields",
                String.join(",", problems.stream().map(AccessRequestForm.Problem::field).distinct().toList())));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return topicPage(catalog.entry(topic, locale), form, problems, model);
        }
        AccessRequest recorded;
        try {
            recorded = accessRequests.submit(form.toRequest(definition, clock));
        } catch (CatalogException e) {
            audit(request, AUDIT_REFUSED, topic, e.getMessage(), Map.of());
            response.setStatus(e.error().status().value());
            model.addAttribute("notRecorded", true);
            return topicPage(catalog.entry(topic, locale), form, List.of(), model);
        }
        model.addAttribute("request", recorded);
        model.addAttribute("entry", catalog.entry(topic, locale));
        model.addAttribute("requesterInstitution", catalog.institution(recorded.requester()));
        return "portal/catalog/requested";
    }

    @GetMapping("/catalog/institutions/{code}")
    String institution(@PathVariable("code") String code, Locale locale, Model model) {
        InstitutionDefinition institution = catalog.institution(code);
        model.addAttribute("institution", institution);
        model.addAttribute("publishes", catalog.summaries(new CatalogQuery("", institution.code(), ""), locale));
        model.addAttribute("reads", catalog.readBy(institution.code(), locale));
        return "portal/catalog/institution";
    }

    private String topicPage(CatalogEntry entry, AccessRequestForm form, List<AccessRequestForm.Problem> problems, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.forEach(p -> errors.putIfAbsent(p.field(), p.reason()));
        model.addAttribute("entry", entry);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("institutions", catalog.catalog().institutions().stream()
            .filter(i -> !i.code().equals(entry.owner().code())).toList());
        model.addAttribute("example", entry.example() == null ? null : ExampleRecords.pretty(entry.example()));
        model.addAttribute("maxYears", AccessRequestForm.MAX_YEARS);
        return "portal/catalog/topic";
    }

    /**
     * Records a refused access request when someone is logged in (a secure platform; without a principal nobody is
     * accountable and the platform records no security events). A failing audit log never hides the refusal.
     */
    private void audit(HttpServletRequest request, String action, String topic, String reason, Map<String, String> extra) {
        String user = request.getRemoteUser();
        if (audit == null || user == null) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>(extra);
        details.put("operation", "POST " + cut(request.getRequestURI()));
        details.put("reason", cut(reason));
        details.put("address", String.valueOf(request.getRemoteAddr()));
        try {
            audit.append(user, action, "topic/" + cut(topic), details);
        } catch (RuntimeException e) {
            log.error("Could not record a refused access request to {} in the audit log: {}", cut(topic), e.getMessage());
        }
    }

    /** Hostile input stays bounded in the audit log. */
    private static String cut(String text) {
        String t = text == null ? "" : text;
        return t.length() > MAX_AUDITED_CHARS ? t.substring(0, MAX_AUDITED_CHARS) + "…" : t;
    }

    /** Unknown topic or institution: the portal's friendly error page, never a stack trace. */
    @ExceptionHandler(CatalogException.class)
    void failed(CatalogException e, HttpServletResponse response) throws IOException {
        response.sendError(e.error().status().value());
    }
}
