package gt.enlace.portal.catalog;

import java.util.List;

/**
 * One row of a schema's field table: a field of the top-level record or, at a dotted path, of a record nested in
 * it ({@code childName.givenNames}).
 *
 * @param path          dotted path from the top-level record, e.g. {@code childName.givenNames}
 * @param name          the field's own name, e.g. {@code givenNames}
 * @param depth         0 for fields of the top-level record, 1 for fields of a record nested in one, ...
 * @param type          the type in words for people, in the page's language, e.g. {@code fecha}, {@code CUI},
 *                      {@code decimal (GTQ)}, {@code lista de valores}
 * @param avroType      the Avro type, compact, e.g. {@code [null, string]} or {@code int (date)}
 * @param required      false when the field (or a record it is nested in) may be null
 * @param doc           the field's {@code doc}, empty when it has none
 * @param allowedValues the symbols of an enum field, in schema order; empty for other types
 * @param identifier    the field's {@code gt.enlace.identifier} ({@code cui}, {@code nit}) or null
 */
public record FieldView(String path, String name, int depth, String type, String avroType, boolean required,
                        String doc, List<String> allowedValues, String identifier) {
}
