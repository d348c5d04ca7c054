package gt.enlace.survey;

import java.util.Objects;

/**
 * One problem with one field of a submission.
 *
 * @param path    where: a JSON Pointer into an HTTP request ({@code /answers/std.guidelines}) or a CSV column name
 * @param error   what kind of problem
 * @param message what is wrong and what is expected, for people
 */
public record FieldError(String path, SurveyError error, String message) {

    public FieldError {
        Objects.requireNonNull(path, "'path' cannot be null");
        Objects.requireNonNull(error, "'error' cannot be null");
        Objects.requireNonNull(message, "'message' cannot be null");
    }

    /** The stable code of {@link #error()}. */
    public String code() {
        return error.code();
    }
}
