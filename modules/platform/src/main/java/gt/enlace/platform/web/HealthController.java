package gt.enlace.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: 200 with {@code "status":"UP"} when every component answers, otherwise 503
 * with the failing components and why. Load balancers and {@code enlace up}'s callers poll it.
 */
@RestController
public class HealthController {

    private final List<ComponentHealth> components;

    public HealthController(List<ComponentHealth> components) {
        this.components = components;
    }

    @GetMapping(path = "/health", produces = "application/json")
    public ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (ComponentHealth component : components) {
            ComponentHealth.Status status = component.check();
            up &= status.up();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", status.up() ? "UP" : "DOWN");
            entry.putAll(status.details());
            details.put(component.name(), entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("components", details);
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
