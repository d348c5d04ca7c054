package gt.enlace.portal.catalog;

import java.util.Locale;

/**
 * What a catalog search asks for; every part is optional and the parts combine with AND.
 *
 * @param text        words that must all appear (case and accents ignored) in the topic's name, descriptions,
 *                    legal basis, owner, or in a field's name or {@code doc}; blank for any
 * @param institution the owner's code or acronym ({@code renap}, {@code SAT}); blank for any
 * @param field       a field the schema must carry: an identifier kind ({@code cui}, {@code nit}), a field name
 *                    ({@code nit}, {@code dateOfBirth}) or one word of a camel-case name ({@code cui} matches
 *                    {@code motherCui}); blank for any
 */
public record CatalogQuery(String text, String institution, String field) {

    /** The longest value each parameter takes; longer input is rejected (API) or cut (pages). */
    public static final int MAX_LENGTH = 100;

    /** Blank parts become empty strings; whitespace is trimmed. */
    public CatalogQuery {
        text = clean(text);
        institution = clean(institution);
        field = clean(field);
    }

    /** A query matching every topic. */
    public static CatalogQuery all() {
        return new CatalogQuery("", "", "");
    }

    /** @return whether no part is set */
    public boolean isEmpty() {
        return text.isEmpty() && institution.isEmpty() && field.isEmpty();
    }

    /**
     * The parameter of a request that is longer than {@link #MAX_LENGTH}, or null when all fit.
     *
     * @param q           the {@code q} parameter
     * @param institution the {@code institution} parameter
     * @param field       the {@code field} parameter
     * @return {@code q}, {@code institution}, {@code field} or null
     */
    public static String tooLong(String q, String institution, String field) {
        if (q != null && q.length() > MAX_LENGTH) {
            return "q";
        }
        if (institution != null && institution.length() > MAX_LENGTH) {
            return "institution";
        }
        if (field != null && field.length() > MAX_LENGTH) {
            return "field";
        }
        return null;
    }

    /** @return the value cut to {@link #MAX_LENGTH} characters, or empty for null */
    public static String cut(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip().replaceAll("\\s+", " ");
    }

    /** @return the field part in lower case */
    String fieldLower() {
        return field.toLowerCase(Locale.ROOT);
    }
}
