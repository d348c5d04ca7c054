package gt.enlace.publisher.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.publisher.MockPublishers;
import gt.enlace.renap.BirthRegistered;
import gt.enlace.schemas.samples.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBridgeTest {

    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private final MockPublishers.Mock mock = MockPublishers.forInstitution("renap");
    private final CsvProgressStore progress = CsvProgressStore.inMemory();
    private final CsvBridge bridge = new CsvBridge(mock.publisher(), progress);
    private final List<CsvProgress> updates = new ArrayList<>();

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private CsvResult publish(Path file) {
        return bridge.publish(file, CsvOptions.forTopic(BIRTHS), updates::add);
    }

    private List<Object> values() {
        return mock.producer().history().stream().map(ProducerRecord::value).toList();
    }

    @Test
    void publishesEveryRowAsTheSampleItCameFromWithTheCsvBridgeChannel() throws IOException {
        Path file = write("births.csv", CsvFiles.csv(BIRTHS, ',', 0, 25, r -> r).getBytes(StandardCharsets.UTF_8));
        CsvResult result = publish(file);
        assertThat(result.rowsRead()).isEqualTo(25);
        assertThat(result.published()).isEqualTo(25);
        assertThat(result.rejected()).isZero();
        assertThat(result.rejectsFile()).isNull();
        assertThat(values()).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25)
            .mapToObj(i -> (Object) SampleEvents.sampleFor(BIRTHS, i)).toList());
        EventHeaders headers = EventHeaders.parse(mock.producer().history().get(0).headers());
        assertThat(headers.channel()).isEqualTo(Channel.CSV_BRIDGE);
        assertThat(headers.id()).isEqualTo(CsvEventIds.eventId(BIRTHS, result.sha256(), 2));
        assertThat(updates).isNotEmpty();
    }

    @Test
    void readsABomSemicolonFileWithDayFirstDatesQuotedNewlinesAndBlankTrailingLines() throws IOException {
        int date = CsvFiles.column(BIRTHS, "dateOfBirth");
        int facility = CsvFiles.column(BIRTHS, "facilityName");
        String text = CsvFiles.csv(BIRTHS, ';', 0, 3, r -> {
            LocalDate d = LocalDate.parse(r.get(date));
            r.set(date, String.format("%02d/%02d/%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear()));
            r.set(facility, "Hospital; Sala 3\nCama 12");
            return r;
        }) + "\r\n\r\n;;\r\n";
        Path file = write("births.csv", concat(BOM, text.getBytes(StandardCharsets.UTF_8)));
        CsvResult result = publish(file);
        assertThat(result.delimiter()).isEqualTo(';');
        assertThat(result.rowsRead()).isEqualTo(3);
        assertThat(result.published()).isEqualTo(3);
        BirthRegistered first = (BirthRegistered) values().get(0);
        assertThat(first.getDateOfBirth()).isEqualTo(((BirthRegistered) SampleEvents.sampleFor(BIRTHS, 0)).getDateOfBirth());
        assertThat(first.getFacilityName()).isEqualTo("Hospital; Sala 3\nCama 12");
    }

    @Test
    void readsWindows1252AccentsAndMatchesHeadersIgnoringCaseAndAccents() throws IOException {
        int given = CsvFiles.column(BIRTHS, "childName.givenNames");
        String text = CsvFiles.csv(BIRTHS, ',', 0, 2, r -> {
            r.set(given, "José Ñoño");
            return r;
        }).replaceFirst("registrationNumber", "Registration Númber").replaceFirst("childName\\.givenNames", "CHILDNAME.GIVEN_NAMES");
        Path file = write("births.csv", text.getBytes(FileFacts.WINDOWS_1252));
        CsvResult result = publish(file);
        assertThat(result.charset()).isEqualTo(FileFacts.WINDOWS_1252);
        assertThat(result.published()).isEqualTo(2);
        assertThat(((BirthRegistered) values().get(0)).getChildName().getGivenNames()).isEqualTo("José Ñoño");
    }

    @Test
    void readsUtf16WithItsByteOrderMark() throws IOException {
        String text = "\uFEFF" + CsvFiles.csv(BIRTHS, '\t', 0, 2, r -> r);
        CsvResult result = publish(write("births.csv", text.getBytes(StandardCharsets.UTF_16LE)));
        assertThat(result.charset()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(result.delimiter()).isEqualTo('\t');
        assertThat(result.published()).isEqualTo(2);
    }

    @Test
    void writesRejectedRowsWithRowColumnAndReasonAndPublishesTheRest() throws IOException {
        int cui = CsvFiles.column(BIRTHS, "childCui");
        int[] row = {0};
        String text = CsvFiles.csv(BIRTHS, ',', 0, 4, r -> {
            if (row[0]++ == 2) {
                r.set(cui, "1680352240101");
            }
            return r;
        });
        Path file = write("births.csv", text.getBytes(StandardCharsets.UTF_8));
        CsvResult result = publish(file);
        assertThat(result.published()).isEqualTo(3);
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(result.rejectsFile()).isEqualTo(dir.resolve("births.rejects.csv"));
        List<String> lines = Files.readAllLines(result.rejectsFile(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("\uFEFFrow,line,column,code,reason,registrationNumber");
        assertThat(lines.get(1)).startsWith("4,4,childCui,CUI_CHECK_DIGIT,");
    }

    @Test
    void publishesAFormulaVerbatimAndNeutralizesItInTheRejectsFile() throws IOException {
        int given = CsvFiles.column(BIRTHS, "childName.givenNames");
        int cui = CsvFiles.column(BIRTHS, "childCui");
        int[] row = {0};
        String formula = "=cmd|' /C calc'!A0";
        String text = CsvFiles.csv(BIRTHS, ',', 0, 2, r -> {
            r.set(given, formula);
            if (row[0]++ == 1) {
                r.set(cui, "123");
            }
            return r;
        });
        CsvResult result = publish(write("births.csv", text.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.published()).isEqualTo(1);
        assertThat(((BirthRegistered) values().get(0)).getChildName().getGivenNames()).isEqualTo(formula);
        String rejects = Files.readString(result.rejectsFile(), StandardCharsets.UTF_8);
        assertThat(rejects).contains("'" + formula).doesNotContain("," + formula);
    }

    @Test
    void aReRunOfTheSameFilePublishesNothingNew() throws IOException {
        Path file = write("births.csv", CsvFiles.csv(BIRTHS, ',', 0, 30, r -> r).getBytes(StandardCharsets.UTF_8));
        bridge.publish(file, CsvOptions.forTopic(BIRTHS).withChunkRows(7), updates::add);
        CsvResult again = bridge.publish(file, CsvOptions.forTopic(BIRTHS).withChunkRows(7), updates::add);
        assertThat(again.published()).isZero();
        assertThat(again.alreadyPublished()).isEqualTo(30);
        assertThat(mock.producer().history()).hasSize(30);
    }

    @Test
    void rowsReadAheadOnAnotherThreadArePublishedAndRejectedInFileOrderAcrossManyBatches() throws IOException {
        int cui = CsvFiles.column(BIRTHS, "childCui");
        int[] row = {0};
        String text = CsvFiles.csv(BIRTHS, ',', 0, 1_000, r -> {
            if (row[0]++ % 97 == 5) {
                r.set(cui, "1680352240101");
            }
            return r;
        });
        Path file = write("births.csv", text.getBytes(StandardCharsets.UTF_8));
        CsvResult result = bridge.publish(file, CsvOptions.forTopic(BIRTHS).withChunkRows(300), updates::add);
        assertThat(result.rowsRead()).isEqualTo(1_000);
        assertThat(result.rejected()).isEqualTo(11);
        assertThat(result.published()).isEqualTo(989);
        List<String> ids = mock.producer().history().stream()
            .map(r -> EventHeaders.parse(r.headers()).id()).toList();
        List<String> expected = java.util.stream.IntStream.range(0, 1_000).filter(i -> i % 97 != 5)
            .mapToObj(i -> CsvEventIds.eventId(BIRTHS, result.sha256(), i + 2)).toList();
        assertThat(ids).containsExactlyElementsOf(expected);
        List<String> rejectedRows = Files.readAllLines(result.rejectsFile(), StandardCharsets.UTF_8).stream().skip(1)
            .map(line -> line.substring(0, line.indexOf(','))).toList();
        assertThat(rejectedRows).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1_000).filter(i -> i % 97 == 5)
            .mapToObj(i -> Integer.toString(i + 2)).toList());
        CsvResult again = bridge.publish(file, CsvOptions.forTopic(BIRTHS).withChunkRows(300), updates::add);
        assertThat(again.published()).isZero();
        assertThat(again.alreadyPublished()).isEqualTo(989);
        assertThat(again.rejected()).isEqualTo(11);
    }

    @Test
    void anUnterminatedQuoteAfterManyRowsIsAFileErrorAndTheRowsBeforeItAreNotLost() throws IOException {
        String text = CsvFiles.csv(BIRTHS, ',', 0, 600, r -> r) + "\"never closed,1,2\r\n";
        Path file = write("births.csv", text.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> bridge.publish(file, CsvOptions.forTopic(BIRTHS).withChunkRows(100), updates::add))
            .isInstanceOf(CsvFileException.class)
            .hasMessageContaining("fix the quote and re-run");
        assertThat(mock.producer().history()).hasSize(600);
        String sha = FileFacts.scan(file).sha256();
        assertThat(progress.find(BIRTHS, sha)).get().extracting(CsvProgressStore.Marker::rowsDone).isEqualTo(601L);
    }

    @Test
    void aRunCutShortResumesAfterTheLastMarker() throws IOException {
        Path file = write("births.csv", CsvFiles.csv(BIRTHS, ',', 0, 30, r -> r).getBytes(StandardCharsets.UTF_8));
        String sha = FileFacts.scan(file).sha256();
        progress.save(new CsvProgressStore.Marker(BIRTHS, sha, "births.csv", 11, false, 10, 0, "2026-11-26T12:00:00Z"));
        CsvResult result = publish(file);
        assertThat(result.alreadyPublished()).isEqualTo(10);
        assertThat(result.published()).isEqualTo(20);
        assertThat(EventHeaders.parse(mock.producer().history().get(0).headers()).id()).isEqualTo(CsvEventIds.eventId(BIRTHS, sha, 12));
    }

    @Test
    void mapsAColumnExplicitly() throws IOException {
        String text = CsvFiles.csv(BIRTHS, ',', 0, 2, r -> r).replaceFirst("registrationNumber", "partida");
        Path file = write("births.csv", text.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> publish(file)).isInstanceOf(CsvFileException.class).hasMessageContaining("'partida'");
        CsvResult result = bridge.publish(file, CsvOptions.forTopic(BIRTHS).withColumn("Partida", "registrationNumber"), updates::add);
        assertThat(result.published()).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotCsvGetsOneClearError() throws IOException {
        Path xlsx = write("births.xlsx", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0});
        assertThatThrownBy(() -> publish(xlsx)).isInstanceOf(CsvFileException.class).hasMessageContaining("xlsx");
        Path binary = write("photo.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        assertThatThrownBy(() -> publish(binary)).isInstanceOf(CsvFileException.class).hasMessageContaining("binary");
        Path prose = write("letter.csv", "Estimados señores:\nAdjunto el listado.\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> publish(prose)).isInstanceOf(CsvFileException.class).hasMessageContaining("no column of the header");
        Path empty = write("empty.csv", BOM);
        assertThatThrownBy(() -> publish(empty)).isInstanceOf(CsvFileException.class).hasMessageContaining("empty");
    }

    @Test
    void rejectsRowsWithInvalidUtf8WhenUtf8IsForced() throws IOException {
        int given = CsvFiles.column(BIRTHS, "childName.givenNames");
        int[] row = {0};
        String text = CsvFiles.csv(BIRTHS, ',', 0, 3, r -> {
            if (row[0]++ == 1) {
                r.set(given, "JOSE_PLACEHOLDER");
            }
            return r;
        });
        // Row 2 is written in Latin-1 inside an otherwise UTF-8 file: é becomes the lone byte 0xE9.
        byte[] bytes = text.replace("JOSE_PLACEHOLDER", "Jos\u00e9").getBytes(StandardCharsets.UTF_8);
        String utf8 = new String(bytes, StandardCharsets.ISO_8859_1).replace("Jos\u00c3\u00a9", "Jos\u00e9");
        bytes = utf8.getBytes(StandardCharsets.ISO_8859_1);
        Path file = write("births.csv", bytes);
        CsvResult result = bridge.publish(file, CsvOptions.forTopic(BIRTHS).withCharset(StandardCharsets.UTF_8), updates::add);
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(Files.readString(result.rejectsFile())).contains("INVALID_TEXT").contains("childName.givenNames");
        assertThat(result.published()).isEqualTo(2);
    }

    @Test
    void aTenMegabyteCellRejectsItsRowOnly() throws IOException {
        int facility = CsvFiles.column(BIRTHS, "facilityName");
        int[] row = {0};
        String text = CsvFiles.csv(BIRTHS, ',', 0, 3, r -> {
            if (row[0]++ == 0) {
                r.set(facility, "x".repeat(10 * 1024 * 1024));
            }
            return r;
        });
        CsvResult result = publish(write("births.csv", text.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(result.published()).isEqualTo(2);
        assertThat(Files.readAllLines(result.rejectsFile()).get(1)).contains("TOO_LARGE").contains("facilityName");
    }

    @Test
    void missingRequiredValuesAndWrongTypesAreRejectedPerColumn() throws IOException {
        int number = CsvFiles.column(BIRTHS, "registrationNumber");
        int book = CsvFiles.column(BIRTHS, "book");
        String text = CsvFiles.csv(BIRTHS, ',', 0, 1, r -> {
            r.set(number, "");
            r.set(book, "ciento");
            return r;
        });
        CsvResult result = publish(write("births.csv", text.getBytes(StandardCharsets.UTF_8)));
        assertThat(result.rejected()).isEqualTo(1);
        String rejects = Files.readString(result.rejectsFile());
        assertThat(rejects).contains(",registrationNumber,REQUIRED,").contains(",book,INVALID_NUMBER,");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
