package gt.enlace.portal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The portal in a Spring Boot web application: import it ({@code @Import(PortalConfiguration.class)}). It scans
 * {@code gt.enlace.portal} for its controllers, resolves the language from {@code ?lang=} (Spanish by default,
 * remembered in a cookie) and reads its texts from one message bundle per feature under {@code portal/i18n/}.
 * Off with {@code enlace.portal.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = PortalProperties.ENABLED, havingValue = "true", matchIfMissing = true)
@ComponentScan(basePackageClasses = PortalConfiguration.class)
public class PortalConfiguration implements WebMvcConfigurer {

    /** Spanish is the portal's language; English is the only other one. */
    public static final Locale SPANISH = Locale.forLanguageTag("es");

    /** The languages the portal speaks, Spanish first. */
    public static final List<Locale> LANGUAGES = List.of(SPANISH, Locale.ENGLISH);

    /** One bundle per feature, so that features add their texts without touching each other's files. */
    static final String[] BUNDLES = {"portal/i18n/common", "portal/i18n/dashboard", "portal/i18n/survey",
        "portal/i18n/catalog", "portal/i18n/onboarding", "portal/i18n/upload", "portal/i18n/agreements"};

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(BUNDLES);
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(SPANISH);
        return messages;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(PortalProperties.LANGUAGE_COOKIE);
        resolver.setDefaultLocale(SPANISH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // On every path: the catalog's JSON API names field types in the reader's language too.
        registry.addInterceptor(new LanguageInterceptor());
    }
}
