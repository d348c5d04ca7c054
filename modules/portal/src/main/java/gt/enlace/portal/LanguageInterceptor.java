package gt.enlace.portal;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Switches the page language when a request carries {@code ?lang=es} or {@code ?lang=en} (any other value is
 * ignored and the current language kept), and gives every page the model attributes its layout needs:
 * {@code lang} (the current language tag), {@code otherLang} (the one the language link switches to) and, on a
 * secure platform, {@code principal} (who is logged in, shown in the header) and {@code principalRole}.
 */
final class LanguageInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // From the query string only: getParameter would parse a form body, which is the handler's business
        // (and a malformed one would fail here, before the handler can say what is wrong with it).
        String requested = queryParameter(request.getQueryString(), PortalProperties.LANGUAGE_PARAMETER);
        if (requested != null) {
            LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
            Locale chosen = PortalLanguage.supported(requested);
            if (resolver != null && chosen != null) {
                resolver.setLocale(request, response, chosen);
            }
        }
        return true;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView modelAndView) {
        if (modelAndView == null || modelAndView.getViewName() == null
            || modelAndView.getViewName().startsWith("redirect:")) {
            return;
        }
        String lang = language(RequestContextUtils.getLocale(request));
        modelAndView.addObject("lang", lang);
        modelAndView.addObject("otherLang", lang.equals("es") ? "en" : "es");
        String user = request.getRemoteUser();
        if (user != null) {
            modelAndView.addObject("principal", user);
            modelAndView.addObject("principalRole", request.isUserInRole("admin") ? "admin"
                : request.isUserInRole("evaluator") ? "evaluator" : "institution");
        }
    }

    /** The portal language for a locale: {@code en} for English, {@code es} for everything else. */
    static String language(Locale locale) {
        return locale != null && locale.getLanguage().equals("en") ? "en" : "es";
    }

    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }
}
