package gt.enlace.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import gt.enlace.platform.KafkaClients;
import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.client.CachedSchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The catalog's pages in a real browser over a running platform: both languages, the CUI search, a topic's field
 * table, its version history and record counts, its subscribers, the request-access form, and the pages read
 * without JavaScript (plain HTTP GET of the HTML).
 */
class CatalogPagesIT {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dataDir;

    private static Platform platform;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        platform = Platform.start(PlatformSettings.ephemeral(dataDir), CATALOG, line -> { });
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

    private static void open(String pathAndQuery) {
        browser.get(platform.httpUrl() + pathAndQuery);
    }

    private static List<String> listedTopics() {
        return browser.findElements(By.cssSelector("li.topic-item")).stream().map(e -> e.getAttribute("data-topic")).toList();
    }

    private static List<String> topicsCarrying(String kind) {
        return CATALOG.topics().stream().filter(t -> CatalogApiIT.carries(t.schema(), kind, new HashSet<>()))
            .map(TopicDefinition::name).toList();
    }

    @Test
    void theCatalogIsSpanishByDefaultEnglishOnRequestAndGroupsEveryTopicByInstitution() {
        open("/catalog?lang=es");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Catálogo de datos");
        assertThat(listedTopics()).containsExactlyInAnyOrderElementsOf(CATALOG.topics().stream().map(TopicDefinition::name).toList());
        TopicDefinition births = CATALOG.topic("gt.renap.birth-registered.v1").orElseThrow();
        WebElement renap = browser.findElement(By.id("inst-renap"));
        assertThat(renap.getText()).contains("Registro Nacional de las Personas").contains(births.descriptionEs());

        open("/catalog?lang=en");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Data catalog");
        assertThat(browser.findElement(By.id("inst-renap")).getText()).contains("National Registry of Persons")
            .contains(births.descriptionEn());
        open("/catalog?lang=es");
    }

    @Test
    void searchingForCuiListsExactlyTheTopicsWhoseSchemasCarryACui() {
        open("/catalog?lang=es");
        WebElement field = browser.findElement(By.id("field"));
        field.clear();
        field.sendKeys("cui");
        field.submit();
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.getCurrentUrl().contains("field=cui"));
        List<String> expected = topicsCarrying("cui");
        assertThat(expected).isNotEmpty().hasSizeLessThan(CATALOG.topics().size());
        assertThat(listedTopics()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(browser.findElement(By.id("results")).getText())
            .isEqualTo(expected.size() + " de " + CATALOG.topics().size() + " temas");
        assertThat(browser.findElement(By.id("field")).getAttribute("value")).isEqualTo("cui");

        browser.findElement(By.id("quick-nit")).click();
        assertThat(listedTopics()).containsExactlyInAnyOrderElementsOf(topicsCarrying("nit"));
    }

    @Test
    void aTopicPageShowsItsFieldsAsATableInBothLanguages() {
        TopicDefinition births = CATALOG.topic("gt.renap.birth-registered.v1").orElseThrow();
        open("/catalog/topics/" + births.name() + "?lang=es");
        assertThat(browser.findElement(By.id("description")).getText()).isEqualTo(births.descriptionEs());
        List<String> topLevel = browser.findElements(By.cssSelector("#fields tbody tr.depth-0"))
            .stream().map(r -> r.getAttribute("data-field")).toList();
        assertThat(topLevel).containsExactlyElementsOf(births.schema().getFields().stream().map(Schema.Field::name).toList());
        WebElement child = browser.findElement(By.cssSelector("#fields tr[data-field='childCui']"));
        assertThat(child.findElement(By.cssSelector("td.type")).getText()).isEqualTo("CUI");
        assertThat(child.findElement(By.cssSelector("td.required")).getText()).isEqualTo("sí");
        WebElement dob = browser.findElement(By.cssSelector("#fields tr[data-field='dateOfBirth']"));
        assertThat(dob.findElement(By.cssSelector("td.type")).getText()).isEqualTo("fecha");
        assertThat(browser.findElement(By.cssSelector("#fields tr[data-field='fatherCui'] td.required")).getText())
            .isEqualTo("no, opcional");
        assertThat(browser.findElement(By.cssSelector("#fields tr[data-field='birthAttendant'] td.values")).getText())
            .contains("MIDWIFE");
        assertThat(browser.findElement(By.cssSelector("#fields caption")).getText()).contains(births.recordName());
        assertThat(browser.findElement(By.cssSelector("#example pre")).getText()).contains("\"childCui\"");

        open("/catalog/topics/" + births.name() + "?lang=en");
        assertThat(browser.findElement(By.id("description")).getText()).isEqualTo(births.descriptionEn());
        assertThat(browser.findElement(By.cssSelector("#fields tr[data-field='dateOfBirth'] td.type")).getText()).isEqualTo("date");
        assertThat(browser.findElement(By.cssSelector("#fields tr[data-field='fatherCui'] td.required")).getText())
            .isEqualTo("no, optional");
        open("/catalog?lang=es");
    }

    @Test
    void registeringACompatibleSecondVersionShowsBothVersionsAndWhatChanged() {
        TopicDefinition topic = CATALOG.topic("gt.igss.affiliate-registered.v1").orElseThrow();
        String v2 = topic.schema().toString().replaceFirst("\"fields\":\\[",
            "\"fields\":[{\"name\":\"pagesNote\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Added by the test.\"},");
        try (SchemaRegistryClient registry = new CachedSchemaRegistryClient(
            Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.registryUrl()))) {
            assertThat(registry.register(topic.subject(), new Schema.Parser().parse(v2))).isPositive();
        }
        // The registry reads its store back from Kafka; on a loaded machine the page may need a reload to show v2.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            open("/catalog/topics/" + topic.name() + "?lang=es");
            assertThat(browser.findElements(By.cssSelector("#versions tbody tr"))).hasSize(2);
        });
        List<WebElement> versions = browser.findElements(By.cssSelector("#versions tbody tr"));
        assertThat(versions).extracting(r -> r.getAttribute("data-version")).containsExactly("1", "2");
        assertThat(versions.get(0).getText()).contains("primera versión");
        assertThat(versions.get(1).getText()).contains("field added: pagesNote ([null, string], default null)");
        assertThat(browser.findElement(By.id("schema")).getText()).contains("Versión 2 del registro de esquemas.");
        assertThat(browser.findElement(By.cssSelector("#fields tr[data-field='pagesNote'] td.required")).getText())
            .isEqualTo("no, opcional");
    }

    @Test
    void publishedRecordsAreCountedAndASubscriberShowsWithItsLagAndInstitution() throws Exception {
        String topic = "gt.rm.company-registered.v1";
        CatalogApiIT.publishSamples(platform, topic, 2);
        // A MINEDUC reader that has consumed nothing yet: committed offset 0 on every partition, so its lag is 2.
        String group = "mineduc-catalog-test";
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            consumer.partitionsFor(topic).forEach(p -> zero.put(new TopicPartition(topic, p.partition()), new OffsetAndMetadata(0)));
            consumer.commitSync(zero);
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            open("/catalog/topics/" + topic + "?lang=es");
            assertThat(browser.findElement(By.id("records")).getText()).isEqualTo("2");
            assertThat(browser.findElement(By.id("records-last-day")).getText()).isEqualTo("2");
            WebElement row = browser.findElement(By.xpath("//table[@id='subscriber-table']//tr[th/code[text()='" + group + "']]"));
            assertThat(row.getText()).contains("MINEDUC").contains("2");
        });
        open("/catalog/institutions/mineduc?lang=es");
        assertThat(browser.findElement(By.id("reads")).getText()).contains(topic).contains(group);
        assertThat(browser.findElement(By.id("publishes")).getText())
            .contains(CATALOG.topicsOwnedBy("mineduc").get(0).name());
    }

    @Test
    void requestingAccessNamesTheFieldsAtFaultKeepsWhatWasTypedAndThenRecordsTheRequest() {
        String topic = "gt.renap.death-registered.v1";
        open("/catalog/topics/" + topic + "?lang=es");
        browser.findElement(By.id("purpose")).sendKeys("corto");
        browser.findElement(By.id("legalBasis")).sendKeys("Decreto 57-2008, artículo 1");
        setDate("2020-01-01");
        browser.findElement(By.id("request-access")).click();

        assertThat(browser.findElement(By.id("form-errors")).getText()).contains("Institución que solicita")
            .contains("Propósito").contains("Vigencia deseada");
        assertThat(browser.findElement(By.id("requester-error")).getText()).isEqualTo("Este campo es obligatorio.");
        assertThat(browser.findElement(By.id("purpose-error")).getText()).isEqualTo("Es demasiado corto.");
        assertThat(browser.findElement(By.id("validUntil-error")).getText()).isEqualTo("Debe ser una fecha posterior a hoy.");
        assertThat(browser.findElements(By.id("legalBasis-error"))).isEmpty();
        assertThat(browser.findElement(By.id("purpose")).getAttribute("value")).isEqualTo("corto");
        assertThat(browser.findElement(By.id("legalBasis")).getAttribute("value")).isEqualTo("Decreto 57-2008, artículo 1");
        assertThat(browser.findElement(By.id("purpose")).getAttribute("aria-invalid")).isEqualTo("true");

        new Select(browser.findElement(By.id("requester"))).selectByValue("mspas");
        WebElement purpose = browser.findElement(By.id("purpose"));
        purpose.clear();
        String why = "Cerrar expedientes de vacunación de personas fallecidas " + System.nanoTime();
        purpose.sendKeys(why);
        String until = LocalDate.now().plusYears(1).toString();
        setDate(until);
        browser.findElement(By.id("request-access")).click();

        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("Solicitud registrada, el proveedor debe aprobarla.");
        String id = browser.findElement(By.id("request-id")).getText();
        assertThat(id).isNotBlank();
        List<String> recorded = KafkaClients.readValues(platform.bootstrapServers(), "_enlace.access-requests", 1);
        assertThat(recorded).anySatisfy(json -> assertThat(json).contains("\"id\":\"" + id + "\"").contains(why)
            .contains("\"requester\":\"mspas\"").contains("\"provider\":\"renap\"").contains("\"validUntil\":\"" + until + "\"")
            .contains("\"status\":\"PENDING\""));
    }

    private static void setDate(String isoDate) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
            browser.findElement(By.id("validUntil")), isoDate);
    }

    @Test
    void thePagesReadAndSearchWithoutJavaScriptAndEscapeHostileInput() throws Exception {
        HttpResponse<String> search = plainGet("/catalog?field=cui&lang=es");
        assertThat(search.statusCode()).isEqualTo(200);
        for (String topic : topicsCarrying("cui")) {
            assertThat(search.body()).contains("data-topic=\"" + topic + "\"");
        }
        assertThat(search.body()).doesNotContain("<script");

        HttpResponse<String> topicPage = plainGet("/catalog/topics/gt.sat.taxpayer-registered.v1?lang=es");
        assertThat(topicPage.statusCode()).isEqualTo(200);
        assertThat(topicPage.body()).contains("<table id=\"fields\"").contains("data-field=\"nit\"").contains("<form method=\"post\"");

        String hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        HttpResponse<String> escaped = plainGet("/catalog?q=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
        assertThat(escaped.statusCode()).isEqualTo(200);
        assertThat(escaped.body()).doesNotContain("<script>alert").doesNotContain("<img src=x").contains("&lt;script&gt;");

        HttpResponse<String> overlong = plainGet("/catalog?lang=es&q=" + "a".repeat(5000));
        assertThat(overlong.statusCode()).isEqualTo(200);
        assertThat(overlong.body()).contains("se usaron sus primeros 100 caracteres").doesNotContain("a".repeat(101));

        HttpResponse<String> missing = plainGet("/catalog/topics/gt.nadie.nothing.v1?lang=es");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("La página que buscó no existe").doesNotContain("Exception").doesNotContain("at gt.");
        assertThat(plainGet("/catalog/institutions/nadie").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> plainGet(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.httpUrl() + pathAndQuery)).timeout(Duration.ofSeconds(90))
            .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
