package gt.enlace.platform.security;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementCodec;
import gt.enlace.bus.agreements.AgreementError;
import gt.enlace.bus.agreements.AgreementException;
import gt.enlace.bus.agreements.AgreementRequest;
import gt.enlace.bus.security.HttpAuthenticator;
import gt.enlace.bus.security.HttpPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/agreements}: list ({@code GET}), request ({@code POST}), and {@code POST /{id}/approve},
 * {@code /reject}, {@code /revoke} (optional body {@code {"reason": "…"}}). Callers authenticate with HTTP Basic using
 * their bus credentials ({@link WebAccessFilter}); a refused decision is also recorded as {@code access.denied}.
 * Errors are {@code {"error_code": 42201, "error": "INVALID_FIELD", "field": "validUntil", "message": "…"}} with the
 * status of {@link AgreementError#httpStatus()}.
 */
@RestController
@RequestMapping("/api/v1/agreements")
public class AgreementsController {

    /** Largest accepted request body. */
    static final int MAX_BODY_CHARS = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AgreementsController.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AgreementService service;
    private final AclReconciler reconciler;
    private final HttpAuthenticator authenticator;

    AgreementsController(AgreementService service, AclReconciler reconciler, HttpAuthenticator authenticator) {
        this.service = service;
        this.reconciler = reconciler;
        this.authenticator = authenticator;
    }

    /** The caller, as {@link WebAccessFilter} authenticated it. */
    private static String actor(HttpServletRequest http) {
        String user = http.getRemoteUser();
        if (user == null) {
            throw new AgreementException(AgreementError.UNAUTHENTICATED, null,
                "Missing credentials: send HTTP Basic authentication with your institution code and its bus password");
        }
        return user;
    }

    @GetMapping
    ResponseEntity<String> list(HttpServletRequest http) {
        String actor = actor(http);
        ArrayNode array = MAPPER.createArrayNode();
        Instant now = Instant.now();
        for (Agreement agreement : service.visibleTo(actor)) {
            ObjectNode node = AgreementCodec.toTree(agreement);
            node.put("status", agreement.statusAt(now).name());
            node.put("inForce", agreement.inForce(now));
            array.add(node);
        }
        return json(200, array);
    }

    @PostMapping
    ResponseEntity<String> request(HttpServletRequest http,
                                   @RequestBody(required = false) String body) {
        String actor = actor(http);
        JsonNode node = parse(body, true);
        List<String> topics = null;
        JsonNode topicsNode = node.get("topics");
        if (topicsNode != null && !topicsNode.isNull()) {
            if (!topicsNode.isArray()) {
                throw invalid("topics", "must be an array of topic names");
            }
            topics = new ArrayList<>();
            for (JsonNode t : topicsNode) {
                topics.add(t.isTextual() ? t.asText() : null);
            }
        }
        AgreementRequest request = new AgreementRequest(text(node, "provider"), text(node, "consumer"), topics,
            text(node, "legalBasis"), text(node, "purpose"), instant(node, "validFrom"), instant(node, "validUntil"));
        Agreement agreement = service.request(actor, request);
        return json(201, AgreementCodec.toTree(agreement));
    }

    @PostMapping("/{id}/approve")
    ResponseEntity<String> approve(HttpServletRequest http,
                                   @PathVariable("id") String id) {
        String actor = actor(http);
        Agreement agreement = service.approve(actor, id);
        reconciler.requestRun();
        return json(200, AgreementCodec.toTree(agreement));
    }

    @PostMapping("/{id}/reject")
    ResponseEntity<String> reject(HttpServletRequest http,
                                  @PathVariable("id") String id, @RequestBody(required = false) String body) {
        String actor = actor(http);
        return json(200, AgreementCodec.toTree(service.reject(actor, id, text(parse(body, false), "reason"))));
    }

    @PostMapping("/{id}/revoke")
    ResponseEntity<String> revoke(HttpServletRequest http,
                                  @PathVariable("id") String id, @RequestBody(required = false) String body) {
        String actor = actor(http);
        Agreement agreement = service.revoke(actor, id, text(parse(body, false), "reason"));
        reconciler.requestRun();
        return json(200, AgreementCodec.toTree(agreement));
    }

    @ExceptionHandler(AgreementException.class)
    ResponseEntity<String> refused(AgreementException e, HttpServletRequest http) {
        if (e.error() == AgreementError.FORBIDDEN && http.getUserPrincipal() instanceof HttpPrincipal who) {
            authenticator.denied(who, http.getRemoteAddr(), http.getMethod() + " " + http.getRequestURI(),
                "agreements" + http.getRequestURI().substring("/api/v1/agreements".length()), e.getMessage());
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error_code", e.error().code());
        node.put("error", e.error().name());
        if (e.field() != null) {
            node.put("field", e.field());
        }
        node.put("message", e.getMessage());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.error().httpStatus()).contentType(MediaType.APPLICATION_JSON);
        if (e.error() == AgreementError.UNAUTHENTICATED) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"enlace\"");
        }
        return builder.body(node.toString());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        log.error("Unexpected error in the agreements API", e);
        return refusedWith(500, "unexpected error: " + e.getClass().getSimpleName());
    }

    private static ResponseEntity<String> refusedWith(int status, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error_code", 50001);
        node.put("error", "INTERNAL");
        node.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(node.toString());
    }

    private static JsonNode parse(String body, boolean required) {
        if (body == null || body.isBlank()) {
            if (required) {
                throw invalid("body", "is required: a JSON object with provider, consumer, topics, legalBasis, purpose, validUntil");
            }
            return MAPPER.createObjectNode();
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw invalid("body", "must be at most " + MAX_BODY_CHARS + " characters, got " + body.length());
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw invalid("body", "must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value.trim()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw invalid(field, "must be an ISO-8601 instant or date, e.g. 2027-12-31T00:00:00Z or 2027-12-31; got '" + value + "'");
            }
        }
    }

    private static AgreementException invalid(String field, String message) {
        return new AgreementException(AgreementError.INVALID_FIELD, field, "'" + field + "' " + message);
    }

    private static ResponseEntity<String> json(int status, JsonNode body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body.toString());
    }
}
