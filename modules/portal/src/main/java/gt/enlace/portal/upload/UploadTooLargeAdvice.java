package gt.enlace.portal.upload;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * An upload over {@value UploadSettings#MAX_SIZE} gets a page that says so (413), not an error page. The multipart
 * request is parsed before any controller is chosen, so this advice cannot be limited to {@link UploadController}.
 */
@ControllerAdvice
class UploadTooLargeAdvice {

    private final UploadRejects rejects;

    UploadTooLargeAdvice(UploadRejects rejects) {
        this.rejects = rejects;
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
