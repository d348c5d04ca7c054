package gt.enlace.portal.onboarding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.survey.checklist.Checklist;
import gt.enlace.survey.checklist.MaturityChecklist;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The onboarding pages. Snippets connect to {@value #BOOTSTRAP} and {@value #REGISTRY} (the platform's addresses)
 * and to the gateway at the address the page was requested on.
 */
@Controller
class OnboardingController {

    /** Kafka address written in the snippets. */
    static final String BOOTSTRAP = "enlace.platform.bootstrap-servers";
    /** Schema registry address written in the snippets. */
    static final String REGISTRY = "enlace.platform.registry-url";

    private final ObjectProvider<TopicCatalog> catalog;
    private final ObjectProvider<MaturityChecklist> checklist;
    private final Environment env;

    OnboardingController(ObjectProvider<TopicCatalog> catalog, ObjectProvider<MaturityChecklist> checklist,
                         Environment env) {
        this.catalog = catalog;
        this.checklist = checklist;
        this.env = env;
    }

    /** Pick an institution; {@code ?institution=} (the form without JavaScript) goes to its page. */
    @GetMapping("/onboarding")
    String index(@RequestParam(required = false) String institution, @RequestParam(required = false) String topic,
                 Model model) {
        TopicCatalog topics = catalog();
        if (institution != null && topics.institution(institution).isPresent()) {
            return "redirect:/onboarding/" + institution + (topic == null || topic.isBlank() ? "" : "?topic=" + topic);
        }
        model.addAttribute("institutions", institutions(topics));
        model.addAttribute("topics", withSamples(topics.topics()));
        return "portal/onboarding/index";
    }

    /** An institution's snippets (for {@code ?topic=}, by default its first topic) and its checklist. */
    @GetMapping("/onboarding/{institution}")
    String institution(@PathVariable String institution, @RequestParam(required = false) String topic, Model model) {
        TopicCatalog topics = catalog();
        InstitutionDefinition inst = topics.institution(institution)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown institution"));
        List<TopicDefinition> owned = withSamples(topics.topicsOwnedBy(inst.code()));
        List<TopicDefinition> others = withSamples(topics.topics()).stream()
                .filter(t -> !t.owner().equals(inst.code())).toList();
        TopicDefinition selected;
        if (topic != null && !topic.isBlank()) {
            selected = topics.topic(topic).filter(t -> SampleEvents.topics().contains(t.name()))
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown topic"));
        } else {
            selected = owned.isEmpty() ? (others.isEmpty() ? null : others.get(0)) : owned.get(0);
        }
        model.addAttribute("institution", inst);
        model.addAttribute("owned", owned);
        model.addAttribute("others", others);
        model.addAttribute("topic", selected);
        if (selected != null) {
            SnippetGenerator snippets = generator(topics);
            boolean owner = selected.owner().equals(inst.code());
            model.addAttribute("isOwner", owner);
            model.addAttribute("publish", owner ? publishSnippets(snippets, inst.code(), selected.name()) : Map.of());
            model.addAttribute("subscribe", subscribeSnippets(snippets, inst.code(), selected.name()));
            model.addAttribute("exampleJson", snippets.exampleJson(selected.name()));
        }
        MaturityChecklist service = checklist.getIfAvailable();
        Checklist list = service == null ? null : service.checklistFor(inst.code());
        model.addAttribute("checklist", list);
        return "portal/onboarding/institution";
    }

    /** A topic's CSV template: header and one example row. */
    @GetMapping("/onboarding/templates/{topic}.csv")
    ResponseEntity<String> csvTemplate(@PathVariable String topic) {
        TopicCatalog topics = catalog();
        if (topics.topic(topic).isEmpty() || !SampleEvents.topics().contains(topic)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown topic");
        }
        String csv = generator(topics).csvTemplate(topic);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + topic + ".csv\"")
                .body(csv);
    }

    private Map<String, Snippet> publishSnippets(SnippetGenerator g, String inst, String topic) {
        Map<String, Snippet> out = new LinkedHashMap<>();
        out.put("java", new Snippet("java", g.javaPublisherClass(topic) + ".java", g.javaPublisher(inst, topic)));
        out.put("python", new Snippet("python", "publish.py", g.pythonProducer(inst, topic)));
        out.put("javascript", new Snippet("javascript", "publish.js", g.javascriptProducer(inst, topic)));
        out.put("curl", new Snippet("bash", "publish.sh", g.curl(topic)));
        return out;
    }

    private Map<String, Snippet> subscribeSnippets(SnippetGenerator g, String inst, String topic) {
        Map<String, Snippet> out = new LinkedHashMap<>();
        out.put("spring", new Snippet("java", g.springListenerClass(topic) + ".java", g.springListener(inst, topic)));
        out.put("springYaml", new Snippet("yaml", "application.yaml", g.springProperties(inst)));
        out.put("java", new Snippet("java", g.javaSubscriberClass(topic) + ".java", g.javaSubscriber(inst, topic)));
        out.put("python", new Snippet("python", "subscribe.py", g.pythonConsumer(inst, topic)));
        out.put("javascript", new Snippet("javascript", "subscribe.js", g.javascriptConsumer(inst, topic)));
        return out;
    }

    /**
     * One snippet on the page.
     *
     * @param language for the {@code <pre>}'s class, e.g. {@code java}
     * @param file     the file name to save it as
     * @param code     the code
     */
    record Snippet(String language, String file, String code) {
    }

    private SnippetGenerator generator(TopicCatalog topics) {
        String gateway = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return new SnippetGenerator(topics, new SnippetGenerator.Endpoints(
                env.getProperty(BOOTSTRAP, "127.0.0.1:9092"), env.getProperty(REGISTRY, "http://127.0.0.1:8081"),
                gateway));
    }

    private TopicCatalog catalog() {
        return catalog.getIfAvailable(TopicCatalog::loadDefault);
    }

    private static List<InstitutionDefinition> institutions(TopicCatalog topics) {
        List<InstitutionDefinition> list = new ArrayList<>(topics.institutions());
        list.sort(Comparator.comparing(InstitutionDefinition::acronym));
        return list;
    }

    private static List<TopicDefinition> withSamples(List<TopicDefinition> topics) {
        return topics.stream().filter(t -> SampleEvents.topics().contains(t.name()))
                .sorted(Comparator.comparing(TopicDefinition::name)).toList();
    }
}
