package gt.enlace.survey.instrument;

import java.util.Objects;

/**
 * A text in Spanish, the default language of everything people read, and in English.
 *
 * @param es Spanish
 * @param en English
 */
public record LocalizedText(String es, String en) {

    public LocalizedText {
        Objects.requireNonNull(es, "'es' cannot be null");
        Objects.requireNonNull(en, "'en' cannot be null");
    }

    /** The text in {@code lang} ({@code en} for English, Spanish otherwise). */
    public String in(String lang) {
        return "en".equalsIgnoreCase(lang) ? en : es;
    }
}
