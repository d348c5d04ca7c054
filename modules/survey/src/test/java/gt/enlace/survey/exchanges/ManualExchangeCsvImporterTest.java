package gt.enlace.survey.exchanges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.survey.ExchangeMedium;
import gt.enlace.survey.FieldError;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManualExchangeCsvImporterTest {

    private final ManualExchangeCsvImporter importer = new ManualExchangeCsvImporter(new ManualExchangeValidator(
        Set.of("renap", "mineduc", "mspas"), Clock.fixed(Instant.parse("2026-11-26T18:00:00Z"), ZoneOffset.UTC)));

    @Test
    void theTemplateReadsBackAsOneValidDeclaration() throws Exception {
        ManualExchangeCsvImporter.Result result = importer.read(new StringReader(ManualExchangeCsvImporter.template("renap", "mineduc")));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.accepted()).singleElement().satisfies(accepted -> {
            assertThat(accepted.row()).isEqualTo(2);
            assertThat(accepted.exchange().institution()).isEqualTo("renap");
            assertThat(accepted.exchange().counterpart()).isEqualTo("mineduc");
            assertThat(accepted.exchange().records()).isEqualTo(40);
            assertThat(accepted.exchange().medium()).isEqualTo(ExchangeMedium.PAPER);
        });
    }

    @Test
    void aBadRowIsRejectedWithItsRowColumnAndReasonWhileTheValidRowsNextToItAreAccepted() throws Exception {
        String csv = "\uFEFFInstitution;counterpart;records;medium;date;description\n"
            + "renap;mineduc;40;paper;2026-11-20;actas\n"
            + "renap;renap;abc;pigeon;2026-13-01;\n"
            + "\n"
            + "mspas;renap;7;e-mail;2026-11-25;\"=cmd|' /C calc'!A0\"\n"
            + "sat;mineduc;1;usb;2030-01-01;x;extra\n";
        ManualExchangeCsvImporter.Result result = importer.read(new StringReader(csv));

        assertThat(result.accepted()).extracting(ManualExchangeCsvImporter.Accepted::row).containsExactly(2, 5);
        assertThat(result.accepted().get(1).exchange().medium()).isEqualTo(ExchangeMedium.EMAIL);
        assertThat(result.accepted().get(0).exchange().date()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(result.rejected()).extracting(ManualExchangeCsvImporter.Rejection::row).containsExactly(3, 6);
        assertThat(result.rejected().get(0).errors()).extracting(FieldError::path)
            .containsExactlyInAnyOrder("counterpart", "records", "medium", "date");
        assertThat(result.rejected().get(1).errors()).extracting(FieldError::path)
            .contains("(row)", "institution", "date");
    }

    @Test
    void aFileWithoutItsRequiredColumnsOrWithAnUnknownOneIsRefusedNamingThem() {
        assertThatThrownBy(() -> importer.read(new StringReader("")))
            .isInstanceOf(ManualExchangeCsvImporter.CsvFormatException.class).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> importer.read(new StringReader("institution,counterpart,records\nrenap,mineduc,1\n")))
            .isInstanceOf(ManualExchangeCsvImporter.CsvFormatException.class).hasMessageContaining("no medium, date column(s)");
        assertThatThrownBy(() -> importer.read(new StringReader("institution,counterpart,records,medium,date,<script>\n")))
            .isInstanceOf(ManualExchangeCsvImporter.CsvFormatException.class)
            .hasMessageContaining("column 6 '<script>' is not a column of the exchange log");
        assertThatThrownBy(() -> importer.read(new StringReader("institution,counterpart,records,medium,date,date\n")))
            .isInstanceOf(ManualExchangeCsvImporter.CsvFormatException.class).hasMessageContaining("names column 'date' twice");
    }
}
