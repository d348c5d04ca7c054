package gt.enlace.examples.births;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /births/by-municipality}: the counts as a JSON object, INE municipality code → births. */
@RestController
public class BirthsController {

    private final BirthCounter counter;

    public BirthsController(BirthCounter counter) {
        this.counter = counter;
    }

    /** @return births per municipality code */
    @GetMapping("/births/by-municipality")
    public Map<String, Long> byMunicipality() {
        return counter.counts();
    }
}
