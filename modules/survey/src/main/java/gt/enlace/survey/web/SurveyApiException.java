package gt.enlace.survey.web;

import java.util.List;

import gt.enlace.bus.http.ApiError;
import gt.enlace.survey.SurveyError;
import org.springframework.http.HttpStatus;

/** An error the survey API answers with its status and {@link ApiError}; expected, so logged without a stack trace. */
public class SurveyApiException extends RuntimeException {

    private final HttpStatus status;
    private final SurveyError error;
    private final List<ApiError.Item> errors;

    public SurveyApiException(HttpStatus status, SurveyError error, String message, List<ApiError.Item> errors) {
        super(message);
        this.status = status;
        this.error = error;
        this.errors = List.copyOf(errors);
    }

    public SurveyApiException(HttpStatus status, SurveyError error, String message) {
        this(status, error, message, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public SurveyError error() {
        return error;
    }

    public List<ApiError.Item> errors() {
        return errors;
    }
}
