package gt.enlace.platform.signing;

import gt.enlace.bus.signing.InstitutionKeyStore;
import gt.enlace.bus.signing.InvalidKeyFileException;
import gt.enlace.bus.signing.PublishedKey;
import gt.enlace.platform.web.WebProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public-key directory: what a subscriber or a third party verifies signatures with.
 *
 * <ul>
 *   <li>{@code GET /api/v1/keys}: {@code {"keys": [key, ...]}}, every institution with a key, by code;</li>
 *   <li>{@code GET /api/v1/keys/{institution}}: one key, or 404 {@code KEY_NOT_FOUND}.</li>
 * </ul>
 *
 * <p>A key is {@code {"institution", "keyId", "algorithm": "Ed25519", "publicKey": <X.509 DER, base64>, "pem"}}.
 * Public: no login needed, since the keys prove things to anyone.
 */
@RestController
public class KeysController {

    /** Where the keys are, under the data directory. */
    public static final String KEYS_DIR = "keys";

    private static final Pattern INSTITUTION = Pattern.compile("[a-z][a-z0-9]{0,63}");

    private final InstitutionKeyStore store;

    /** @param env gives {@value WebProperties#DATA_DIR} */
    @org.springframework.beans.factory.annotation.Autowired
    public KeysController(Environment env) {
        this(new InstitutionKeyStore(Path.of(env.getProperty(WebProperties.DATA_DIR, "data")).resolve(KEYS_DIR)));
    }

    KeysController(InstitutionKeyStore store) {
        this.store = store;
    }

    /** @return every published key */
    @GetMapping(path = "/api/v1/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> keys() {
        try {
            List<Map<String, String>> keys = store.publishedKeys().stream().map(KeysController::json).toList();
            return ResponseEntity.ok(Map.of("keys", keys));
        } catch (InvalidKeyFileException e) {
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "KEY_STORE_UNREADABLE", e.getMessage());
        }
    }

    /** @return one institution's key */
    @GetMapping(path = "/api/v1/keys/{institution}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> key(@PathVariable("institution") String institution) {
        if (!INSTITUTION.matcher(institution).matches()) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_INSTITUTION", "'" + institution
                + "' is not an institution code (lower-case letters and digits)");
        }
        try {
            return store.publishedKey(institution).<ResponseEntity<?>>map(k -> ResponseEntity.ok(json(k)))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "KEY_NOT_FOUND", "institution '" + institution
                    + "' has no signing key"));
        } catch (InvalidKeyFileException e) {
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "KEY_STORE_UNREADABLE", e.getMessage());
        }
    }

    static Map<String, String> json(PublishedKey key) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("institution", key.institution());
        json.put("keyId", key.keyId());
        json.put("algorithm", PublishedKey.ALGORITHM);
        json.put("publicKey", key.base64());
        json.put("pem", key.pem());
        return json;
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("error_code", code, "message", message));
    }
}
