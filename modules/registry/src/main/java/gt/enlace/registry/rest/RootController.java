package gt.enlace.registry.rest;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The small endpoints: {@code GET /} ({@code {}}), {@code GET /contexts} (only the default context {@code "."}),
 * and {@code /associations/**}, which answers 404 for every method so that 8.3+ clients fall back to
 * TopicNameStrategy.
 */
@RestController
public class RootController {

    @GetMapping("/")
    Map<String, Object> root() {
        return Map.of();
    }

    @GetMapping({"/contexts", "/contexts/"})
    List<String> contexts() {
        return List.of(".");
    }

    @RequestMapping({"/associations", "/associations/**"})
    void associations() {
        throw new RouteNotFoundException();
    }
}
