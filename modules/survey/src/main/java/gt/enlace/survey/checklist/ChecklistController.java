package gt.enlace.survey.checklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gt.enlace.survey.SurveyError;
import gt.enlace.survey.scoring.MaturityLevel;
import gt.enlace.bus.http.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/survey/institutions/{code}/checklist[?lang=en]}: an institution's checklist as JSON — its
 * current and target levels, and each step with {@code id}, {@code dimension}, {@code text} and {@code detail}
 * (in {@code lang}, Spanish by default), {@code automatic}, {@code done} and {@code evidence}. An unknown
 * institution is a 404 with code {@code unknown-institution}.
 */
@RestController
@RequestMapping("/api/v1/survey/institutions")
public class ChecklistController {

    private final MaturityChecklist checklist;

    public ChecklistController(MaturityChecklist checklist) {
        this.checklist = checklist;
    }

    /** The checklist of {@code code}. */
    @GetMapping(value = "/{code}/checklist", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> checklist(@PathVariable String code, @RequestParam(defaultValue = "es") String lang) {
        Checklist list = checklist.checklistFor(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("institution", list.institution());
        body.put("round", list.round());
        body.put("currentLevel", level(list.currentLevel(), lang));
        body.put("targetLevel", level(list.targetLevel(), lang));
        body.put("observedAvailable", list.observedAvailable());
        body.put("done", list.doneCount());
        body.put("total", list.steps().size());
        List<Map<String, Object>> steps = list.steps().stream().map(step -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", step.id());
            s.put("dimension", step.dimension());
            s.put("text", step.text().in(lang));
            s.put("detail", step.detail().in(lang));
            s.put("automatic", step.automatic());
            s.put("done", step.done());
            s.put("evidence", step.evidence() == null ? null : step.evidence().in(lang));
            return s;
        }).toList();
        body.put("steps", steps);
        return body;
    }

    @ExceptionHandler(UnknownInstitutionException.class)
    ResponseEntity<ApiError> unknown(UnknownInstitutionException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(SurveyError.UNKNOWN_INSTITUTION.code(), e.getMessage(), List.of()));
    }

    private static Map<String, Object> level(MaturityLevel level, String lang) {
        if (level == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", level.number());
        m.put("code", level.code());
        m.put("label", level.label().in(lang));
        return m;
    }
}
