package gt.enlace.registry.rest;

import gt.enlace.registry.service.RegistryException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that turns failures into Confluent's error body {@code {"error_code":N,"message":"..."}}:
 * a {@link RegistryException} gives its code and HTTP status (the code's first three digits); unreadable
 * JSON gives 400 like rest-utils' Jackson mappers; unknown routes, wrong methods and media types give the
 * generic JAX-RS form ({@code {"error_code":404,"message":"HTTP 404 Not Found"}}). Only 5xx are logged as
 * errors.
 */
@RestControllerAdvice
public class RegistryExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryExceptionHandler.class);

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<ErrorMessage> registry(RegistryException e, HttpServletRequest request) {
        if (e.error().httpStatus() >= 500) {
            log.error("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        } else {
            log.debug("{} {}: {} {}", request.getMethod(), request.getRequestURI(), e.error().code(), e.getMessage());
        }
        return ResponseEntity.status(e.error().httpStatus()).body(new ErrorMessage(e.error().code(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorMessage> unreadable(HttpMessageNotReadableException e) {
        String message = e.getMessage();
        int cut = message == null ? -1 : message.indexOf(" (for Object starting at");
        return generic(HttpStatus.BAD_REQUEST, cut > 0 ? message.substring(0, cut).trim() : message);
    }

    @ExceptionHandler(MalformedRequestException.class)
    ResponseEntity<ErrorMessage> malformed(MalformedRequestException e) {
        return generic(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class, RouteNotFoundException.class})
    ResponseEntity<ErrorMessage> notFound() {
        return generic(HttpStatus.NOT_FOUND, null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorMessage> methodNotAllowed() {
        return generic(HttpStatus.METHOD_NOT_ALLOWED, null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorMessage> unsupportedMediaType() {
        return generic(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorMessage> notAcceptable() {
        return generic(HttpStatus.NOT_ACCEPTABLE, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorMessage> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response && response.getStatusCode().value() < 500) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            return generic(status != null ? status : HttpStatus.BAD_REQUEST, null);
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return generic(HttpStatus.INTERNAL_SERVER_ERROR, null);
    }

    /** {@code {"error_code":status,"message":"HTTP status Reason"}} unless a message is given. */
    static ResponseEntity<ErrorMessage> generic(HttpStatus status, String message) {
        String text = message != null ? message : "HTTP " + status.value() + " " + status.getReasonPhrase();
        return ResponseEntity.status(status).body(new ErrorMessage(status.value(), text));
    }
}
