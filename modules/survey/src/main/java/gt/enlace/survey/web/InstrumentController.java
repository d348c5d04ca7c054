package gt.enlace.survey.web;

import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.scoring.MaturityLevel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/survey/instrument}: the questionnaire with both languages, and the five levels. */
@RestController
@RequestMapping("/api/v1/survey")
public class InstrumentController {

    private final Instrument instrument;

    public InstrumentController(Instrument instrument) {
        this.instrument = instrument;
    }

    /**
     * The instrument as loaded: version, title, dimensions with their items (id, type, required, weight, texts,
     * scale or options), headlines, plus the level bands.
     */
    @GetMapping("/instrument")
    public java.util.Map<String, Object> instrument() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("version", instrument.version());
        out.put("title", instrument.title());
        out.put("dimensions", instrument.dimensions().stream().map(d -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", d.id());
            m.put("title", d.title());
            m.put("items", d.items().stream().map(i -> {
                java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
                item.put("id", i.id());
                item.put("type", i.type().code());
                item.put("required", i.required());
                item.put("weight", i.weight());
                item.put("reverse", i.reverse());
                item.put("text", i.text());
                if (!i.scale().isEmpty()) {
                    item.put("scale", i.scale());
                }
                if (!i.options().isEmpty()) {
                    item.put("options", i.options());
                }
                return item;
            }).toList());
            return m;
        }).toList());
        out.put("headlines", instrument.headlines());
        out.put("levels", java.util.Arrays.stream(MaturityLevel.values()).map(l -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("level", l.number());
            m.put("code", l.code());
            m.put("name", l.label());
            m.put("minScore", l.minScore());
            m.put("maxScore", l.maxScore());
            return m;
        }).toList());
        return out;
    }
}
