package gt.enlace.survey.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.util.List;
import java.util.Set;

import gt.enlace.survey.FieldError;
import gt.enlace.survey.SurveyError;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentLoader;
import org.junit.jupiter.api.Test;

class ResponseCsvImporterTest {

    static final Instrument V1 = InstrumentLoader.loadDefault();
    static final Set<String> INSTITUTIONS = Set.of("renap", "sat", "mineduc", "mspas");
    static final String HEADER = "institution,respondent,std.guidelines,std.data-catalog,std.identifiers,std.formats,"
            + "exc.main-medium,exc.media,exc.digital-share,exc.automated,sec.legal-basis,sec.agreements,"
            + "sec.confidentiality,sec.barriers,cap.staff,cap.training,cap.infrastructure,cap.budget,col.strategy,"
            + "col.partners,col.forums,col.contact-point\r\n";
    /** A complete valid row after the institution and respondent cells. */
    static final String ANSWERS = "0,no,2,none,paper,email|usb,1,no,2,no,1,legal|confidentiality,one,1,2,no,no,"
            + "two-to-three,1,yes";

    private final ResponseCsvImporter importer = new ResponseCsvImporter(V1, INSTITUTIONS);

    private ResponseCsvImporter.Result read(String csv) throws Exception {
        return importer.read(new StringReader(csv), "2025-baseline");
    }

    @Test
    void theTemplateHasOneRowPerInstitutionAndAColumnPerItem() throws Exception {
        String template = ResponseCsvTemplate.render(V1, List.of("renap", "sat"));
        assertThat(template).startsWith(HEADER).endsWith("sat" + ",".repeat(21) + "\r\n");
        assertThat(template.lines()).hasSize(3);
        // An empty template is a file of rows that each miss every required item.
        ResponseCsvImporter.Result result = read(template);
        assertThat(result.accepted()).isEmpty();
        assertThat(result.rejected()).extracting(ResponseCsvImporter.Rejection::row).containsExactly(2, 3);
        assertThat(result.rejected().get(0).errors()).extracting(FieldError::error).containsOnly(SurveyError.MISSING_REQUIRED);
    }

    @Test
    void validRowsAreAcceptedWithCanonicalAnswersInInstrumentOrder() throws Exception {
        ResponseCsvImporter.Result result = read(HEADER + "RENAP,Dirección de Informática," + ANSWERS + "\r\n"
                + " sat ,,\"0\",Sí,2,,Paper,,1,No,2,no,1,,one,1,2,,no,two-to-three,,\r\n");
        assertThat(result.rejected()).isEmpty();
        assertThat(result.accepted()).extracting(a -> a.row(), a -> a.response().institution())
                .containsExactly(tuple(2, "renap"), tuple(3, "sat"));
        ValidatedResponse sat = result.accepted().get(1).response();
        assertThat(sat.answers()).containsEntry("std.data-catalog", "yes").containsEntry("exc.main-medium", "paper")
                .doesNotContainKey("std.formats");
        assertThat(sat.respondent()).isNull();
        assertThat(result.accepted().get(0).response().answers().keySet()).startsWith("std.guidelines", "std.data-catalog");
        assertThat(result.accepted().get(0).response().respondent()).isEqualTo("Dirección de Informática");
    }

    @Test
    void eachBadRowIsRejectedWithRowColumnAndReasonWhileGoodRowsPass() throws Exception {
        String csv = HEADER
                + "renap,," + ANSWERS + "\r\n"                                   // row 2: fine
                + "mingob,," + ANSWERS + "\r\n"                                  // row 3: unknown institution
                + "sat,," + ANSWERS.replaceFirst("^0,", "7,") + "\r\n"          // row 4: out of range
                + "mspas,," + ANSWERS.replaceFirst("^0,no,", ",no,") + "\r\n"   // row 5: missing required
                + "\r\n"                                                          // row 6: blank, skipped
                + "renap,," + ANSWERS + "\r\n"                                   // row 7: duplicate
                + "mineduc,," + ANSWERS.replace(",paper,", ",fax,") + ",extra\r\n"; // row 8: bad option, extra cell
        ResponseCsvImporter.Result result = read(csv);
        assertThat(result.accepted()).extracting(ResponseCsvImporter.Accepted::row).containsExactly(2);
        assertThat(result.rejected()).extracting(ResponseCsvImporter.Rejection::row).containsExactly(3, 4, 5, 7, 8);
        assertThat(result.rejected().get(0).errors()).extracting(FieldError::path, FieldError::error)
                .containsExactly(tuple("institution", SurveyError.UNKNOWN_INSTITUTION));
        assertThat(result.rejected().get(1).errors()).extracting(FieldError::path, FieldError::error, FieldError::message)
                .containsExactly(tuple("std.guidelines", SurveyError.OUT_OF_RANGE, "7 is out of range; expected 0 to 4"));
        assertThat(result.rejected().get(2).errors()).extracting(FieldError::path, FieldError::error)
                .containsExactly(tuple("std.guidelines", SurveyError.MISSING_REQUIRED));
        assertThat(result.rejected().get(3).errors()).extracting(FieldError::path, FieldError::error, FieldError::message)
                .containsExactly(tuple("institution", SurveyError.DUPLICATE_INSTITUTION, "'renap' already answered in row 2"));
        assertThat(result.rejected().get(4).errors()).extracting(FieldError::path, FieldError::error)
                .containsExactly(tuple("(row)", SurveyError.INVALID_FIELD), tuple("exc.main-medium", SurveyError.OUT_OF_RANGE));
    }

    @Test
    void aValueUnderAnUnknownColumnRejectsTheRowButAnEmptyOneDoesNot() throws Exception {
        String header = HEADER.replace("\r\n", ",std.favourite-colour\r\n");
        ResponseCsvImporter.Result result = read(header + "renap,," + ANSWERS + ",\r\n" + "sat,," + ANSWERS + ",blue\r\n");
        assertThat(result.unknownColumns()).containsExactly("std.favourite-colour");
        assertThat(result.accepted()).extracting(ResponseCsvImporter.Accepted::row).containsExactly(2);
        assertThat(result.rejected().get(0).errors()).extracting(FieldError::path, FieldError::error)
                .containsExactly(tuple("std.favourite-colour", SurveyError.UNKNOWN_ITEM));
    }

    @Test
    void spreadsheetsFromASpanishLocaleWithSemicolonsQuotesAndABomAreRead() throws Exception {
        String csv = "\uFEFF" + HEADER.replace(',', ';') + "renap;\"Unidad de Informática; RENAP\";"
                + ANSWERS.replace(',', ';') + "\n";
        ResponseCsvImporter.Result result = read(csv);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.accepted().get(0).response().respondent()).isEqualTo("Unidad de Informática; RENAP");
    }

    @Test
    void aFileWithoutAnInstitutionColumnOrWithADuplicateColumnIsUnusable() {
        assertThatThrownBy(() -> read("std.guidelines\r\n2\r\n"))
                .isInstanceOf(ResponseCsvImporter.CsvFormatException.class)
                .hasMessageContaining("no 'institution' column");
        assertThatThrownBy(() -> read("institution,std.guidelines,STD.GUIDELINES\r\n"))
                .hasMessageContaining("names column 'std.guidelines' twice (columns 2 and 3)");
        assertThatThrownBy(() -> read("")).hasMessageContaining("the file is empty");
    }
}
