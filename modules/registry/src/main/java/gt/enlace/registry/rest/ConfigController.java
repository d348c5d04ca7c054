package gt.enlace.registry.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import gt.enlace.registry.service.RegistryService;
import gt.enlace.registry.storage.ConfigRecord;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /config} and {@code /config/{subject}}: compatibility levels (plus {@code normalize} and
 * {@code compatibilityGroup}). Reads answer {@code {"compatibilityLevel":...}}; updates echo
 * {@code {"compatibility":...}}; deletes answer the config removed.
 */
@RestController
public class ConfigController {

    private final RegistryService registry;

    public ConfigController(RegistryService registry) {
        this.registry = registry;
    }

    @GetMapping({"/config", "/config/"})
    Map<String, Object> global(@RequestParam(name = "defaultToGlobal", required = false) String defaultToGlobal) {
        return Bodies.config(registry.globalConfig());
    }

    @PutMapping({"/config", "/config/"})
    Map<String, Object> updateGlobal(@RequestBody(required = false) JsonNode body) {
        return update(null, body);
    }

    @DeleteMapping({"/config", "/config/"})
    Map<String, Object> deleteGlobal() {
        return Bodies.config(registry.deleteConfig(null));
    }

    @GetMapping("/config/{subject}")
    Map<String, Object> subject(@PathVariable("subject") String subject,
                                @RequestParam(name = "defaultToGlobal", required = false) String defaultToGlobal) {
        return Bodies.config(registry.subjectConfig(subject, Params.bool(defaultToGlobal)));
    }

    @PutMapping("/config/{subject}")
    Map<String, Object> updateSubject(@PathVariable("subject") String subject, @RequestBody(required = false) JsonNode body) {
        return update(subject, body);
    }

    @DeleteMapping("/config/{subject}")
    Map<String, Object> deleteSubject(@PathVariable("subject") String subject) {
        return Bodies.config(registry.deleteConfig(subject));
    }

    private Map<String, Object> update(String subject, JsonNode body) {
        JsonNode request = body != null && body.isObject() ? body : null;
        if (body != null && !body.isNull() && !body.isObject()) {
            throw new MalformedRequestException("Cannot deserialize value of type `ConfigUpdateRequest` from non-Object value");
        }
        String level = Bodies.text(request, "compatibility");
        if (level == null) {
            level = Bodies.text(request, "compatibilityLevel");
        }
        Boolean normalize = Bodies.bool(request, "normalize");
        String group = Bodies.text(request, "compatibilityGroup");
        ConfigRecord updated = registry.updateConfig(subject, level, normalize, group);
        Map<String, Object> out = new LinkedHashMap<>();
        if (level != null) {
            out.put("compatibility", updated.compatibilityLevel());
        }
        if (normalize != null) {
            out.put("normalize", normalize);
        }
        if (group != null) {
            out.put("compatibilityGroup", group);
        }
        return out;
    }
}
