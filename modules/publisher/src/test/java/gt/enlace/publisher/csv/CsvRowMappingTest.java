package gt.enlace.publisher.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.publisher.json.JsonRecordMapper;
import gt.enlace.publisher.json.TextRowMapper;
import gt.enlace.publisher.validation.Violation;
import gt.enlace.publisher.validation.ViolationCodes;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The CSV bridge's compiled row mapper ({@link CsvColumns#rowMapper}): every row maps to the record, and every bad
 * cell to the violation (path, code, message, order), that mapping the row's JSON with the gateway's text-mode mapper
 * gives, which is the contract the rejects file was written against.
 */
class CsvRowMappingTest {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final String AFFILIATES = "gt.igss.affiliate-registered.v1";
    private static final JsonRecordMapper TEXT = JsonRecordMapper.lenientText();

    private record Mapped(CsvColumns columns, TextRowMapper mapper, Schema schema) {

        JsonRecordMapper.Result map(List<String> cells) {
            JsonRecordMapper.Result compiled = mapper.map(cells);
            JsonRecordMapper.Result json = TEXT.map(columns.toJson(cells), schema);
            assertThat(compiled.violations()).as("violations of %s", cells).isEqualTo(json.violations());
            assertThat(compiled.record()).as("record of %s", cells).isEqualTo(json.record());
            return compiled;
        }
    }

    private static Mapped mapped(String topic) {
        Schema schema = CATALOG.topic(topic).orElseThrow().schema();
        CsvColumns columns = CsvColumns.map(CsvTemplate.header(schema), schema, Map.of(), false);
        return new Mapped(columns, columns.rowMapper(TEXT, schema), schema);
    }

    private static List<String> row(String topic, int sample, String column, String cell) {
        Schema schema = CATALOG.topic(topic).orElseThrow().schema();
        List<String> cells = new ArrayList<>(CsvTemplate.row(schema, SampleEvents.sampleFor(topic, sample)));
        cells.set(CsvFiles.column(topic, column), cell);
        return cells;
    }

    private static Violation only(JsonRecordMapper.Result result) {
        assertThat(result.violations()).hasSize(1);
        return result.violations().get(0);
    }

    @Test
    void everySampleOfEveryTopicMapsToTheRecordItCameFrom() {
        for (TopicDefinition topic : CATALOG.topics()) {
            Mapped mapped = mapped(topic.name());
            for (int i = 0; i < 30; i++) {
                SpecificRecord sample = SampleEvents.sampleFor(topic.name(), i);
                JsonRecordMapper.Result result = mapped.map(CsvTemplate.row(topic.schema(), sample));
                assertThat(result.violations()).as(topic.name() + " #" + i).isEmpty();
                assertThat(result.record()).as(topic.name() + " #" + i).isEqualTo(sample);
            }
        }
    }

    @Test
    void aBlankOptionalCellIsNullAndABlankRequiredCellIsRequired() {
        Mapped births = mapped(BIRTHS);
        IndexedRecord record = births.map(row(BIRTHS, 1, "book", "   ")).record();
        assertThat(((BirthRegistered) record).getBook()).isNull();

        Violation required = only(births.map(row(BIRTHS, 1, "registrationNumber", " \t ")));
        assertThat(required.path()).isEqualTo("$.registrationNumber");
        assertThat(required.code()).isEqualTo(ViolationCodes.REQUIRED);
        assertThat(required.message()).startsWith("a value is required");
    }

    @Test
    void cellsAreStrippedAndWholeNumbersMayCarrySpacesSignsAndZeroDecimals() {
        Mapped births = mapped(BIRTHS);
        for (String cell : List.of(" 12 ", "007", "-0", "+5", "1,0", "12.00", "2147483647")) {
            assertThat(births.map(row(BIRTHS, 2, "book", cell)).violations()).as(cell).isEmpty();
        }
        assertThat(((BirthRegistered) births.map(row(BIRTHS, 2, "registrationNumber", "  R-1  ")).record())
            .getRegistrationNumber()).isEqualTo("R-1");
    }

    @Test
    void aBadNumberNamesTheValueAndWhy() {
        Mapped births = mapped(BIRTHS);
        Violation word = only(births.map(row(BIRTHS, 2, "book", "ciento")));
        assertThat(word.path()).isEqualTo("$.book");
        assertThat(word.code()).isEqualTo(ViolationCodes.INVALID_NUMBER);
        assertThat(word.message()).contains("'ciento' is not a number");
        assertThat(only(births.map(row(BIRTHS, 2, "book", "12.5"))).message()).isEqualTo("12.5 is not a whole number");
        assertThat(only(births.map(row(BIRTHS, 2, "book", "2147483648"))).message()).contains("does not fit");
        for (String cell : List.of("-", "--1", "1-", "١٢", "1e3", "0x10", "99999999999999999999")) {
            births.map(row(BIRTHS, 2, "book", cell));
        }
    }

    @Test
    void datesAreIsoOrDayFirstAndABadDateIsInvalidDate() {
        Mapped births = mapped(BIRTHS);
        assertThat(((BirthRegistered) births.map(row(BIRTHS, 3, "dateOfBirth", "1/2/2026")).record()).getDateOfBirth())
            .isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(((BirthRegistered) births.map(row(BIRTHS, 3, "dateOfBirth", "29/02/2024")).record()).getDateOfBirth())
            .isEqualTo(LocalDate.of(2024, 2, 29));
        Violation bad = only(births.map(row(BIRTHS, 3, "dateOfBirth", "31/02/2026")));
        assertThat(bad.path()).isEqualTo("$.dateOfBirth");
        assertThat(bad.code()).isEqualTo(ViolationCodes.INVALID_DATE);
        assertThat(bad.message()).isEqualTo("'31/02/2026' is not a date: expected yyyy-MM-dd or dd/mm/yyyy, e.g. 2026-11-20");
        for (String cell : List.of("2026-13-01", "hoy", "1/2/26", "001/2/2026", "1//2026", "/1/2026", "-1/2/2026",
            "2026-1-5", "+2026-01-05", "0000-01-01", "1/2/0000", " 2026-02-01 ")) {
            births.map(row(BIRTHS, 3, "dateOfBirth", cell));
        }
    }

    @Test
    void timestampsAndTimesReadTheFormsTheJsonMapperReads() {
        Mapped births = mapped(BIRTHS);
        assertThat(((BirthRegistered) births.map(row(BIRTHS, 4, "registeredAt", "2026-11-20 14:35")).record()).getRegisteredAt())
            .isEqualTo(Instant.parse("2026-11-20T20:35:00Z"));
        assertThat(((BirthRegistered) births.map(row(BIRTHS, 4, "timeOfBirth", "07:05")).record()).getTimeOfBirth())
            .isEqualTo(LocalTime.of(7, 5));
        assertThat(only(births.map(row(BIRTHS, 4, "registeredAt", "ayer"))).code()).isEqualTo(ViolationCodes.INVALID_TIMESTAMP);
        assertThat(only(births.map(row(BIRTHS, 4, "timeOfBirth", "25:00"))).code()).isEqualTo(ViolationCodes.INVALID_TIME);
        for (String cell : List.of("2026-11-20T14:35:00Z", "2026-11-20T14:35:00.123-06:00", "2026-11-20T14:35:07",
            "2026-11-20 24:00", "2026-11-20 14:60:00", "2026-11-20t14:35", "20/11/2026 14:35", "20/11/2026",
            "2026-11-20T14:35:00.5", "1732120500000")) {
            births.map(row(BIRTHS, 4, "registeredAt", cell));
        }
        for (String cell : List.of("7:05", "07:05:09", "07:05:09.250", "23:59:60")) {
            births.map(row(BIRTHS, 4, "timeOfBirth", cell));
        }
    }

    @Test
    void enumSymbolsMatchIgnoringCaseAndAccentsAndABadSymbolListsTheSymbols() {
        Mapped births = mapped(BIRTHS);
        assertThat(births.map(row(BIRTHS, 5, "sex", "female")).violations()).isEmpty();
        assertThat(births.map(row(BIRTHS, 5, "sex", "Fémale")).violations()).isEmpty();
        Violation bad = only(births.map(row(BIRTHS, 5, "sex", "MUJER")));
        assertThat(bad.path()).isEqualTo("$.sex");
        assertThat(bad.code()).isEqualTo(ViolationCodes.INVALID_ENUM);
        assertThat(bad.message()).isEqualTo("'MUJER' is not one of [FEMALE, MALE]");
    }

    @Test
    void formulaInjectionTextIsKeptVerbatim() {
        Mapped births = mapped(BIRTHS);
        for (String formula : List.of("=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
            "\t=1", "'=1")) {
            BirthRegistered record = (BirthRegistered) births.map(row(BIRTHS, 6, "facilityName", formula)).record();
            assertThat(record.getFacilityName()).isEqualTo(formula.strip());
        }
    }

    @Test
    void anOversizedCellMakesTheEventTooLargeAfterItsOtherViolations() {
        Mapped births = mapped(BIRTHS);
        List<String> cells = row(BIRTHS, 7, "facilityName", "x".repeat(JsonRecordMapper.DEFAULT_MAX_TEXT_CHARS + 1));
        cells.set(CsvFiles.column(BIRTHS, "book"), "uno");
        List<Violation> violations = births.map(cells).violations();
        assertThat(violations).extracting(Violation::code).containsExactly(ViolationCodes.INVALID_NUMBER, ViolationCodes.TOO_LARGE);
        assertThat(violations.get(1).path()).isEqualTo("$");
        assertThat(violations.get(1).message()).contains("characters of text; the limit is " + JsonRecordMapper.DEFAULT_MAX_TEXT_CHARS);
    }

    @Test
    void nestedRecordsAreMissingWhenAllTheirCellsAreBlankAndOtherwiseNeedTheirRequiredCells() {
        Mapped births = mapped(BIRTHS);
        Schema schema = births.schema();
        List<String> header = CsvTemplate.header(schema);
        List<String> cells = new ArrayList<>(CsvTemplate.row(schema, SampleEvents.sampleFor(BIRTHS, 8)));
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("fatherName.") || header.get(i).equals("fatherCui")) {
                cells.set(i, "");
            }
        }
        assertThat(((BirthRegistered) births.map(cells).record()).getFatherName()).isNull();

        cells.set(header.indexOf("fatherName.secondSurname"), "Xicará");
        Violation partly = births.map(cells).violations().get(0);
        assertThat(partly.path()).startsWith("$.fatherName.");
        assertThat(partly.code()).isEqualTo(ViolationCodes.REQUIRED);

        List<String> noChild = new ArrayList<>(CsvTemplate.row(schema, SampleEvents.sampleFor(BIRTHS, 8)));
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("childName.")) {
                noChild.set(i, " ");
            }
        }
        Violation child = only(births.map(noChild));
        assertThat(child.path()).isEqualTo("$.childName");
        assertThat(child.code()).isEqualTo(ViolationCodes.REQUIRED);
    }

    @Test
    void severalBadCellsAreReportedInSchemaOrderAndShortRowsMissTheirLastCells() {
        Mapped births = mapped(BIRTHS);
        List<String> cells = row(BIRTHS, 9, "sex", "X");
        cells.set(CsvFiles.column(BIRTHS, "registrationNumber"), "");
        cells.set(CsvFiles.column(BIRTHS, "dateOfBirth"), "ayer");
        assertThat(births.map(cells).violations()).extracting(Violation::path)
            .containsExactly("$.registrationNumber", "$.sex", "$.dateOfBirth");
        births.map(cells.subList(0, 5));
        births.map(List.of());
        List<String> longer = new ArrayList<>(CsvTemplate.row(births.schema(), SampleEvents.sampleFor(BIRTHS, 9)));
        longer.add("extra");
        assertThat(births.map(longer).violations()).isEmpty();
    }

    @Test
    void aBadValueInARequiredWholeNumberFieldIsAViolationNotAnException() {
        String companies = "gt.rm.company-registered.v1";
        Mapped mapped = mapped(companies);
        Violation bad = only(mapped.map(row(companies, 1, "book", "libro 4")));
        assertThat(bad.path()).isEqualTo("$.book");
        assertThat(bad.code()).isEqualTo(ViolationCodes.INVALID_NUMBER);
        assertThat(only(mapped.map(row(companies, 1, "book", ""))).code()).isEqualTo(ViolationCodes.REQUIRED);
    }

    @Test
    void decimalsInQuetzalesTakeADecimalCommaAndRefuseMoreDecimalsThanTheScale() {
        Mapped affiliates = mapped(AFFILIATES);
        IndexedRecord record = affiliates.map(row(AFFILIATES, 1, "monthlySalary", "4250,5")).record();
        assertThat(record.get(record.getSchema().getField("monthlySalary").pos())).isEqualTo(new BigDecimal("4250.50"));
        assertThat(only(affiliates.map(row(AFFILIATES, 1, "monthlySalary", "4250.505"))).code())
            .isEqualTo(ViolationCodes.DECIMAL_SCALE);
        assertThat(only(affiliates.map(row(AFFILIATES, 1, "monthlySalary", "Q4,250"))).code())
            .isEqualTo(ViolationCodes.INVALID_NUMBER);
        for (String cell : List.of("1.234,50", "1,234.50", "-0", "1e2", "999999999999999")) {
            affiliates.map(row(AFFILIATES, 1, "monthlySalary", cell));
        }
    }

    @Test
    void compilingRefusesAPathThatIsNotALeafAndAMapperThatIsNotForText() {
        Schema schema = CATALOG.topic(BIRTHS).orElseThrow().schema();
        assertThatThrownBy(() -> TEXT.textRows(schema, Arrays.asList("registrationNumber", "childName.nickname")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("childName.nickname");
        assertThatThrownBy(() -> TEXT.textRows(schema, Arrays.asList("book", "book")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("book");
        assertThatThrownBy(() -> JsonRecordMapper.strict().textRows(schema, List.of("book")))
            .isInstanceOf(IllegalStateException.class);
    }
}
