package gt.enlace.registry.rest;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import gt.enlace.registry.service.RegistryService;
import gt.enlace.registry.storage.SchemaRecord;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /schemas/**}: schemas by global id and by GUID, the subjects and versions that hold an id, and the
 * listing of all schemas. Ids of soft-deleted versions still resolve.
 */
@RestController
public class SchemasController {

    private final RegistryService registry;

    public SchemasController(RegistryService registry) {
        this.registry = registry;
    }

    @GetMapping("/schemas/types")
    List<String> types() {
        return List.of("AVRO");
    }

    @GetMapping("/schemas/ids/{id}")
    Map<String, Object> byId(@PathVariable("id") String id, @RequestParam(name = "subject", required = false) String subject) {
        int schemaId = schemaId(id);
        SchemaRecord record = registry.schemaById(schemaId);
        SchemaRecord inSubject = subject == null || subject.isEmpty() ? null
            : registry.schemaByIdInSubject(schemaId, subject).orElse(null);
        return Bodies.schemaString(record, inSubject);
    }

    @GetMapping("/schemas/ids/{id}/schema")
    RawJson rawById(@PathVariable("id") String id) {
        return new RawJson(registry.schemaById(schemaId(id)).schema());
    }

    @GetMapping("/schemas/ids/{id}/subjects")
    List<String> subjectsForId(@PathVariable("id") String id,
                               @RequestParam(name = "subject", required = false) String subject,
                               @RequestParam(name = "deleted", required = false) String deleted,
                               @RequestParam(name = "offset", required = false) String offset,
                               @RequestParam(name = "limit", required = false) String limit) {
        LinkedHashSet<String> subjects = new LinkedHashSet<>();
        for (SchemaRecord r : registry.versionsForId(schemaId(id), Params.bool(deleted))) {
            if (subject == null || subject.isEmpty() || subject.equals(r.subject())) {
                subjects.add(r.subject());
            }
        }
        return Params.page(List.copyOf(subjects), offset, limit);
    }

    @GetMapping("/schemas/ids/{id}/versions")
    List<Map<String, Object>> versionsForId(@PathVariable("id") String id,
                                            @RequestParam(name = "subject", required = false) String subject,
                                            @RequestParam(name = "deleted", required = false) String deleted,
                                            @RequestParam(name = "offset", required = false) String offset,
                                            @RequestParam(name = "limit", required = false) String limit) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (SchemaRecord r : registry.versionsForId(schemaId(id), Params.bool(deleted))) {
            if (subject == null || subject.isEmpty() || subject.equals(r.subject())) {
                Map<String, Object> sv = new LinkedHashMap<>();
                sv.put("subject", r.subject());
                sv.put("version", r.version());
                out.add(sv);
            }
        }
        return Params.page(out, offset, limit);
    }

    @GetMapping("/schemas/guids/{guid}")
    Map<String, Object> byGuid(@PathVariable("guid") String guid) {
        return Bodies.schemaString(registry.schemaByGuid(guid), null);
    }

    @GetMapping("/schemas/guids/{guid}/schema")
    RawJson rawByGuid(@PathVariable("guid") String guid) {
        return new RawJson(registry.schemaByGuid(guid).schema());
    }

    @GetMapping({"/schemas", "/schemas/"})
    List<Map<String, Object>> schemas(@RequestParam(name = "subjectPrefix", required = false) String subjectPrefix,
                                      @RequestParam(name = "deleted", required = false) String deleted,
                                      @RequestParam(name = "latestOnly", required = false) String latestOnly,
                                      @RequestParam(name = "offset", required = false) String offset,
                                      @RequestParam(name = "limit", required = false) String limit) {
        List<Map<String, Object>> out = registry.schemas(SubjectsController.prefix(subjectPrefix), Params.bool(deleted),
            Params.bool(latestOnly)).stream().map(Bodies::schema).toList();
        return Params.page(out, offset, limit);
    }

    /** JAX-RS answers a non-numeric {@code {id}} with a plain 404. */
    private static int schemaId(String id) {
        try {
            return Integer.parseInt(id.trim());
        } catch (NumberFormatException e) {
            throw new RouteNotFoundException();
        }
    }
}
