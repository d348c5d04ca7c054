package gt.enlace.bus.http;

import java.util.List;
import java.util.Objects;

/**
 * The JSON error body of Enlace's own HTTP APIs (the gateway's publish and CSV upload, the survey API):
 * {@code {"code":"…","message":"…","errors":[{"path":"…","code":"…","message":"…"}]}}, in that order. The top-level
 * {@code code} is the module's stable error code ({@code VALIDATION_FAILED} on the gateway,
 * {@code validation-failed} on the survey API); {@code errors} lists each field or row at fault, and is empty
 * otherwise. The registry keeps Confluent's own shape ({@code error_code}, {@code message}) instead.
 *
 * @param code    the stable error code
 * @param message what went wrong, for people
 * @param errors  for validation, each field at fault; otherwise empty, never null
 */
public record ApiError(String code, String message, List<Item> errors) {

    /** Copies {@code errors}; null means none. */
    public ApiError {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One field at fault.
     *
     * @param path    JSON Pointer into the request, e.g. {@code /answers/std.guidelines} or {@code /0/cui}
     * @param code    e.g. {@code out-of-range}
     * @param message what is wrong and what is expected
     */
    public record Item(String path, String code, String message) {
    }

    /** The body without field errors. */
    public static ApiError of(String code, String message) {
        return new ApiError(Objects.requireNonNull(code, "'code' cannot be null"), message, List.of());
    }
}
