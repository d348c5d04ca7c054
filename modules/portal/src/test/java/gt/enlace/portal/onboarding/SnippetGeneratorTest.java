package gt.enlace.portal.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import org.junit.jupiter.api.Test;

/**
 * The structure of the snippets that cannot run here (Python and JavaScript have no clients on this machine): each
 * names the platform's registry, the topic, its subject and the serializer settings the bus needs. The Java snippets
 * and curl are compiled and run against a real platform by the platform module's {@code SnippetsIT}.
 */
class SnippetGeneratorTest {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final SnippetGenerator SNIPPETS = new SnippetGenerator(CATALOG, new SnippetGenerator.Endpoints(
            "kafka.enlace.gob.gt:9092", "https://registry.enlace.gob.gt", "https://enlace.gob.gt/"));

    private static List<TopicDefinition> topics() {
        return CATALOG.topics().stream().filter(t -> SampleEvents.topics().contains(t.name())).toList();
    }

    @Test
    void thePythonProducerUsesTheRegistrysLatestSchemaWithoutRegisteringOne() {
        for (TopicDefinition t : topics()) {
            String py = SNIPPETS.pythonProducer(t.owner(), t.name());
            assertThat(py).as(t.name()).contains(
                    "from confluent_kafka.schema_registry.avro import AvroSerializer",
                    "SchemaRegistryClient({\"url\": \"https://registry.enlace.gob.gt\"})",
                    "TOPIC = \"" + t.name() + "\"", "SUBJECT = \"" + t.subject() + "\"",
                    "\"auto.register.schemas\": False, \"use.latest.version\": True",
                    "\"bootstrap.servers\": \"kafka.enlace.gob.gt:9092\"",
                    "(\"ce_source\", b\"/gt/" + t.owner() + "/", "(\"ce_channel\", b\"sdk\")",
                    "(\"ce_type\", b\"" + t.topicName().eventType() + "\")");
            assertThat(py).doesNotContain("\t").doesNotContain("null").doesNotContain("true,");
        }
    }

    @Test
    void thePythonEventUsesPythonValuesForDatesDecimalsAndNulls() {
        String py = SNIPPETS.pythonProducer("sat", "gt.sat.taxpayer-registered.v1");
        assertThat(py).contains("\"registrationDate\": datetime.date(").contains("\"incomeTaxRegime\": None");
        String companies = SNIPPETS.pythonProducer("rm", "gt.rm.company-registered.v1");
        assertThat(companies).contains("decimal.Decimal(\"");
        String births = SNIPPETS.pythonProducer("renap", "gt.renap.birth-registered.v1");
        assertThat(births).contains("\"childCui\": \"").contains("datetime.datetime(").contains("tzinfo=datetime.timezone.utc");
    }

    @Test
    void thePythonConsumerReadsFromTheBeginningWithTheAvroDeserializer() {
        String py = SNIPPETS.pythonConsumer("mineduc", "gt.renap.birth-registered.v1");
        assertThat(py).contains("AvroDeserializer(registry)", "\"group.id\": \"mineduc.onboarding\"",
                "\"auto.offset.reset\": \"earliest\"", "consumer.subscribe([TOPIC])",
                "TOPIC = \"gt.renap.birth-registered.v1\"");
    }

    @Test
    void theJavaScriptSnippetsUseConfluentsClientsAndTheRegistry() {
        for (TopicDefinition t : topics()) {
            String js = SNIPPETS.javascriptProducer(t.owner(), t.name());
            assertThat(js).as(t.name()).contains("require(\"@confluentinc/kafka-javascript\")",
                    "require(\"@confluentinc/schemaregistry\")", "baseURLs: [\"https://registry.enlace.gob.gt\"]",
                    "new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true })",
                    "const topic = \"" + t.name() + "\"", "\"bootstrap.servers\": \"kafka.enlace.gob.gt:9092\"",
                    "ce_channel: \"sdk\"");
            assertThat(js).doesNotContain("None").doesNotContain("True");
        }
        assertThat(SNIPPETS.javascriptConsumer("mineduc", "gt.renap.birth-registered.v1"))
                .contains("new AvroDeserializer(registry, SerdeType.VALUE, {})", "\"group.id\": \"mineduc.onboarding\"",
                        "deserializer.deserialize(topic, message.value)");
    }

    @Test
    void theCurlSnippetPostsTheExampleToTheGatewayOfThisPlatform() throws Exception {
        String curl = SNIPPETS.curl("gt.renap.birth-registered.v1");
        assertThat(curl).startsWith("curl -s -X POST https://enlace.gob.gt/api/v1/topics/gt.renap.birth-registered.v1/events")
                .contains("Content-Type: application/json", "Idempotency-Key: ");
        JsonNode example = new ObjectMapper().readTree(SNIPPETS.exampleJson("gt.renap.birth-registered.v1"));
        assertThat(example.get("childCui").asText()).matches("\\d{13}");
        assertThat(curl).contains(SNIPPETS.exampleJson("gt.renap.birth-registered.v1"));
    }

    @Test
    void theJavaSnippetsNameTheInstitutionsPackageTheTopicAndItsGeneratedClass() {
        String java = SNIPPETS.javaPublisher("renap", "gt.renap.birth-registered.v1");
        assertThat(java).startsWith("package ejemplo.renap;").contains("public class PublishBirthRegistered",
                "gt.enlace.renap.BirthRegistered event = gt.enlace.renap.BirthRegistered.newBuilder()",
                "\"enlace.institution\", \"renap\"", "publisher.publish(\"gt.renap.birth-registered.v1\", event)");
        assertThat(SNIPPETS.springListener("mineduc", "gt.renap.birth-registered.v1"))
                .contains("@KafkaListener(topics = \"gt.renap.birth-registered.v1\")",
                        "\"enlace.subscriber.institution=mineduc\"", "EventMetadata metadata");
        assertThat(SNIPPETS.springProperties("mineduc")).contains("registry-url: https://registry.enlace.gob.gt");
    }

    @Test
    void theCsvTemplateHasTheTopicsColumnsAndOneExampleRow() {
        String csv = SNIPPETS.csvTemplate("gt.renap.birth-registered.v1");
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().findFirst().orElseThrow()).contains("registrationNumber", "childCui");
    }

    @Test
    void anUnknownTopicIsRefusedByName() {
        assertThatThrownBy(() -> SNIPPETS.pythonProducer("renap", "gt.renap.nothing.v1"))
                .isInstanceOf(UnknownTopicException.class).hasMessageContaining("gt.renap.nothing.v1");
    }
}
