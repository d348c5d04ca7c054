package gt.enlace.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

import gt.enlace.common.InstitutionCode;

/**
 * The real catalog, as bundled in the jar and as it is in the repository: it loads (so a catalog error fails
 * the build here too), and every topic's schema is the one its generated class was compiled from.
 */
class BundledCatalogTest {

    static final Path SOURCE_CATALOG = Path.of("../../schemas/catalog.yaml");

    @Test
    void theBundledCatalogLoadsWithEveryInstitutionAndTopic() {
        TopicCatalog catalog = TopicCatalog.loadDefault();

        assertThat(catalog.source()).isEqualTo("classpath:enlace/schemas/catalog.yaml");
        assertThat(catalog.institutions()).extracting(InstitutionDefinition::code).containsExactly(
                "renap", "sat", "rm", "rgp", "mspas", "igss", "mineduc", "mp", "pnc", "ine", "segeplan", "cgc", "oj",
                "minfin", "tse", "ocp");
        assertThat(catalog.topics()).extracting(TopicDefinition::name).containsExactly(
                "gt.renap.birth-registered.v1",
                "gt.renap.death-registered.v1",
                "gt.renap.dpi-issued.v1",
                "gt.sat.taxpayer-registered.v1",
                "gt.sat.taxpayer-status-changed.v1",
                "gt.rm.company-registered.v1",
                "gt.mspas.vaccination-applied.v1",
                "gt.mineduc.student-enrolled.v1",
                "gt.igss.affiliate-registered.v1",
                "gt.ocp.survey-response-submitted.v1",
                "gt.ocp.manual-exchange-declared.v1");
    }

    @Test
    void theInstitutionsAreTheSymbolsOfTheInstitutionCodeEnum() {
        assertThat(TopicCatalog.loadDefault().institutions()).extracting(InstitutionDefinition::code)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(InstitutionCode.values())
                        .map(code -> code.name().toLowerCase(Locale.ROOT)).toList());
    }

    @Test
    void theRepositoryCatalogIsTheBundledOne() {
        TopicCatalog source = TopicCatalog.load(SOURCE_CATALOG);
        TopicCatalog bundled = TopicCatalog.loadDefault();

        assertThat(source.topics()).isEqualTo(bundled.topics());
        assertThat(source.institutions()).isEqualTo(bundled.institutions());
    }

    @Test
    void everyTopicSchemaIsTheSchemaOfItsGeneratedClass() throws Exception {
        for (TopicDefinition topic : TopicCatalog.loadDefault().topics()) {
            Class<?> recordClass = Class.forName(topic.recordName());
            Schema generated = SpecificData.get().getSchema(recordClass);

            // The compiler marks strings with avro.java.string=String; otherwise the schemas are identical.
            assertThat(withoutJavaStringHints(generated.toString()))
                    .as(topic.name())
                    .isEqualTo(topic.schema().toString());
        }
    }

    @Test
    void givesTopicsTheirKafkaAndRegistryNames() {
        TopicCatalog catalog = TopicCatalog.loadDefault();
        TopicDefinition births = catalog.topic("gt.renap.birth-registered.v1").orElseThrow();

        assertThat(births.owner()).isEqualTo("renap");
        assertThat(births.schemaPath()).isEqualTo("renap/BirthRegistered.avsc");
        assertThat(births.subject()).isEqualTo("gt.renap.birth-registered.v1-value");
        assertThat(births.deadLetterTopic()).isEqualTo("gt.renap.birth-registered.v1.dlt");
        assertThat(births.classification()).isEqualTo(Classification.CONFIDENCIAL);
        assertThat(births.legalBasis()).isEqualTo("Decreto 90-2005, Ley del Registro Nacional de las Personas");
        assertThat(births.retentionMs()).isEqualTo(TopicDefinition.INFINITE_RETENTION);
        assertThat(births.topicConfigs()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");

        TopicDefinition status = catalog.topic("gt.sat.taxpayer-status-changed.v1").orElseThrow();
        assertThat(status.retentionMs()).isEqualTo(3650L * 24 * 60 * 60 * 1000);
        assertThat(status.cleanupPolicy()).isEqualTo("compact,delete");
        assertThat(status.compatibility()).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(catalog.topic("gt.renap.death-registered.v1").orElseThrow().compatibility()).isEqualTo("BACKWARD");

        assertThat(catalog.topicsOwnedBy("renap")).hasSize(3);
        assertThat(catalog.topicsOwnedBy("tse")).isEmpty();
        assertThat(catalog.institution("rm")).hasValueSatisfying(rm ->
                assertThat(rm.nameEs()).isEqualTo("Registro Mercantil General de la República"));
        assertThat(catalog.topic("gt.renap.unknown.v1")).isEmpty();
    }

    @Test
    void everyRecordAndFieldHasADocAndANamespaceUnderGtEnlace() {
        List<String> missing = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (TopicDefinition topic : TopicCatalog.loadDefault().topics()) {
            checkDocs(topic.schema(), missing, visited);
        }
        assertThat(missing).isEmpty();
        assertThat(visited).allSatisfy(name -> assertThat(name).startsWith("gt.enlace."));
    }

    private static void checkDocs(Schema schema, List<String> missing, Set<String> visited) {
        switch (schema.getType()) {
            case UNION -> schema.getTypes().forEach(branch -> checkDocs(branch, missing, visited));
            case ARRAY -> checkDocs(schema.getElementType(), missing, visited);
            case MAP -> checkDocs(schema.getValueType(), missing, visited);
            case RECORD, ENUM, FIXED -> {
                if (!visited.add(schema.getFullName())) {
                    return;
                }
                if (isBlank(schema.getDoc())) {
                    missing.add(schema.getFullName());
                }
                if (schema.getType() == Schema.Type.RECORD) {
                    for (Schema.Field field : schema.getFields()) {
                        if (isBlank(field.doc())) {
                            missing.add(schema.getFullName() + "." + field.name());
                        }
                        checkDocs(field.schema(), missing, visited);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static boolean isBlank(String doc) {
        return doc == null || doc.isBlank();
    }

    static String withoutJavaStringHints(String schemaJson) {
        return schemaJson.replace("{\"type\":\"string\",\"avro.java.string\":\"String\"}", "\"string\"");
    }
}
