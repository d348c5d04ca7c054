package gt.enlace.registry.rest;

import java.util.List;
import java.util.Map;

import gt.enlace.registry.service.RegistryService;
import gt.enlace.registry.storage.SchemaRecord;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /subjects/**}: listing, lookup by content, registration, versions, and soft and hard deletes.
 * Subjects arrive URL-decoded; version ids follow {@link VersionId}.
 */
@RestController
public class SubjectsController {

    /** Confluent's "all contexts" prefix, the default of {@code subjectPrefix}. */
    static final String ALL_CONTEXTS = ":*:";

    private final RegistryService registry;

    public SubjectsController(RegistryService registry) {
        this.registry = registry;
    }

    @GetMapping({"/subjects", "/subjects/"})
    List<String> subjects(@RequestParam(name = "subjectPrefix", required = false) String subjectPrefix,
                          @RequestParam(name = "deleted", required = false) String deleted,
                          @RequestParam(name = "deletedOnly", required = false) String deletedOnly,
                          @RequestParam(name = "offset", required = false) String offset,
                          @RequestParam(name = "limit", required = false) String limit) {
        return Params.page(registry.subjects(prefix(subjectPrefix), Params.bool(deleted), Params.bool(deletedOnly)),
            offset, limit);
    }

    @PostMapping("/subjects/{subject}")
    Map<String, Object> lookup(@PathVariable("subject") String subject,
                               @RequestParam(name = "normalize", required = false) String normalize,
                               @RequestParam(name = "deleted", required = false) String deleted,
                               @RequestBody(required = false) JsonNode body) {
        SchemaRecord found = registry.lookup(subject, Bodies.schemaInput(body), Params.bool(normalize),
            Params.bool(deleted));
        return Bodies.schema(found);
    }

    @DeleteMapping("/subjects/{subject}")
    List<Integer> deleteSubject(@PathVariable("subject") String subject,
                                @RequestParam(name = "permanent", required = false) String permanent) {
        return registry.deleteSubject(subject, Params.bool(permanent));
    }

    @GetMapping({"/subjects/{subject}/versions", "/subjects/{subject}/versions/"})
    List<Integer> versions(@PathVariable("subject") String subject,
                           @RequestParam(name = "deleted", required = false) String deleted,
                           @RequestParam(name = "deletedOnly", required = false) String deletedOnly,
                           @RequestParam(name = "deletedAsNegative", required = false) String deletedAsNegative,
                           @RequestParam(name = "offset", required = false) String offset,
                           @RequestParam(name = "limit", required = false) String limit) {
        return Params.page(registry.versionNumbers(subject, Params.bool(deleted), Params.bool(deletedOnly),
            Params.bool(deletedAsNegative)), offset, limit);
    }

    @PostMapping({"/subjects/{subject}/versions", "/subjects/{subject}/versions/"})
    Map<String, Object> register(@PathVariable("subject") String subject,
                                 @RequestParam(name = "normalize", required = false) String normalize,
                                 @RequestParam(name = "force", required = false) String force,
                                 @RequestBody(required = false) JsonNode body) {
        registry.validateSubject(subject);
        SchemaRecord registered = registry.register(subject, Bodies.schemaInput(body), Params.bool(normalize),
            Params.bool(force));
        return Bodies.registered(registered);
    }

    @GetMapping("/subjects/{subject}/versions/{version}")
    Map<String, Object> version(@PathVariable("subject") String subject, @PathVariable("version") String version,
                                @RequestParam(name = "deleted", required = false) String deleted) {
        return Bodies.schema(registry.version(subject, VersionId.parse(version), Params.bool(deleted)));
    }

    @GetMapping("/subjects/{subject}/versions/{version}/schema")
    RawJson rawVersion(@PathVariable("subject") String subject, @PathVariable("version") String version,
                       @RequestParam(name = "deleted", required = false) String deleted) {
        return new RawJson(registry.version(subject, VersionId.parse(version), Params.bool(deleted)).schema());
    }

    @GetMapping("/subjects/{subject}/versions/{version}/referencedby")
    List<Integer> referencedBy(@PathVariable("subject") String subject, @PathVariable("version") String version,
                               @RequestParam(name = "offset", required = false) String offset,
                               @RequestParam(name = "limit", required = false) String limit) {
        return Params.page(registry.referencedBy(subject, VersionId.parse(version)), offset, limit);
    }

    @DeleteMapping("/subjects/{subject}/versions/{version}")
    int deleteVersion(@PathVariable("subject") String subject, @PathVariable("version") String version,
                      @RequestParam(name = "permanent", required = false) String permanent) {
        return registry.deleteVersion(subject, VersionId.parse(version), Params.bool(permanent));
    }

    /** {@code subjectPrefix} without Confluent's context wildcard; null and {@code :*:} mean every subject. */
    static String prefix(String subjectPrefix) {
        if (subjectPrefix == null) {
            return "";
        }
        return subjectPrefix.startsWith(ALL_CONTEXTS) ? subjectPrefix.substring(ALL_CONTEXTS.length()) : subjectPrefix;
    }
}
