package gt.enlace.portal.catalog;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 */
@Controller
class CatalogPageController {

    private final CatalogService catalog;
    private final AccessRequests accessRequests;
    private final Clock clock = Clock.systemDefaultZone();

    CatalogPageController(CatalogService catalog, AccessRequests accessRequests) {
        this.catalog = catalog;
        this.accessRequests = accessRequests;
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
        TopicDefinition definition = catalog.topic(topic);
        // On a secure platform an institution asks only in its own name (the admin in any).
        String user = request.getRemoteUser();
        if (user != null && !request.isUserInRole("admin") && !form.getRequester().isBlank()
            && !form.getRequester().equals(user)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return topicPage(catalog.entry(topic, locale), form, List.of(new AccessRequestForm.Problem("requester",
                "notYours", "User:" + user + " may request access only for its own institution")), model);
        }
        List<AccessRequestForm.Problem> problems = form.validate(catalog.catalog(), definition, clock);
        if (!problems.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return topicPage(catalog.entry(topic, locale), form, problems, model);
        }
        AccessRequest recorded;
        try {
            recorded = accessRequests.submit(form.toRequest(definition, clock));
        } catch (CatalogException e) {
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

    /** Unknown topic or institution: the portal's friendly error page, never a stack trace. */
    @ExceptionHandler(CatalogException.class)
    void failed(CatalogException e, HttpServletResponse response) throws IOException {
        response.sendError(e.error().status().value());
    }
}
