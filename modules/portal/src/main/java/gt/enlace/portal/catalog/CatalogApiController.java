package gt.enlace.portal.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data catalog as JSON.
 *
 * <ul>
 *   <li>{@code GET /api/v1/catalog?q=&institution=&field=}: {@code {"query": {"q", "institution", "field"},
 *       "count": n, "topics": [entry, ...]}}, the topics matching every given filter (see {@link CatalogQuery}),
 *       in catalog order;</li>
 *   <li>{@code GET /api/v1/catalog/topics/{topic}}: one entry.</li>
 * </ul>
 * An entry is a {@link CatalogEntry}: {@code topic}, {@code owner {code, acronym, name {es, en}}},
 * {@code description {es, en}}, {@code classification}, {@code legalBasis}, {@code retention {ms, infinite, days}},
 * {@code partitions}, {@code cleanupPolicy}, {@code compatibility}, {@code subject},
 * {@code schema {record, source, version, doc, fields [{path, name, depth, type, avroType, required, doc,
 * allowedValues, identifier}]}}, {@code matchedFields}, {@code history {available, error, versions [{version, id,
 * changes, newReadsOld, oldReadsNew}]}}, {@code example}, {@code statistics {available, error, exists, records,
 * recordsLastDay, ratePerHour}}, {@code subscribers {available, error, groups [{group, institution, agreement,
 * state, members, lag, caughtUp, lastDeliveredAt}]}}. Field types are in words in the request's language
 * ({@code ?lang=en}, Spanish by default). Errors: {@code {"code", "message", "errors": [{field, reason}]}} with
 * 404 {@code catalog-topic-not-found} or 400 {@code catalog-invalid-parameter} (a filter over 100 characters).
 */
@RestController
@RequestMapping(path = "/api/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
class CatalogApiController {

    private final CatalogService catalog;

    CatalogApiController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(name = "q", required = false) String q,
                             @RequestParam(name = "institution", required = false) String institution,
                             @RequestParam(name = "field", required = false) String field, Locale locale) {
        String tooLong = CatalogQuery.tooLong(q, institution, field);
        if (tooLong != null) {
            throw new CatalogException(CatalogError.INVALID_PARAMETER, "parameter '" + tooLong + "' is longer than "
                + CatalogQuery.MAX_LENGTH + " characters", List.of(new CatalogException.FieldError(tooLong,
                "longer than " + CatalogQuery.MAX_LENGTH + " characters")));
        }
        CatalogQuery query = new CatalogQuery(q, institution, field);
        List<CatalogEntry> entries = catalog.entries(query, locale);
        Map<String, Object> queryEcho = new LinkedHashMap<>();
        queryEcho.put("q", query.text());
        queryEcho.put("institution", query.institution());
        queryEcho.put("field", query.field());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", queryEcho);
        body.put("count", entries.size());
        body.put("topics", entries);
        return body;
    }

    @GetMapping("/topics/{topic}")
    CatalogEntry topic(@PathVariable("topic") String topic, Locale locale) {
        return catalog.entry(topic, locale);
    }

    @ExceptionHandler(CatalogException.class)
    ResponseEntity<Map<String, Object>> failed(CatalogException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.error().code());
        body.put("message", e.getMessage());
        body.put("errors", e.fields());
        return ResponseEntity.status(e.error().status()).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
