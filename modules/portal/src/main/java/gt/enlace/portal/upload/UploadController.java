package gt.enlace.portal.upload;

import gt.enlace.publisher.csv.CsvBridge;
import gt.enlace.publisher.csv.CsvFileException;
import gt.enlace.publisher.csv.CsvOptions;
import gt.enlace.publisher.csv.CsvProgressStore;
import gt.enlace.publisher.csv.CsvResult;
import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.publisher.gateway.GatewayAuthorizer;
import gt.enlace.publisher.gateway.GatewayException;
import gt.enlace.publisher.gateway.GatewayPublishers;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The CSV upload page. {@code GET /upload} shows the form (institution, catalog topic, file, optional column mapping,
 * encoding) and a link to each topic's CSV template ({@code GET /upload/template?topic=}, what {@code enlace template}
 * writes); {@code POST /upload} runs the CSV bridge on the file, exactly as {@code enlace publish-csv} does (same
 * mapping, validation, event ids and progress markers, so uploading a file twice publishes nothing twice), and shows
 * the summary and the rejected rows; {@code GET /upload/rejects/{id}} downloads the rejects file. Publishing needs the
 * gateway role in the same instance; without it the page says so.
 */
@Controller
class UploadController {

    private static final Logger log = LoggerFactory.getLogger(UploadController.class);
    private static final List<String> ENCODINGS = List.of("UTF-8", "windows-1252");

    private final TopicCatalog catalog;
    private final ObjectProvider<GatewayPublishers> publishers;
    private final ObjectProvider<Supplier<CsvProgressStore>> progress;
    private final UploadRejects rejects;
    private final GatewayAuthorizer authorizer;

    UploadController(ObjectProvider<TopicCatalog> catalog, ObjectProvider<GatewayPublishers> publishers,
                     ObjectProvider<Supplier<CsvProgressStore>> progress, UploadRejects rejects,
                     ObjectProvider<GatewayAuthorizer> authorizer) {
        this.catalog = catalog.getIfAvailable(TopicCatalog::loadDefault);
        this.publishers = publishers;
        this.progress = progress;
        this.rejects = rejects;
        this.authorizer = authorizer.getIfAvailable(() -> GatewayAuthorizer.ALLOW_ALL);
    }

    @GetMapping("/upload")
    String form(@RequestParam(name = "institution", required = false) String institution,
                @RequestParam(name = "topic", required = false) String topic, Model model) {
        UploadForm form = new UploadForm(institution, topic, null, null);
        return page(model, form);
    }

    @GetMapping("/upload/template")
    ResponseEntity<byte[]> template(@RequestParam(name = "topic", required = false) String topicName) throws IOException {
        Optional<TopicDefinition> topic = topicName == null ? Optional.empty() : catalog.topic(topicName);
        if (topic.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                .body(("Unknown topic / tema desconocido: " + topicName).getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a BOM, so that Excel shows accents
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            CsvTemplate.write(topic.get().schema(), SampleEvents.sampleFor(topic.get().name()), writer);
        }
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(topic.get().name() + ".csv").build().toString())
            .body(bytes.toByteArray());
    }

    @PostMapping("/upload")
    String upload(@RequestParam(name = "institution", required = false) String institution,
                  @RequestParam(name = "topic", required = false) String topicName,
                  @RequestParam(name = "file", required = false) MultipartFile file,
                  @RequestParam(name = "mapping", required = false) String mapping,
                  @RequestParam(name = "encoding", required = false) String encoding,
                  Model model, HttpServletRequest request, HttpServletResponse response) {
        UploadForm form = new UploadForm(institution, topicName, mapping, encoding);
        Optional<TopicDefinition> topic = topicName == null ? Optional.empty() : catalog.topic(topicName);
        if (institution == null || catalog.institution(institution).isEmpty()) {
            return invalid(model, form, response, "institution", "upload.error.institution", institution);
        }
        if (topic.isEmpty()) {
            return invalid(model, form, response, "topic", "upload.error.topic", topicName);
        }
        if (!topic.get().owner().equals(institution)) {
            return invalid(model, form, response, "topic", "upload.error.notOwned", topic.get().owner());
        }
        // the same rule as the gateway's: once institutions have credentials, only the owner's may publish
        Optional<String> denied = authorizer.deny(request, topic.get());
        if (denied.isPresent()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("failure", new Failure("upload.error.denied", denied.get()));
            return page(model, form);
        }
        if (file == null || file.isEmpty()) {
            return invalid(model, form, response, "file", "upload.error.noFile", null);
        }
        CsvOptions options = CsvOptions.forTopic(topic.get().name());
        if (encoding != null && !encoding.isBlank()) {
            if (!ENCODINGS.contains(encoding)) {
                return invalid(model, form, response, "encoding", "upload.error.encoding", encoding);
            }
            options = options.withCharset(Charset.forName(encoding));
        }
        if (mapping != null) {
            String[] lines = mapping.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0 || eq == line.length() - 1) {
                    return invalid(model, form, response, "mapping", "upload.error.mapping", (i + 1) + ": " + line);
                }
                options = options.withColumn(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        GatewayPublishers gateway = publishers.getIfAvailable();
        Supplier<CsvProgressStore> store = progress.getIfAvailable();
        if (gateway == null || store == null) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("failure", new Failure("upload.error.noGateway", null));
            return page(model, form);
        }
        String fileName = displayName(file.getOriginalFilename());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("enlace-portal-upload");
            Path csv = dir.resolve("upload.csv");
            file.transferTo(csv);
            UploadRejects.Slot slot = rejects.newSlot(fileName);
            CsvResult result;
            try {
                result = new CsvBridge(gateway.forInstitution(institution), store.get())
                    .publish(csv, options.withRejectsFile(slot.path()), p -> { });
            } catch (CsvFileException e) {
                rejects.discard(slot);
                response.setStatus(e.getCause() != null ? HttpStatus.SERVICE_UNAVAILABLE.value() : HttpStatus.UNPROCESSABLE_ENTITY.value());
                model.addAttribute("failure", new Failure("upload.error.file", e.getMessage().replace(csv.toString(), fileName)));
                return page(model, form);
            } catch (GatewayException e) {
                rejects.discard(slot);
                response.setStatus(e.error().status());
                model.addAttribute("failure", new Failure("upload.error.kafka", e.getMessage()));
                return page(model, form);
            }
            UploadSummary summary = UploadSummary.of(fileName, topic.get().name(), result,
                result.rejectsFile() != null ? slot.id() : null, UploadSettings.MAX_REJECTS_SHOWN);
            if (result.rejectsFile() == null) {
                rejects.discard(slot);
            }
            model.addAttribute("summary", summary);
            return page(model, form);
        } catch (IOException e) {
            log.warn("Upload of {} to {} failed", fileName, topicName, e);
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            model.addAttribute("failure", new Failure("upload.error.io", null));
            return page(model, form);
        } finally {
            UploadRejects.deleteTree(dir);
        }
    }

    @GetMapping("/upload/rejects/{id}")
    ResponseEntity<?> rejectsFile(@PathVariable("id") String id, HttpServletRequest request) {
        Optional<UploadRejects.Slot> slot = rejects.find(id);
        if (slot.isEmpty() || !Files.isRegularFile(slot.get().path())) {
            boolean english = RequestContextUtils.getLocale(request).getLanguage().equals("en");
            String message = english
                ? "No rejected-rows file with this id: the portal keeps the files of the last " + UploadRejects.KEPT
                    + " uploads until it restarts. Upload the file again to get its rejected rows."
                : "No hay un archivo de filas rechazadas con este identificador: el portal guarda los de las últimas "
                    + UploadRejects.KEPT + " cargas hasta que se reinicia. Vuelva a cargar el archivo para obtenerlas.";
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(message);
        }
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(slot.get().downloadName(), StandardCharsets.UTF_8).build().toString())
            .body(new FileSystemResource(slot.get().path()));
    }

    private String invalid(Model model, UploadForm form, HttpServletResponse response, String field, String key, String detail) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("failure", new Failure(key, detail));
        model.addAttribute("failedField", field);
        return page(model, form);
    }

    private String page(Model model, UploadForm form) {
        model.addAttribute("form", form);
        model.addAttribute("institutions", catalog.institutions());
        model.addAttribute("topics", catalog.topics());
        model.addAttribute("encodings", ENCODINGS);
        model.addAttribute("maxSizeMb", rejects.maxSize().toMegabytes());
        return "portal/upload";
    }

    /** The file name as shown and used for downloads: its last path segment, without control characters. */
    static String displayName(String original) {
        String name = original == null || original.isBlank() ? "upload.csv" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}]", "");
        return name.isBlank() ? "upload.csv" : name.toLowerCase(Locale.ROOT).endsWith(".csv") || name.contains(".") ? name : name + ".csv";
    }

    /**
     * What the person filled in, shown again with the result or the error.
     *
     * @param institution chosen institution code
     * @param topic       chosen topic
     * @param mapping     column mapping lines, {@code column=field}
     * @param encoding    chosen encoding; blank for automatic detection
     */
    record UploadForm(String institution, String topic, String mapping, String encoding) {
    }

    /**
     * Why an upload did not run.
     *
     * @param key    message key of the sentence
     * @param detail the value or technical detail, shown as text
     */
    record Failure(String key, String detail) {
    }
}
