package gt.enlace.portal.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An expected failure of a catalog request: unknown topic or institution, bad parameter, invalid or unrecorded
 * access request. Pages answer with the friendly error page, the API with a JSON body carrying {@link #error()}'s
 * code; neither shows a stack trace.
 */
public class CatalogException extends RuntimeException {

    private final CatalogError error;
    private final List<FieldError> fields;

    /**
     * A field at fault.
     *
     * @param field  the parameter or form field, e.g. {@code purpose}
     * @param reason why, in English for the API
     */
    public record FieldError(String field, String reason) {
    }

    /**
     * @param error   the code
     * @param message what went wrong, naming the topic, institution or parameter
     */
    public CatalogException(CatalogError error, String message) {
        this(error, message, List.of());
    }

    /**
     * @param error   the code
     * @param message what went wrong
     * @param fields  the fields at fault
     */
    public CatalogException(CatalogError error, String message, List<FieldError> fields) {
        super(message);
        this.error = Objects.requireNonNull(error, "'error' cannot be null");
        this.fields = List.copyOf(fields);
    }

    /** @return the code */
    public CatalogError error() {
        return error;
    }

    /** @return the fields at fault, empty when not a validation error */
    public List<FieldError> fields() {
        return fields;
    }
}
