package gt.enlace.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import gt.enlace.bus.headers.Channel;
import gt.enlace.bus.headers.EventHeaders;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.publisher.csv.CsvProgressStore;
import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.publisher.csv.KafkaCsvProgressStore;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.samples.SampleEvents;
import gt.enlace.serde.KafkaAvroDeserializer;
import gt.enlace.serde.KafkaAvroSerDeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The CSV upload page in a real browser over a real platform: a clerk uploads a spreadsheet with good and bad rows,
 * sees the summary and each rejected row with its row number, column and reason, downloads the rejects file, and the
 * good rows are on the bus, field by field; in Spanish and in English; a formula in a cell is shown as text; an
 * oversized file gets a page that says so.
 */
class UploadPageIT {

    private static final String DEATHS = "gt.renap.death-registered.v1";
    private static final String BIRTHS = "gt.renap.birth-registered.v1";
    private static final String FORMULA = "=cmd|' /C calc'!A0<b>negrita</b><script>document.title='pwned'</script>";
    private static final int ROWS = 12;

    @TempDir
    static Path dataDir;

    private static Platform platform;
    private static ChromeDriver browser;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        browser = Browser.start();
        // a small limit, so that the oversized upload stays quick
        System.setProperty("enlace.portal.upload.max-size", "1MB");
        try {
            platform = Platform.start(PlatformSettings.ephemeral(dataDir), TopicCatalog.loadDefault(), line -> { });
        } finally {
            System.clearProperty("enlace.portal.upload.max-size");
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aClerkUploadsASpreadsheetSeesTheRejectedRowsInSpanishThenEnglishAndTheGoodRowsAreOnTheBus() throws Exception {
        Schema schema = TopicCatalog.loadDefault().topic(DEATHS).orElseThrow().schema();
        List<String> header = CsvTemplate.header(schema);
        int cui = header.indexOf("deceasedCui");
        assertThat(cui).as("CUI column in " + header).isNotNegative();
        List<SpecificRecord> published = new ArrayList<>();

        // Spanish (the default): rows 4 and 7 of the file are bad, one of them with a formula in the CUI cell.
        int first = 1000 + (int) (System.nanoTime() % 100_000);
        Path spanish = dataDir.resolve("defunciones.csv");
        writeCsv(spanish, header, first, cui, Map.of(4, "1234", 7, FORMULA), published);
        browser.get(platform.httpUrl() + "/upload?lang=es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Publicar una hoja de cálculo");
        submit(spanish);
        assertThat(browser.findElement(By.id("rows-read")).getText()).isEqualTo(String.valueOf(ROWS));
        assertThat(browser.findElement(By.id("rows-published")).getText()).isEqualTo(String.valueOf(ROWS - 2));
        assertThat(browser.findElement(By.id("rows-rejected")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("summary")).getText()).contains("Filas rechazadas", "Tiempo", "defunciones.csv");
        List<List<String>> rejects = rejectRows();
        assertThat(rejects).extracting(r -> r.get(0)).containsExactly("4", "7");
        assertThat(rejects).allSatisfy(r -> assertThat(r.get(1)).isEqualTo("deceasedCui"));
        assertThat(rejects.get(0).get(2)).isEqualTo("1234");
        assertThat(rejects.get(0).get(3)).isNotBlank();
        // The formula and the markup are shown as the text they are: not evaluated, not turned into elements.
        assertThat(rejects.get(1).get(2)).isEqualTo(FORMULA);
        assertThat(browser.findElements(By.cssSelector("#rejects b, #rejects script"))).isEmpty();
        assertThat(browser.getTitle()).isNotEqualTo("pwned");

        String rejectsFile = download(browser.findElement(By.id("rejects-download")).getAttribute("href"));
        assertThat(rejectsFile.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList()).containsExactly("4", "7");
        assertThat(rejectsFile).contains("'=cmd|");

        // English, with a second file.
        Path english = dataDir.resolve("deaths.csv");
        writeCsv(english, header, first + ROWS, cui, Map.of(3, "0000000000000"), published);
        browser.get(platform.httpUrl() + "/upload?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Publish a spreadsheet");
        submit(english);
        assertThat(browser.findElement(By.id("rows-published")).getText()).isEqualTo(String.valueOf(ROWS - 1));
        assertThat(browser.findElement(By.id("rows-rejected")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("summary")).getText()).contains("Rejected rows", "Rows read");
        assertThat(rejectRows()).extracting(r -> r.get(0) + " " + r.get(1)).containsExactly("3 deceasedCui");

        // What a Kafka consumer reads is exactly the good rows, field by field, tagged as coming from the CSV bridge.
        List<ConsumerRecord<String, Object>> read = readAll(DEATHS, published.size());
        assertThat(read).hasSize(published.size());
        for (SpecificRecord expected : published) {
            ConsumerRecord<String, Object> match = read.stream()
                .filter(r -> ((SpecificRecord) r.value()).get(cuiField(schema)).equals(expected.get(cuiField(schema))))
                .findFirst().orElseThrow(() -> new AssertionError("not on the bus: " + expected));
            SpecificRecord actual = (SpecificRecord) match.value();
            for (Schema.Field field : schema.getFields()) {
                assertThat(actual.get(field.pos())).as(field.name()).isEqualTo(expected.get(field.pos()));
            }
            assertThat(EventHeaders.parse(match.headers()).channel()).isEqualTo(Channel.CSV_BRIDGE);
        }
    }

    @Test
    void theTemplateOfTheChosenTopicDownloadsWithTheTopicsColumns() throws Exception {
        browser.get(platform.httpUrl() + "/upload?lang=es&topic=" + DEATHS);
        String template = download(browser.findElement(By.id("template-link")).getAttribute("href"));
        Schema schema = TopicCatalog.loadDefault().topic(DEATHS).orElseThrow().schema();
        assertThat(template.replace("\uFEFF", "").lines().findFirst().orElseThrow())
            .isEqualTo(String.join(",", CsvTemplate.header(schema)));
        assertThat(template.lines().count()).as("header and an example row").isEqualTo(2);
    }

    @Test
    void aFileOverTheLimitGetsAPageThatSaysSoNotAnError() throws Exception {
        Path big = dataDir.resolve("grande.csv");
        StringBuilder text = new StringBuilder("a,b\n");
        while (text.length() < 1_300_000) {
            text.append("1234567890,abcdefghijklmnopqrstuvwxyz\n");
        }
        Files.writeString(big, text, StandardCharsets.UTF_8);
        browser.get(platform.httpUrl() + "/upload?lang=es");
        submit(big);
        assertThat(browser.findElement(By.id("too-large")).getText()).contains("1 MB");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Exception").doesNotContain("Algo salió mal");
    }

    @Test
    void aBrokenMultipartBodyIs400AndAnUnknownRejectsFileIs404BothSayingWhy() throws Exception {
        // A body cut off before its closing boundary: no browser sends one, a broken or hostile client can.
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\na,b\r\n1,2\r\n";
        HttpResponse<String> broken = http.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/upload"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
        assertThat(broken.body()).contains("la solicitud no es un cuerpo multipart/form-data bien formado");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + "/upload/rejects/no-such-id"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No hay un archivo de filas rechazadas con este identificador");
    }

    @Test
    void anUploadThatResumesAnInterruptedOneSaysSoAndPublishesOnlyTheRowsAfterIt() throws Exception {
        // Births, so that the deaths topic holds only what the other tests publish.
        Schema schema = TopicCatalog.loadDefault().topic(BIRTHS).orElseThrow().schema();
        StringBuilder text = new StringBuilder(line(CsvTemplate.header(schema)));
        int first = 500_000 + (int) (System.nanoTime() % 100_000);
        for (int i = 0; i < ROWS; i++) {
            text.append(line(CsvTemplate.row(schema, SampleEvents.sampleFor(BIRTHS, first + i))));
        }
        Path file = dataDir.resolve("nacimientos-interrumpida.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        // What an upload interrupted after spreadsheet row 5 (data rows 1-4 confirmed) leaves behind: its marker,
        // with the offsets from which anything it sent after that would be found.
        try (KafkaCsvProgressStore progress = new KafkaCsvProgressStore(platform.bootstrapServers())) {
            Map<Integer, Long> offsets = progress.endOffsets(BIRTHS).orElseThrow();
            progress.save(new CsvProgressStore.Marker(BIRTHS, sha256, file.getFileName().toString(), 5, false, 4, 0,
                Instant.now().toString(), offsets));
        }

        browser.get(platform.httpUrl() + "/upload?lang=es");
        submit(file, BIRTHS);
        assertThat(browser.findElement(By.id("rows-published")).getText()).isEqualTo(String.valueOf(ROWS - 4));
        assertThat(browser.findElement(By.id("rows-already")).getText()).isEqualTo("4");
        assertThat(browser.findElement(By.id("resumed")).getText())
            .contains("se interrumpió después de la fila 5", "0 filas");
        assertThat(browser.findElements(By.id("resume-warning"))).as("the interrupted rows could be checked").isEmpty();
        assertThat(readAll(BIRTHS, ROWS - 4)).hasSize(ROWS - 4);
    }

    private static void submit(Path file) {
        submit(file, DEATHS);
    }

    private static void submit(Path file, String topic) {
        new Select(browser.findElement(By.id("institution"))).selectByValue("renap");
        new Select(browser.findElement(By.id("topic"))).selectByValue(topic);
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();
    }

    /** Each rejects table row: row, column, value, reason. */
    private static List<List<String>> rejectRows() {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#rejects tbody tr"))) {
            rows.add(tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        }
        return rows;
    }

    private static int cuiField(Schema schema) {
        return schema.getField("deceasedCui").pos();
    }

    /** Writes samples {@code first…} as CSV; rows (file row numbers, header = 1) in {@code bad} get that CUI. */
    private static void writeCsv(Path file, List<String> header, int first, int cuiColumn, Map<Integer, String> bad,
                                 List<SpecificRecord> good) throws Exception {
        Schema schema = TopicCatalog.loadDefault().topic(DEATHS).orElseThrow().schema();
        StringBuilder text = new StringBuilder(line(header));
        for (int i = 0; i < ROWS; i++) {
            SpecificRecord sample = SampleEvents.sampleFor(DEATHS, first + i);
            List<String> cells = new ArrayList<>(CsvTemplate.row(schema, sample));
            String replacement = bad.get(i + 2);
            if (replacement != null) {
                cells.set(cuiColumn, replacement);
            } else {
                good.add(sample);
            }
            text.append(line(cells));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String line(List<String> cells) {
        List<String> quoted = cells.stream()
            .map(c -> c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c)
            .toList();
        return String.join(",", quoted) + "\r\n";
    }

    private static String download(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        return response.body();
    }

    private static List<ConsumerRecord<String, Object>> readAll(String topic, int expected) {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of(KafkaAvroSerDeConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl(),
            KafkaAvroSerDeConfig.SPECIFIC_AVRO_READER, true), false);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
            // anything beyond what was expected would show up in one more poll
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }
}
