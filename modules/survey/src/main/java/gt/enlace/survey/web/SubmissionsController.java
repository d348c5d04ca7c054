package gt.enlace.survey.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import gt.enlace.bus.http.ApiError;
import gt.enlace.survey.ResponseOrigin;
import gt.enlace.survey.SurveyError;
import gt.enlace.survey.exchanges.ManualExchangeValidator;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.responses.PublishedEvent;
import gt.enlace.survey.responses.ResponseValidator;
import gt.enlace.survey.responses.SurveyPublisher;
import gt.enlace.survey.scoring.Scorer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Declarations through HTTP:
 * <ul>
 *   <li>{@code POST /api/v1/survey/rounds/{round}/responses} with
 *       {@code {"institution":"renap","respondent":"…","answers":{"std.guidelines":2,"std.data-catalog":"yes",
 *       "std.formats":["csv","json"]}}} (optional {@code "origin":"web-form"});</li>
 *   <li>{@code POST /api/v1/survey/manual-exchanges} with {@code {"institution":"renap","counterpart":"mineduc",
 *       "direction":"sent","records":40,"medium":"paper","date":"2026-11-23","description":"…"}}.</li>
 * </ul>
 * A valid declaration is published and answered 202 with the event's coordinates; an invalid one 422 with every
 * field at fault.
 */
@RestController
@RequestMapping("/api/v1/survey")
public class SubmissionsController {

    private static final Set<String> RESPONSE_FIELDS = Set.of("institution", "respondent", "answers", "origin");

    private final Instrument instrument;
    private final ResponseValidator responses;
    private final ManualExchangeValidator exchanges;
    private final SurveyPublisher publisher;
    private gt.enlace.bus.audit.AuditLog audit;

    public SubmissionsController(Instrument instrument, SurveyReports reports, SurveyPublisher publisher) {
        this.instrument = instrument;
        Set<String> codes = reports.institutions().stream().map(i -> i.code()).collect(Collectors.toSet());
        this.responses = new ResponseValidator(instrument, codes);
        this.exchanges = new ManualExchangeValidator(codes, Clock.systemUTC());
        this.publisher = publisher;
    }

    /** Validates, publishes and scores one response. */
    @PostMapping("/rounds/{round}/responses")
    public ResponseEntity<Map<String, Object>> submitResponse(@PathVariable String round,
                                                              @RequestBody Map<String, Object> body) {
        requireMayAnswerFor(body.get("institution"), "/institution");
        List<ApiError.Item> errors = new java.util.ArrayList<>();
        for (String key : body.keySet()) {
            if (!RESPONSE_FIELDS.contains(key)) {
                errors.add(new ApiError.Item("/" + key, SurveyError.INVALID_FIELD.code(), "unknown field; expected "
                        + String.join(", ", RESPONSE_FIELDS.stream().sorted().toList())));
            }
        }
        Map<String, String> answers = new LinkedHashMap<>();
        Object rawAnswers = body.get("answers");
        if (rawAnswers == null) {
            errors.add(new ApiError.Item("/answers", SurveyError.INVALID_FIELD.code(),
                    "answers is required: an object of item id to value"));
        } else if (!(rawAnswers instanceof Map<?, ?> map)) {
            errors.add(new ApiError.Item("/answers", SurveyError.INVALID_FIELD.code(),
                    "answers must be an object of item id to value"));
        } else {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String id = String.valueOf(e.getKey());
                String text = answerText(e.getValue());
                if (text == null) {
                    errors.add(new ApiError.Item("/answers/" + id, SurveyError.INVALID_VALUE.code(),
                            "expected a number, yes/no, a boolean, an option code or a list of option codes"));
                } else {
                    answers.put(id, text);
                }
            }
        }
        ResponseOrigin origin = ResponseOrigin.HTTP_API;
        Object originValue = body.get("origin");
        if (originValue != null) {
            try {
                origin = ResponseOrigin.valueOf(String.valueOf(originValue).toUpperCase(Locale.ROOT).replace('-', '_'));
                if (origin == ResponseOrigin.CSV_IMPORT) {
                    throw new IllegalArgumentException("csv-import");
                }
            } catch (IllegalArgumentException e) {
                errors.add(new ApiError.Item("/origin", SurveyError.OUT_OF_RANGE.code(),
                        "'" + originValue + "' is not http-api, web-form or other"));
            }
        }
        ResponseValidator.Validation validation = responses.validate(string(body.get("institution")), round, answers,
                string(body.get("respondent")));
        errors.addAll(items(validation.errors(), SubmissionsController::responsePath));
        if (!errors.isEmpty()) {
            throw invalid("the response has " + errors.size() + " error(s)", errors);
        }
        PublishedEvent event = publisher.publish(validation.response(), origin);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", event);
        out.put("institution", validation.response().institution());
        out.put("round", round);
        var score = new Scorer(instrument).score(validation.response().answers());
        out.put("declared", SurveyReports.level(score.overall(), score.level(), "es"));
        out.put("dimensions", score.dimensions().stream().map(d -> Map.of("dimension", d.dimension(),
                "declared", SurveyReports.level(d.score(), d.level(), "es"))).toList());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
    }

    /** Validates and publishes one manual-exchange declaration. */
    @PostMapping("/manual-exchanges")
    public ResponseEntity<Map<String, Object>> declareExchange(@RequestBody Map<String, Object> body) {
        requireMayAnswerFor(body.get("institution"), "/institution");
        ManualExchangeValidator.Validation validation = exchanges.validate(string(body.get("institution")),
                string(body.get("counterpart")), string(body.get("direction")), body.get("records"),
                string(body.get("medium")), string(body.get("date")), string(body.get("description")));
        if (!validation.valid()) {
            throw invalid("the declaration has " + validation.errors().size() + " error(s)",
                    items(validation.errors(), p -> "/" + p));
        }
        PublishedEvent event = publisher.publish(validation.exchange());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", event);
        out.put("exchange", validation.exchange());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
    }

    /** Where refusals are recorded ({@code access.denied}): the platform's audit log, when there is one. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void setAuditLog(gt.enlace.bus.audit.AuditLog audit) {
        this.audit = audit;
    }

    /**
     * On a secure platform (a logged-in principal on the request), only the admin, evaluators and the institution
     * itself answer for an institution; without a principal (insecure mode) everyone may. Checked before validation,
     * so a refused caller learns nothing about the answers; a missing institution is left to validation.
     */
    private void requireMayAnswerFor(Object institutionValue, String path) {
        if (institutionValue == null
            || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        String institution = String.valueOf(institutionValue);
        HttpServletRequest request = attributes.getRequest();
        String user = request.getRemoteUser();
        if (request.getUserPrincipal() == null || request.isUserInRole("admin") || request.isUserInRole("evaluator")
            || (user != null && user.equals(institution))) {
            return;
        }
        String message = "User:" + user + " may answer only for its own institution (" + user + "), not for " + institution;
        if (audit != null) {
            try {
                audit.append(user, "access.denied", "survey/" + (institution.length() > 64 ? institution.substring(0, 64) : institution),
                    Map.of("operation", request.getMethod() + " " + request.getRequestURI(), "reason", message,
                        "address", String.valueOf(request.getRemoteAddr())));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SubmissionsController.class).error("Could not record a refused survey "
                    + "answer in the audit log: {}", e.getMessage());
            }
        }
        throw new SurveyApiException(HttpStatus.FORBIDDEN, SurveyError.FORBIDDEN, message,
            List.of(new ApiError.Item(path, SurveyError.FORBIDDEN.code(), message)));
    }

    private static String responsePath(String field) {
        return Set.of("institution", "round", "respondent").contains(field) ? "/" + field : "/answers/" + field;
    }

    /** Converts field errors, prefixing each path (e.g. {@code /answers/}). */
    private static List<ApiError.Item> items(List<gt.enlace.survey.FieldError> errors,
                                             java.util.function.Function<String, String> path) {
        return errors.stream().map(e -> new ApiError.Item(path.apply(e.path()), e.code(), e.message())).toList();
    }

    private static SurveyApiException invalid(String message, List<ApiError.Item> errors) {
        return new SurveyApiException(HttpStatus.UNPROCESSABLE_CONTENT, SurveyError.VALIDATION_FAILED, message, errors);
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** The raw text of a JSON answer, or null for a shape no item takes. */
    static String answerText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Number || value instanceof String) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            if (list.stream().anyMatch(v -> !(v instanceof String))) {
                return null;
            }
            return list.stream().map(String::valueOf).collect(Collectors.joining("|"));
        }
        return null;
    }
}
