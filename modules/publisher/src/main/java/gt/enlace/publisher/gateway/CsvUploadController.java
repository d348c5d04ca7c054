package gt.enlace.publisher.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.publisher.csv.CsvBridge;
import gt.enlace.publisher.csv.CsvFileException;
import gt.enlace.publisher.csv.CsvOptions;
import gt.enlace.publisher.csv.CsvProgressStore;
import gt.enlace.publisher.csv.CsvResult;
import gt.enlace.publisher.csv.CsvTokenizer;
import gt.enlace.publisher.json.JsonText;
import gt.enlace.schemas.catalog.TopicDefinition;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CSV bridge over HTTP, for the web UI's upload page: {@code POST /api/v1/topics/{topic}/csv} with the file as the
 * body ({@code text/csv} or {@code application/octet-stream}). The body is streamed to a temporary file and published
 * exactly like {@code enlace publish-csv} does (same column mapping, validation, event ids and progress markers, so
 * uploading the same file twice publishes nothing twice). The answer (200) gives the counts and up to
 * {@value #MAX_REJECTS_SHOWN} rejected rows with row, column, code and reason; 422 {@code INVALID_CSV} when the file
 * cannot be published at all; 503 when Kafka is unavailable.
 */
@RestController
public class CsvUploadController {

    /** Most rejected rows listed in an answer. */
    public static final int MAX_REJECTS_SHOWN = 1000;

    private static final Logger log = LoggerFactory.getLogger(CsvUploadController.class);

    private final GatewayProperties properties;
    private final GatewayPublishers publishers;
    private final Supplier<CsvProgressStore> progress;
    private final GatewayAuthorizer authorizer;

    public CsvUploadController(GatewayProperties properties, GatewayPublishers publishers, Supplier<CsvProgressStore> progress,
                               GatewayAuthorizer authorizer) {
        this.properties = properties;
        this.publishers = publishers;
        this.progress = progress;
        this.authorizer = authorizer;
    }

    /** Publishes an uploaded CSV file. */
    @PostMapping(path = "/api/v1/topics/{topic}/csv")
    public ResponseEntity<byte[]> upload(@PathVariable("topic") String topicName,
                                         @RequestParam(name = "encoding", required = false) String encoding,
                                         @RequestParam(name = "delimiter", required = false) String delimiter,
                                         @RequestParam(name = "ignoreUnknownColumns", defaultValue = "false") boolean ignoreUnknownColumns,
                                         HttpServletRequest request) {
        Path dir = null;
        try {
            TopicDefinition topic = publishers.catalog().topic(topicName).orElseThrow(() -> new GatewayException(
                GatewayError.TOPIC_NOT_FOUND, "topic '" + topicName + "' is not in the catalog"));
            Optional<String> denied = authorizer.deny(request, topic);
            if (denied.isPresent()) {
                throw new GatewayException(GatewayError.TOPIC_NOT_OWNED, denied.get());
            }
            checkContentType(request.getContentType());
            CsvOptions options = CsvOptions.forTopic(topic.name()).withIgnoreUnknownColumns(ignoreUnknownColumns);
            if (encoding != null && !encoding.isBlank()) {
                try {
                    options = options.withCharset(Charset.forName(encoding));
                } catch (RuntimeException e) {
                    throw new GatewayException(GatewayError.INVALID_CSV, "unknown encoding '" + encoding + "'; use UTF-8 or windows-1252");
                }
            }
            if (delimiter != null && !delimiter.isEmpty()) {
                char d = "tab".equals(delimiter) ? '\t' : delimiter.charAt(0);
                if (delimiter.length() > 1 && !"tab".equals(delimiter) || ",;|\t".indexOf(d) < 0) {
                    throw new GatewayException(GatewayError.INVALID_CSV, "delimiter must be ',', ';', '|' or 'tab'");
                }
                options = options.withDelimiter(d);
            }
            dir = Files.createTempDirectory("enlace-csv-upload");
            Path file = dir.resolve("upload.csv");
            receive(request, file);
            options = options.withRejectsFile(dir.resolve("upload.rejects.csv"));
            CsvResult result;
            try {
                result = new CsvBridge(publishers.forInstitution(topic.owner()), progress.get()).publish(file, options, p -> { });
            } catch (CsvFileException e) {
                boolean kafka = e.getMessage().contains("Kafka") || e.getCause() != null;
                throw new GatewayException(kafka ? GatewayError.UNAVAILABLE : GatewayError.INVALID_CSV, e.getMessage());
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer(topic, result));
        } catch (GatewayException e) {
            ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.error().status()).contentType(MediaType.APPLICATION_JSON);
            if (e.error() == GatewayError.UNAVAILABLE) {
                builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())));
            }
            return builder.body(GatewayController.errorBody(e.error(), e.getMessage(), e.violations()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.error("CSV upload to {} failed", topicName, e);
            return ResponseEntity.status(500).contentType(MediaType.APPLICATION_JSON).body(GatewayController.errorBody(
                GatewayError.INTERNAL_ERROR, "the gateway failed: " + e.getClass().getSimpleName(), List.of()).getBytes(StandardCharsets.UTF_8));
        } finally {
            delete(dir);
        }
    }

    private static void checkContentType(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            type = null;
        }
        if (type == null || !(type.isCompatibleWith(MediaType.parseMediaType("text/csv")) || type.isCompatibleWith(MediaType.TEXT_PLAIN)
            || type.isCompatibleWith(MediaType.APPLICATION_OCTET_STREAM)) || type.isWildcardType()) {
            throw new GatewayException(GatewayError.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + contentType
                + " is not accepted; send the file as text/csv or application/octet-stream");
        }
    }

    private void receive(HttpServletRequest request, Path file) throws IOException {
        long limit = properties.maxCsvSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw new GatewayException(GatewayError.PAYLOAD_TOO_LARGE, "the file is larger than " + limit + " bytes (enlace.gateway.max-csv-size)");
        }
        try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw new GatewayException(GatewayError.PAYLOAD_TOO_LARGE, "the file is larger than " + limit + " bytes (enlace.gateway.max-csv-size)");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static byte[] answer(TopicDefinition topic, CsvResult result) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("topic", topic.name());
        body.put("sha256", result.sha256());
        body.put("encoding", result.charset().name());
        body.put("delimiter", String.valueOf(result.delimiter()));
        body.put("rowsRead", result.rowsRead());
        body.put("published", result.published());
        body.put("alreadyPublished", result.alreadyPublished());
        if (result.resumed()) {
            body.put("resumedAfterRow", result.resumedAfterRow());
            body.put("foundInKafka", result.foundInKafka());
        }
        if (result.warning() != null) {
            body.put("warning", result.warning());
        }
        body.put("rejected", result.rejected());
        ArrayNode rejects = body.putArray("rejects");
        if (result.rejectsFile() != null) {
            try (Reader reader = Files.newBufferedReader(result.rejectsFile(), StandardCharsets.UTF_8)) {
                reader.skip(1); // the BOM
                CsvTokenizer tokenizer = new CsvTokenizer(reader, result.delimiter(), 10_000);
                tokenizer.next();
                CsvTokenizer.CsvRecord row;
                while ((row = tokenizer.next()) != null && rejects.size() < MAX_REJECTS_SHOWN) {
                    List<String> f = row.fields();
                    rejects.addObject().put("row", Long.parseLong(f.get(0))).put("line", Long.parseLong(f.get(1)))
                        .put("column", f.get(2)).put("code", f.get(3)).put("reason", f.get(4));
                }
            }
        }
        try {
            return JsonText.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("Could not delete the upload folder {}", dir, e);
        }
    }
}
