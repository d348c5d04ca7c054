package gt.enlace.survey.web;

import java.util.List;

import gt.enlace.bus.http.ApiError;
import gt.enlace.survey.SurveyError;
import gt.enlace.survey.metrics.MetricsUnavailableException;
import gt.enlace.survey.responses.SurveyPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps the survey controllers' exceptions to a status and an {@link ApiError}. Only unexpected errors (500) are
 * logged with their stack trace; a page never shows one.
 */
@RestControllerAdvice(assignableTypes = {InstrumentController.class, SubmissionsController.class, ReportsController.class})
public class SurveyExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(SurveyExceptionHandler.class);

    @ExceptionHandler(SurveyApiException.class)
    ResponseEntity<ApiError> api(SurveyApiException e) {
        return body(e.status(), e.error(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, SurveyError.MALFORMED_REQUEST,
                "the body is not a JSON object of the expected shape", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, SurveyError.MALFORMED_REQUEST,
                "send the body as application/json", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, SurveyError.INVALID_FIELD, "parameter '" + e.getName() + "' has a bad value '"
                + e.getValue() + "'", List.of());
    }

    @ExceptionHandler(MetricsUnavailableException.class)
    ResponseEntity<ApiError> metrics(MetricsUnavailableException e) {
        return body(HttpStatus.SERVICE_UNAVAILABLE, SurveyError.METRICS_UNAVAILABLE, e.getMessage(), List.of());
    }

    @ExceptionHandler(SurveyPublisher.PublishException.class)
    ResponseEntity<ApiError> publish(SurveyPublisher.PublishException e) {
        log.warn("Survey event not acknowledged: {}", e.getMessage());
        return body(HttpStatus.SERVICE_UNAVAILABLE, SurveyError.PUBLISH_FAILED, e.getMessage(), List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected error in the survey API", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, null,
                "unexpected error: " + e.getClass().getSimpleName(), List.of());
    }

    private static ResponseEntity<ApiError> body(HttpStatus status, SurveyError error, String message,
                                                  List<ApiError.Item> errors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(error == null ? "internal-error" : error.code(), message, errors));
    }
}
