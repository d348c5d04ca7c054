package gt.enlace.schemas.catalog;

import java.util.Objects;

/**
 * An institution of the catalog's {@code institutions:} list: a principal that may own topics
 * ({@code gt.<code>.*}) and take part in data-sharing agreements.
 *
 * @param code          lower-case identifier, the {@code <institution>} segment of its topic names, e.g. {@code renap}
 * @param acronym       the acronym people use, e.g. {@code RENAP}
 * @param nameEs        official name in Spanish, e.g. {@code Registro Nacional de las Personas}
 * @param nameEn        official name in English, e.g. {@code National Registry of Persons}
 * @param descriptionEs the records it owns, in Spanish
 * @param descriptionEn the records it owns, in English
 */
public record InstitutionDefinition(String code, String acronym, String nameEs, String nameEn,
                                    String descriptionEs, String descriptionEn) {

    /** Rejects null components. */
    public InstitutionDefinition {
        Objects.requireNonNull(code, "'code' cannot be null");
        Objects.requireNonNull(acronym, "'acronym' cannot be null");
        Objects.requireNonNull(nameEs, "'nameEs' cannot be null");
        Objects.requireNonNull(nameEn, "'nameEn' cannot be null");
        Objects.requireNonNull(descriptionEs, "'descriptionEs' cannot be null");
        Objects.requireNonNull(descriptionEn, "'descriptionEn' cannot be null");
    }
}
