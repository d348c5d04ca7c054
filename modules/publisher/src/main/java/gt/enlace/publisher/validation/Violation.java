package gt.enlace.publisher.validation;

import java.util.Objects;

/**
 * One reason a record, JSON document or CSV row cannot be published.
 *
 * @param path    where, as a JSON path from the event's root: {@code $.childCui}, {@code $.childName.givenNames},
 *                or with the element of a batch: {@code $[3].placeOfBirth.municipalityCode}
 * @param code    stable code, one of {@link ViolationCodes} or an identifier code of
 *                {@link gt.enlace.bus.identifiers.IdentifierError}, e.g. {@code CUI_CHECK_DIGIT}
 * @param message what is wrong and what was expected, in words a person can act on
 */
public record Violation(String path, String code, String message) {

    public Violation {
        Objects.requireNonNull(path, "'path' cannot be null");
        Objects.requireNonNull(code, "'code' cannot be null");
        Objects.requireNonNull(message, "'message' cannot be null");
    }

    /** The same violation under another root, e.g. {@code $.childCui} under {@code $[2]} is {@code $[2].childCui}. */
    public Violation under(String prefix) {
        return new Violation(prefix + path.substring(1), code, message);
    }

    @Override
    public String toString() {
        return path + ": " + code + ": " + message;
    }
}
