package gt.enlace.registry.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gt.enlace.registry.service.RegistryError;
import gt.enlace.registry.service.RegistryException;
import gt.enlace.registry.service.RegistryService;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /compatibility/subjects/{subject}/versions[/{version}]}: would this schema be accepted?
 * Against one version, or (without a version, trailing slash accepted as the Java client sends it)
 * against every live version as registration checks. {@code verbose} adds the reasons, and turns an
 * invalid schema into {@code is_compatible:false} with the parser's message instead of 42201.
 */
@RestController
public class CompatibilityController {

    private final RegistryService registry;

    public CompatibilityController(RegistryService registry) {
        this.registry = registry;
    }

    @PostMapping({"/compatibility/subjects/{subject}/versions/{version}",
        "/compatibility/subjects/{subject}/versions/{version}/"})
    Map<String, Object> againstVersion(@PathVariable("subject") String subject, @PathVariable("version") String version,
                                       @RequestParam(name = "normalize", required = false) String normalize,
                                       @RequestParam(name = "verbose", required = false) String verbose,
                                       @RequestBody(required = false) JsonNode body) {
        int versionId = VersionId.parse(version);
        return check(subject, versionId, body, Params.bool(normalize), Params.bool(verbose));
    }

    @PostMapping({"/compatibility/subjects/{subject}/versions", "/compatibility/subjects/{subject}/versions/"})
    Map<String, Object> againstAll(@PathVariable("subject") String subject,
                                   @RequestParam(name = "normalize", required = false) String normalize,
                                   @RequestParam(name = "verbose", required = false) String verbose,
                                   @RequestBody(required = false) JsonNode body) {
        return check(subject, null, body, Params.bool(normalize), Params.bool(verbose));
    }

    private Map<String, Object> check(String subject, Integer version, JsonNode body, boolean normalize, boolean verbose) {
        List<String> messages;
        try {
            messages = registry.checkCompatibility(subject, version, Bodies.schemaInput(body), normalize);
        } catch (RegistryException e) {
            if (verbose && e.error() == RegistryError.INVALID_SCHEMA) {
                messages = List.of(e.getMessage());
            } else {
                throw e;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("is_compatible", messages.isEmpty());
        if (verbose) {
            out.put("messages", messages);
        }
        return out;
    }
}
