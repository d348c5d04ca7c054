package gt.enlace.survey.web;

import java.util.List;

import gt.enlace.survey.FieldError;

/**
 * The JSON body of every error of the survey API.
 *
 * @param code    a {@link gt.enlace.survey.SurveyError} code, e.g. {@code validation-failed}
 * @param message what went wrong, for people
 * @param errors  for validation, each field at fault; otherwise empty
 */
public record ErrorBody(String code, String message, List<Item> errors) {

    /**
     * One field at fault.
     *
     * @param path    JSON Pointer into the request, e.g. {@code /answers/std.guidelines}
     * @param code    e.g. {@code out-of-range}
     * @param message what is wrong and what is expected
     */
    public record Item(String path, String code, String message) {
    }

    /** Converts field errors, prefixing each path (e.g. {@code /answers/}). */
    static List<Item> items(List<FieldError> errors, java.util.function.Function<String, String> path) {
        return errors.stream().map(e -> new Item(path.apply(e.path()), e.code(), e.message())).toList();
    }
}
