package gt.enlace.portal;

import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The portal's language outside Spring MVC, for what answers before the dispatcher (the platform's login filter):
 * the same rules as the pages, {@code ?lang=es|en} first, then the {@value PortalProperties#LANGUAGE_COOKIE} cookie,
 * else Spanish; and the texts every page shares ({@code portal/i18n/common}).
 */
public final class PortalLanguage {

    private static final MessageSource COMMON = commonBundle();

    private PortalLanguage() {
    }

    /**
     * The language of a request: {@code ?lang=} when it names one the portal speaks, else the language cookie, else
     * Spanish. Reads the query string only, never a form body.
     */
    public static Locale of(HttpServletRequest request) {
        Locale chosen = supported(LanguageInterceptor.queryParameter(request.getQueryString(),
            PortalProperties.LANGUAGE_PARAMETER));
        if (chosen == null && request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (PortalProperties.LANGUAGE_COOKIE.equals(cookie.getName())) {
                    chosen = supported(cookie.getValue());
                }
            }
        }
        return chosen == null ? PortalConfiguration.SPANISH : chosen;
    }

    /** The language tag of a locale as the pages use it: {@code en} or {@code es}. */
    public static String tag(Locale locale) {
        return LanguageInterceptor.language(locale);
    }

    /** A text of {@code portal/i18n/common} in {@code locale}; the key itself when there is none. */
    public static String common(String key, Locale locale, Object... args) {
        return COMMON.getMessage(key, args, key, locale);
    }

    static Locale supported(String tag) {
        if (tag == null) {
            return null;
        }
        for (Locale language : PortalConfiguration.LANGUAGES) {
            if (language.getLanguage().equalsIgnoreCase(tag.strip())) {
                return language;
            }
        }
        return null;
    }

    private static MessageSource commonBundle() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("portal/i18n/common");
        // Not the thread's context class loader: the first call may come on a servlet container's request thread.
        messages.setBundleClassLoader(PortalLanguage.class.getClassLoader());
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(PortalConfiguration.SPANISH);
        return messages;
    }
}
