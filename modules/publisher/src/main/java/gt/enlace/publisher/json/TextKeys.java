package gt.enlace.publisher.json;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds names for case- and accent-insensitive matching, the way a clerk may write a column header:
 * {@code "Número de Registro"}, {@code "numero_de_registro"} and {@code "NUMERODEREGISTRO"} all fold to
 * {@code numeroderegistro}. Dots are kept, so {@code "Child.CUI"} folds to {@code child.cui}.
 */
public final class TextKeys {

    private TextKeys() {
    }

    /** Lower case, accents removed, and everything but letters, digits and dots dropped. */
    public static String fold(String value) {
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(c) || c == '.') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
