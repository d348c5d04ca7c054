package gt.enlace.survey.responses;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.Item;

/**
 * The empty spreadsheet {@code enlace survey template} writes: a header {@code institution,respondent,<item ids>}
 * and one row per institution with only its code filled in.
 */
public final class ResponseCsvTemplate {

    /** The column of the institution code. */
    public static final String INSTITUTION_COLUMN = "institution";

    /** The optional column saying who answered. */
    public static final String RESPONDENT_COLUMN = "respondent";

    private ResponseCsvTemplate() {
    }

    /** The template's text, CRLF line ends. */
    public static String render(Instrument instrument, Collection<String> institutions) {
        List<String> header = new ArrayList<>();
        header.add(INSTITUTION_COLUMN);
        header.add(RESPONDENT_COLUMN);
        instrument.items().stream().map(Item::id).forEach(header::add);
        StringBuilder out = new StringBuilder(Csv.line(header));
        for (String institution : institutions) {
            List<String> row = new ArrayList<>();
            row.add(institution);
            while (row.size() < header.size()) {
                row.add("");
            }
            out.append(Csv.line(row));
        }
        return out.toString();
    }
}
