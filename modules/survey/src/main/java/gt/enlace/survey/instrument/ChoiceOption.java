package gt.enlace.survey.instrument;

/**
 * An option of a choice item.
 *
 * @param code      lower-case kebab, stable: what responses carry, e.g. {@code web-services}
 * @param score     0–100, what choosing it contributes to the item's score
 * @param exclusive whether it cannot be chosen together with another option (e.g. "none")
 * @param text      what people read
 */
public record ChoiceOption(String code, int score, boolean exclusive, LocalizedText text) {
}
