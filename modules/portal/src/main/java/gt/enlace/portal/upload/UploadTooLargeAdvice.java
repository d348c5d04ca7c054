package gt.enlace.portal.upload;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * An upload over {@value UploadSettings#MAX_SIZE} gets a page that says so (413), not an error page, and a request
 * whose multipart body cannot be parsed (no browser sends one: a broken client or a hostile one) gets a 400 that
 * says so, not a 500. The multipart request is parsed before any controller is chosen, so this advice cannot be
 * limited to {@link UploadController}.
 */
@ControllerAdvice
class UploadTooLargeAdvice {

    private final UploadRejects rejects;

    UploadTooLargeAdvice(UploadRejects rejects) {
        this.rejects = rejects;
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<String> malformed(MultipartException e, HttpServletRequest request) {
        boolean english = RequestContextUtils.getLocale(request).getLanguage().equals("en");
        String message = english
            ? "The upload could not be read: the request is not a well-formed multipart/form-data body. Send the file "
                + "from the upload form, or as a multipart field named 'file'."
            : "No se pudo leer la carga: la solicitud no es un cuerpo multipart/form-data bien formado. Envíe el archivo "
                + "desde el formulario de carga, o como un campo multipart llamado 'file'.";
        return ResponseEntity.badRequest().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(message);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("portal/upload-too-large");
        page.setStatus(HttpStatus.PAYLOAD_TOO_LARGE);
        page.addObject("maxSizeMb", rejects.maxSize().toMegabytes());
        String lang = RequestContextUtils.getLocale(request).getLanguage().equals("en") ? "en" : "es";
        page.addObject("lang", lang);
        page.addObject("otherLang", lang.equals("es") ? "en" : "es");
        return page;
    }
}
