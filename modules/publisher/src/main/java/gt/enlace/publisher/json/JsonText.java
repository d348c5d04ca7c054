package gt.enlace.publisher.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses JSON text the way the publisher needs it: numbers as exact decimals, duplicate keys rejected, strings up
 * to 64 MB, and syntax errors reported with line and column.
 */
public final class JsonText {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
            .maxStringLength(64 * 1024 * 1024).maxNestingDepth(100).maxNumberLength(1000).build());
    }

    private JsonText() {
    }

    /** The shared, configured mapper; also writes JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses one JSON document.
     *
     * @throws MalformedJsonException with the line and column of the first error
     */
    public static JsonNode parse(InputStream in) {
        try {
            JsonNode node = MAPPER.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJsonException("the body is empty; expected a JSON object or array", 1, 1);
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            int line = location == null ? -1 : location.getLineNr();
            int column = location == null ? -1 : location.getColumnNr();
            throw new MalformedJsonException(e.getOriginalMessage(), line, column);
        } catch (IOException e) {
            throw new MalformedJsonException("the body cannot be read as UTF-8 JSON: " + e.getMessage(), -1, -1);
        }
    }

    /** Parses a JSON document in a string, or returns null when it is not JSON. */
    public static JsonNode parseOrNull(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** JSON that is not well-formed, with where the parser stopped. */
    public static final class MalformedJsonException extends RuntimeException {

        private final int line;
        private final int column;

        public MalformedJsonException(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        /** 1-based line of the error, or -1 when unknown. */
        public int line() {
            return line;
        }

        /** 1-based column of the error, or -1 when unknown. */
        public int column() {
            return column;
        }
    }
}
