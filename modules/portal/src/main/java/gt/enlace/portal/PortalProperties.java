package gt.enlace.portal;

/** Configuration keys of the portal, declared once. */
public final class PortalProperties {

    /** Whether the portal's pages are served ({@code true} by default; the platform ties it to the survey role). */
    public static final String ENABLED = "enlace.portal.enabled";

    /** Query parameter that switches the language of every page ({@code es} or {@code en}). */
    public static final String LANGUAGE_PARAMETER = "lang";

    /** Cookie that remembers the chosen language. */
    public static final String LANGUAGE_COOKIE = "enlace-lang";

    private PortalProperties() {
    }
}
