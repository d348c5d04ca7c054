package gt.enlace.publisher.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.bus.http.ApiError;
import gt.enlace.publisher.EventPublisher;
import gt.enlace.publisher.PublishError;
import gt.enlace.publisher.PublishException;
import gt.enlace.publisher.PublishOptions;
import gt.enlace.publisher.PublishReceipt;
import gt.enlace.publisher.csv.CsvEventIds;
import gt.enlace.publisher.json.JsonRecordMapper;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.publisher.validation.JsonPaths;
import gt.enlace.publisher.validation.Violation;
import gt.enlace.schemas.catalog.TopicDefinition;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.generic.IndexedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP gateway: {@code POST /api/v1/topics/{topic}/events} with one JSON event or a JSON array of events, in plain
 * JSON ({@link JsonRecordMapper}), and {@code GET /openapi}, the API's OpenAPI 3 document.
 *
 * <p><b>A batch is all-or-nothing at validation:</b> every element is mapped and validated first; if any fails, the
 * answer is 422 listing every error with its path ({@code $[3].childCui}) and nothing is published. Then every event
 * is sent and the answer (200) waits for all of Kafka's acknowledgements. If Kafka fails in the middle, the answer
 * is 503 with {@code Retry-After}; events already acknowledged stay published, and a retry with the same
 * {@code Idempotency-Key} republishes them under the same {@code ce_id}s (derived from the key and the element's
 * index), which consumers deduplicate on.
 *
 * <p>{@code Idempotency-Key}: the first 200 or 422 answer to a key is stored ({@link IdempotencyStore}) and a later
 * request with the same key and body gets it again, with {@code Idempotency-Replayed: true}, publishing nothing; the
 * same key with another body is a 422 {@code IDEMPOTENCY_KEY_REUSED}.
 *
 * <p>Bad input never gives a 500: 400 malformed JSON (with line and column), 404 unknown topic, 413 oversized body,
 * 415 not JSON, 422 violations; 403 comes from the {@link GatewayAuthorizer} once identities exist.
 */
@RestController
public class GatewayController {

    /** The request header of idempotency keys. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The response header set on a replayed answer. */
    public static final String IDEMPOTENCY_REPLAYED = "Idempotency-Replayed";

    private static final Logger log = LoggerFactory.getLogger(GatewayController.class);
    private static final UUID IDEMPOTENT_EVENTS = UUID.fromString("0c7e9a52-3f4b-5d61-8e2a-7b9c1d0e4f37");
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final GatewayProperties properties;
    private final GatewayPublishers publishers;
    private final IdempotencyStore idempotency;
    private final GatewayAuthorizer authorizer;
    private final JsonRecordMapper mapper;

    public GatewayController(GatewayProperties properties, GatewayPublishers publishers, IdempotencyStore idempotency,
                             GatewayAuthorizer authorizer) {
        this.properties = properties;
        this.publishers = publishers;
        this.idempotency = idempotency;
        this.authorizer = authorizer;
        this.mapper = JsonRecordMapper.strict().withMaxTextChars(properties.maxEventChars());
    }

    /** The OpenAPI 3 document of the gateway. */
    @GetMapping(path = "/openapi", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> openApi() throws IOException {
        try (InputStream in = GatewayController.class.getResourceAsStream("openapi.json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(in.readAllBytes());
        }
    }

    /** Publishes one event or a batch; see the class documentation. */
    @PostMapping(path = "/api/v1/topics/{topic}/events")
    public ResponseEntity<byte[]> publish(@PathVariable("topic") String topicName, HttpServletRequest request) {
        try {
            return handle(topicName, request);
        } catch (GatewayException e) {
            return error(e.error(), e.getMessage(), e.violations());
        } catch (RuntimeException e) {
            log.error("Gateway failure on {}", topicName, e);
            return error(GatewayError.INTERNAL_ERROR, "the gateway failed: " + e.getClass().getSimpleName(), List.of());
        }
    }

    private ResponseEntity<byte[]> handle(String topicName, HttpServletRequest request) {
        TopicDefinition topic = publishers.catalog().topic(topicName).orElseThrow(() -> new GatewayException(
            GatewayError.TOPIC_NOT_FOUND, "topic '" + topicName + "' is not in the catalog"));
        Optional<String> denied = authorizer.deny(request, topic);
        if (denied.isPresent()) {
            throw new GatewayException(GatewayError.TOPIC_NOT_OWNED, denied.get());
        }
        checkContentType(request.getContentType());
        byte[] body = readBody(request);
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            return answer(process(topic, body, null));
        }
        if (key.length() > 200) {
            throw new GatewayException(GatewayError.VALIDATION_FAILED, "the Idempotency-Key is longer than 200 characters");
        }
        String storeKey = topic.name() + "\n" + key;
        String hash = sha256(body);
        Optional<IdempotencyStore.Answer> stored = idempotency.find(storeKey);
        if (stored.isPresent()) {
            return replay(stored.get(), hash);
        }
        if (!idempotency.begin(storeKey)) {
            throw new GatewayException(GatewayError.IDEMPOTENCY_KEY_IN_USE, "a request with this Idempotency-Key is still being processed; retry shortly");
        }
        try {
            stored = idempotency.findKnown(storeKey);
            if (stored.isPresent()) {
                return replay(stored.get(), hash);
            }
            IdempotencyStore.Answer answer;
            try {
                answer = process(topic, body, key);
            } catch (GatewayException e) {
                if (e.error() != GatewayError.VALIDATION_FAILED) {
                    throw e;
                }
                answer = new IdempotencyStore.Answer(null, e.error().status(), errorBody(e.error(), e.getMessage(), e.violations()));
            }
            answer = new IdempotencyStore.Answer(hash, answer.status(), answer.body());
            idempotency.save(storeKey, answer);
            return answer(answer);
        } finally {
            idempotency.end(storeKey);
        }
    }

    private ResponseEntity<byte[]> replay(IdempotencyStore.Answer stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new GatewayException(GatewayError.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used before with a different "
                + "body; use a new key for a new request");
        }
        return ResponseEntity.status(stored.status()).contentType(MediaType.APPLICATION_JSON)
            .header(IDEMPOTENCY_REPLAYED, "true").body(stored.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Maps, validates and publishes; the 200 answer, or a GatewayException. */
    private IdempotencyStore.Answer process(TopicDefinition topic, byte[] body, String idempotencyKey) {
        JsonNode json;
        try {
            json = JsonText.parse(new ByteArrayInputStream(body));
        } catch (JsonText.MalformedJsonException e) {
            throw new GatewayException(GatewayError.MALFORMED_JSON, "the body is not valid JSON"
                + (e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "") + ": " + e.getMessage());
        }
        boolean batch = json.isArray();
        List<JsonNode> elements = new ArrayList<>();
        if (batch) {
            json.forEach(elements::add);
            if (elements.isEmpty()) {
                throw new GatewayException(GatewayError.VALIDATION_FAILED, "the array is empty; send at least one event",
                    List.of(new Violation("$", "EMPTY_BATCH", "expected at least one event")));
            }
        } else {
            elements.add(json);
        }
        EventPublisher publisher = publishers.forInstitution(topic.owner());
        List<IndexedRecord> records = new ArrayList<>(elements.size());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String prefix = batch ? JsonPaths.index("$", i) : "$";
            JsonRecordMapper.Result result = mapper.map(elements.get(i), topic.schema());
            List<Violation> found = result.ok() ? publisher.validate(topic.name(), result.record()) : result.violations();
            found.forEach(v -> violations.add(batch ? v.under(prefix) : v));
            records.add(result.record());
        }
        if (!violations.isEmpty()) {
            long bad = violations.stream().map(v -> v.path().replaceAll("^(\\$(\\[\\d+])?).*", "$1")).distinct().count();
            throw new GatewayException(GatewayError.VALIDATION_FAILED, (batch ? bad + " of " + elements.size() + " events are"
                : "the event is") + " invalid; nothing was published", violations);
        }
        List<CompletableFuture<PublishReceipt>> acks = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            PublishOptions options = PublishOptions.defaults();
            if (idempotencyKey != null) {
                options = options.withEventId(CsvEventIds.nameUuid(IDEMPOTENT_EVENTS, topic.name() + "\n" + idempotencyKey + "\n" + i).toString());
            }
            // Every record passed publisher.validate above.
            acks.add(publisher.publishValidated(topic.name(), records.get(i), options));
        }
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        long deadline = System.nanoTime() + properties.kafkaTimeout().toNanos() + 2_000_000_000L;
        for (int i = 0; i < acks.size(); i++) {
            PublishReceipt receipt = await(acks.get(i), deadline, batch ? JsonPaths.index("$", i) : "$");
            ObjectNode event = events.addObject();
            event.put("index", i);
            event.put("id", receipt.eventId());
            event.put("partition", receipt.partition());
            event.put("offset", receipt.offset());
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("topic", topic.name());
        answer.put("count", events.size());
        answer.set("events", events);
        return new IdempotencyStore.Answer(null, 200, write(answer));
    }

    private PublishReceipt await(CompletableFuture<PublishReceipt> ack, long deadline, String path) {
        try {
            return ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new GatewayException(GatewayError.UNAVAILABLE, "Kafka did not acknowledge the events within "
                + properties.kafkaTimeout().toSeconds() + " s; retry with the same Idempotency-Key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(GatewayError.UNAVAILABLE, "interrupted while waiting for Kafka");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PublishException p) {
                if (p.error() == PublishError.RECORD_TOO_LARGE || p.error() == PublishError.INVALID_RECORD) {
                    List<Violation> violations = p.violations().stream().map(v -> "$".equals(path) ? v : v.under(path)).toList();
                    throw new GatewayException(GatewayError.VALIDATION_FAILED, p.getMessage(), violations);
                }
                throw new GatewayException(GatewayError.UNAVAILABLE, p.getMessage() + "; retry with the same Idempotency-Key");
            }
            throw new GatewayException(GatewayError.UNAVAILABLE, String.valueOf(e.getCause()));
        }
    }

    private static void checkContentType(String contentType) {
        if (contentType == null) {
            throw new GatewayException(GatewayError.UNSUPPORTED_MEDIA_TYPE, "the request has no Content-Type; send application/json");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            throw new GatewayException(GatewayError.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType + "' cannot be parsed; send application/json");
        }
        boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        if (!json || type.isWildcardType() || type.isWildcardSubtype()) {
            throw new GatewayException(GatewayError.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + contentType + " is not accepted; send application/json");
        }
        if (type.getCharset() != null && !type.getCharset().equals(StandardCharsets.UTF_8)) {
            throw new GatewayException(GatewayError.UNSUPPORTED_MEDIA_TYPE, "charset " + type.getCharset() + " is not accepted; send UTF-8");
        }
    }

    private byte[] readBody(HttpServletRequest request) {
        long limit = properties.maxBodySize().toBytes();
        try (InputStream in = request.getInputStream()) {
            long declared = request.getContentLengthLong();
            if (declared > limit) {
                drain(in, DRAIN_LIMIT);
                throw tooLarge(limit);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 1024), limit));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    drain(in, DRAIN_LIMIT);
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new GatewayException(GatewayError.MALFORMED_JSON, "the body could not be read: " + e.getMessage());
        }
    }

    private static GatewayException tooLarge(long limit) {
        return new GatewayException(GatewayError.PAYLOAD_TOO_LARGE, "the body is larger than " + limit
            + " bytes (enlace.gateway.max-body-size); send smaller batches");
    }

    /** Reads and discards what is left of a rejected body, so that the client can read the answer. */
    private static void drain(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < max && (n = in.read(buffer)) > 0) {
            total += n;
        }
    }

    private ResponseEntity<byte[]> answer(IdempotencyStore.Answer answer) {
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON)
            .body(answer.body().getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<byte[]> error(GatewayError error, String message, List<Violation> violations) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON);
        if (error == GatewayError.UNAVAILABLE) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())));
        }
        return builder.body(errorBody(error, message, violations).getBytes(StandardCharsets.UTF_8));
    }

    /** The error body: {@code {"code", "message", "errors": [{"path", "code", "message"}]}}. */
    static String errorBody(GatewayError error, String message, List<Violation> violations) {
        List<ApiError.Item> errors = violations.stream().map(v -> new ApiError.Item(v.path(), v.code(), v.message())).toList();
        try {
            return JsonText.mapper().writeValueAsString(new ApiError(error.name(), message, errors));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JsonText.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
