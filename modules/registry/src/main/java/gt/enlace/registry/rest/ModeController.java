package gt.enlace.registry.rest;

import java.util.Map;

import gt.enlace.registry.service.Mode;
import gt.enlace.registry.service.RegistryService;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /mode} and {@code /mode/{subject}}: READWRITE, READONLY, READONLY_OVERRIDE, IMPORT, FORWARD.
 * Switching to IMPORT requires no live schemas in scope unless {@code force=true}.
 */
@RestController
public class ModeController {

    private final RegistryService registry;

    public ModeController(RegistryService registry) {
        this.registry = registry;
    }

    @GetMapping({"/mode", "/mode/"})
    Map<String, Object> global(@RequestParam(name = "defaultToGlobal", required = false) String defaultToGlobal) {
        return Bodies.of("mode", registry.globalMode().name());
    }

    @PutMapping({"/mode", "/mode/"})
    Map<String, Object> updateGlobal(@RequestParam(name = "force", required = false) String force,
                                     @RequestBody(required = false) JsonNode body) {
        return update(null, body, force);
    }

    @GetMapping("/mode/{subject}")
    Map<String, Object> subject(@PathVariable("subject") String subject,
                                @RequestParam(name = "defaultToGlobal", required = false) String defaultToGlobal) {
        return Bodies.of("mode", registry.subjectMode(subject, Params.bool(defaultToGlobal)).name());
    }

    @PutMapping("/mode/{subject}")
    Map<String, Object> updateSubject(@PathVariable("subject") String subject,
                                      @RequestParam(name = "force", required = false) String force,
                                      @RequestBody(required = false) JsonNode body) {
        return update(subject, body, force);
    }

    @DeleteMapping("/mode/{subject}")
    Map<String, Object> deleteSubject(@PathVariable("subject") String subject,
                                      @RequestParam(name = "recursive", required = false) String recursive) {
        return Bodies.of("mode", registry.deleteMode(subject).name());
    }

    private Map<String, Object> update(String subject, JsonNode body, String force) {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw new MalformedRequestException("Cannot deserialize value of type `ModeUpdateRequest` from non-Object value");
        }
        Mode mode = registry.updateMode(subject, Bodies.text(body, "mode"), Params.bool(force));
        return Bodies.of("mode", mode.name());
    }
}
