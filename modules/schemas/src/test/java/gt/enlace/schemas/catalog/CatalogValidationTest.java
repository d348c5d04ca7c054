package gt.enlace.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each catalog error, written to a temporary copy of the schemas folder, gives a problem that names the
 * file, the entry and the reason; all problems of a file are reported together.
 */
class CatalogValidationTest {

    private static final String INSTITUTIONS = """
            institutions:
              - code: renap
                acronym: RENAP
                name:
                  es: Registro Nacional de las Personas
                  en: National Registry of Persons
                description:
                  es: Registro civil y DPI.
                  en: Civil registry and identity cards.
              - code: sat
                acronym: SAT
                name:
                  es: Superintendencia de Administración Tributaria
                  en: Tax Administration Superintendence
                description:
                  es: Registro tributario.
                  en: Taxpayer registry.
            """;

    @TempDir
    Path dir;

    private Path catalog;

    @BeforeEach
    void copyTheRealSchemas() throws IOException {
        Path source = BundledCatalogTest.SOURCE_CATALOG.getParent();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.toString().endsWith(".avsc")) {
                    Path target = dir.resolve(source.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        catalog = dir.resolve("catalog.yaml");
    }

    /** A valid birth topic with some keys replaced (a null value removes the key). */
    private static Map<String, String> births(String... overrides) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("name", "gt.renap.birth-registered.v1");
        keys.put("schema", "renap/BirthRegistered.avsc");
        keys.put("record", "gt.enlace.renap.BirthRegistered");
        keys.put("owner", "renap");
        keys.put("description", "\n      es: RENAP inscribió un nacimiento.\n      en: RENAP registered a birth.");
        keys.put("classification", "confidencial");
        keys.put("legalBasis", "Decreto 90-2005, Ley del Registro Nacional de las Personas");
        keys.put("partitions", "3");
        keys.put("retention", "infinite");
        keys.put("cleanupPolicy", "delete");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                keys.remove(overrides[i]);
            } else {
                keys.put(overrides[i], overrides[i + 1]);
            }
        }
        return keys;
    }

    @SafeVarargs
    private void write(Map<String, String>... topics) throws IOException {
        StringBuilder yaml = new StringBuilder(INSTITUTIONS).append("topics:\n");
        for (Map<String, String> topic : topics) {
            String prefix = "  - ";
            for (Map.Entry<String, String> key : topic.entrySet()) {
                yaml.append(prefix).append(key.getKey()).append(":")
                        .append(key.getValue().startsWith("\n") ? "" : " ").append(key.getValue()).append('\n');
                prefix = "    ";
            }
        }
        Files.writeString(catalog, yaml);
    }

    private CatalogException loadFails() {
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> TopicCatalog.load(catalog));
        assertThat(e).as("the catalog should have been rejected").isNotNull();
        return e;
    }

    private String file() {
        return catalog.toAbsolutePath().normalize().toString();
    }

    private void assertSingleProblem(String entry, String reason) {
        CatalogException e = loadFails();
        assertThat(e.problems()).containsExactly(new CatalogException.Problem(file(), entry, reason));
        assertThat(e).hasMessage(file() + ": " + entry + ": " + reason);
    }

    @Test
    void aValidCatalogLoads() throws IOException {
        write(births(), births("name", "gt.renap.birth-registered.v2", "compatibility", "FULL"));

        TopicCatalog loaded = TopicCatalog.load(catalog);

        assertThat(loaded.topics()).hasSize(2);
        assertThat(loaded.topic("gt.renap.birth-registered.v2").orElseThrow().compatibility()).isEqualTo("FULL");
        assertThat(loaded.topic("gt.renap.birth-registered.v2").orElseThrow().schema().getField("placeOfBirth")
                .schema().getFullName()).isEqualTo("gt.enlace.common.GeoLocation");
    }

    @Test
    void anUnknownSchemaFileIsReported() throws IOException {
        write(births("name", "gt.renap.x.v1", "schema", "renap/x.avsc"));

        assertSingleProblem("topic 'gt.renap.x.v1'", "schema file 'renap/x.avsc' does not exist");
        assertThat(loadFails().getMessage()).endsWith("catalog.yaml: topic 'gt.renap.x.v1': schema file 'renap/x.avsc' does not exist");
    }

    @Test
    void aSchemaPathOutsideTheCatalogFolderIsReported() throws IOException {
        write(births("schema", "../secrets/BirthRegistered.avsc"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "schema '../secrets/BirthRegistered.avsc' must be a relative"
                + " path to an .avsc file inside the catalog's folder, e.g. renap/BirthRegistered.avsc");
    }

    @Test
    void aSchemaThatIsNotJsonIsReportedWithAvrosReason() throws IOException {
        Files.writeString(dir.resolve("renap/Broken.avsc"), "{\"type\": \"record\", \"name\": ");
        write(births("schema", "renap/Broken.avsc"));

        CatalogException e = loadFails();
        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.entry()).isEqualTo("topic 'gt.renap.birth-registered.v1'");
            assertThat(problem.reason()).startsWith("schema file 'renap/Broken.avsc' does not parse: ");
        });
    }

    @Test
    void aSchemaNamingAnUndefinedTypeIsReported() throws IOException {
        Files.writeString(dir.resolve("renap/Dangling.avsc"), """
                {"type": "record", "name": "Dangling", "namespace": "gt.enlace.renap", "doc": "d",
                 "fields": [{"name": "where", "type": "gt.enlace.common.Nowhere", "doc": "d"}]}
                """);
        write(births("schema", "renap/Dangling.avsc", "record", "gt.enlace.renap.Dangling"));

        CatalogException e = loadFails();
        assertThat(e.problems()).singleElement().satisfies(problem ->
                assertThat(problem.reason()).startsWith("schema file 'renap/Dangling.avsc' does not parse: ")
                        .contains("gt.enlace.common.Nowhere"));
    }

    @Test
    void aRecordNameThatIsNotTheSchemasIsReported() throws IOException {
        write(births("record", "gt.enlace.renap.Birth"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "record 'gt.enlace.renap.Birth' is not the record of"
                + " schema file 'renap/BirthRegistered.avsc', which defines 'gt.enlace.renap.BirthRegistered'");
    }

    @Test
    void aBadTopicNameIsReportedWithTheRuleItBreaks() throws IOException {
        write(births("name", "gt.renap.BirthRegistered.v1"));

        assertSingleProblem("topic 'gt.renap.BirthRegistered.v1'", "invalid topic name: event segment 'BirthRegistered'"
                + " must be lower-case kebab case (words of a-z and 0-9 joined by single hyphens, starting with a letter)");
    }

    @Test
    void aDuplicateTopicIsReportedOnItsSecondEntry() throws IOException {
        write(births(), births("partitions", "6"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "duplicate topic name, already defined by topic #1");
    }

    @Test
    void anOwnerThatIsNotAListedInstitutionIsReported() throws IOException {
        write(births("name", "gt.renapp.birth-registered.v1", "owner", "renapp"));

        assertSingleProblem("topic 'gt.renapp.birth-registered.v1'",
                "owner 'renapp' is not a listed institution (institutions: renap, sat)");
    }

    @Test
    void aTopicWhoseInstitutionSegmentIsNotItsOwnerIsReported() throws IOException {
        write(births("name", "gt.sat.birth-registered.v1"));

        assertSingleProblem("topic 'gt.sat.birth-registered.v1'",
                "institution segment 'sat' of the topic name differs from its owner 'renap'");
    }

    @Test
    void aBadClassificationIsReported() throws IOException {
        write(births("classification", "secreta"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'",
                "classification 'secreta' is not one of publica, confidencial, reservada");
    }

    @Test
    void partitionsBelowOneAreReported() throws IOException {
        write(births("partitions", "0"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "partitions must be an integer of 1 or more, got '0'");
    }

    @Test
    void partitionsThatAreNotANumberAreReported() throws IOException {
        write(births("partitions", "three"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "partitions must be an integer of 1 or more, got 'three'");
    }

    @Test
    void aBadRetentionIsReported() throws IOException {
        for (String retention : List.of("P1Y", "-1", "P0D", "forever", "7d")) {
            write(births("retention", retention));

            assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "retention '" + retention + "' must be an ISO-8601"
                    + " duration in days, hours, minutes or seconds (e.g. P7D, P3650D, PT12H) of more than zero, or 'infinite'");
        }
    }

    @Test
    void retentionAcceptsDaysHoursAndInfinite() throws IOException {
        write(births("retention", "P7D"), births("name", "gt.renap.birth-registered.v2", "retention", "PT12H"),
                births("name", "gt.renap.birth-registered.v3", "retention", "infinite"));

        assertThat(TopicCatalog.load(catalog).topics()).extracting(TopicDefinition::retentionMs)
                .containsExactly(7L * 24 * 3_600_000, 12L * 3_600_000, -1L);
    }

    @Test
    void aBadCleanupPolicyIsReported() throws IOException {
        write(births("cleanupPolicy", "remove"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'",
                "cleanupPolicy 'remove' is not one of delete | compact | compact,delete");
    }

    @Test
    void aBadCompatibilityLevelIsReported() throws IOException {
        write(births("compatibility", "SIDEWAYS"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "compatibility 'SIDEWAYS' is not one of BACKWARD,"
                + " BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE");
    }

    @Test
    void aMissingRequiredKeyIsReported() throws IOException {
        write(births("legalBasis", null));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "missing required key 'legalBasis'");
    }

    @Test
    void aTopicWithoutANameIsNamedByItsPosition() throws IOException {
        write(births("name", "gt.renap.birth-registered.v2"), births("name", null));

        assertSingleProblem("topic #2", "missing required key 'name'");
    }

    @Test
    void aMissingDescriptionLanguageIsReported() throws IOException {
        write(births("description", "\n      es: RENAP inscribió un nacimiento."));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "missing required key 'description.en'");
    }

    @Test
    void anUnknownKeyIsReportedWithTheKeyItProbablyMeant() throws IOException {
        write(births("partitions", null, "partiton", "3"));

        CatalogException e = loadFails();
        assertThat(e.problems()).extracting(CatalogException.Problem::reason).containsExactly(
                "unknown key 'partiton'; did you mean 'partitions'?",
                "missing required key 'partitions'");
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneListsTheAllowedKeys() throws IOException {
        write(births("replicas", "3"));

        assertSingleProblem("topic 'gt.renap.birth-registered.v1'", "unknown key 'replicas'; allowed keys: name, schema,"
                + " record, owner, description, classification, legalBasis, partitions, retention, cleanupPolicy, compatibility");
    }

    @Test
    void institutionErrorsNameTheInstitution() throws IOException {
        Files.writeString(catalog, """
                institutions:
                  - code: Renap
                    acronym: RENAP
                    name: {es: Registro Nacional de las Personas, en: National Registry of Persons}
                    description: {es: Registro civil., en: Civil registry.}
                  - acronym: SAT
                    name: {es: SAT, en: SAT}
                    description: {es: Tributos., en: Taxes.}
                topics: []
                """);

        CatalogException e = loadFails();
        assertThat(e.problems()).extracting(p -> p.entry() + ": " + p.reason()).containsExactly(
                "institution 'Renap': code 'Renap' must be a lower-case letter followed by lower-case letters or digits",
                "institution #2: missing required key 'code'");
    }

    @Test
    void everyProblemOfTheFileIsReportedTogether() throws IOException {
        write(births("classification", "secreta", "partitions", "0"),
                births("name", "gt.sat.x.v1", "owner", "sat", "schema", "sat/X.avsc"));

        CatalogException e = loadFails();

        assertThat(e.problems()).extracting(p -> p.entry() + ": " + p.reason()).containsExactly(
                "topic 'gt.renap.birth-registered.v1': classification 'secreta' is not one of publica, confidencial, reservada",
                "topic 'gt.renap.birth-registered.v1': partitions must be an integer of 1 or more, got '0'",
                "topic 'gt.sat.x.v1': schema file 'sat/X.avsc' does not exist");
        assertThat(e.getMessage()).startsWith("3 errors in " + file() + ":\n")
                .contains("\n  " + file() + ": topic 'gt.sat.x.v1': schema file 'sat/X.avsc' does not exist");
    }

    @Test
    void invalidYamlIsReportedForTheWholeFile() throws IOException {
        Files.writeString(catalog, "institutions: [\ntopics: {");

        CatalogException e = loadFails();
        assertThat(e.entry()).isEqualTo("catalog");
        assertThat(e.reason()).startsWith("is not valid YAML: ");
    }

    @Test
    void aDuplicateYamlKeyIsReported() throws IOException {
        Files.writeString(catalog, INSTITUTIONS + "topics: []\ntopics: []\n");

        assertThat(loadFails().reason()).startsWith("is not valid YAML: ").contains("topics");
    }

    @Test
    void aMissingCatalogFileIsReported() {
        assertThatThrownBy(() -> TopicCatalog.load(dir.resolve("nope.yaml")))
                .isInstanceOf(CatalogException.class)
                .hasMessageEndingWith("nope.yaml: catalog: file does not exist");
    }

    @Test
    void theValidatorThrowsTheProblemsSoTheBuildFails() throws IOException {
        write(births("cleanupPolicy", "remove"));

        assertThatThrownBy(() -> CatalogValidator.main(new String[] {catalog.toString()}))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("cleanupPolicy 'remove'");
    }

    @Test
    void theValidatorAcceptsTheRealCatalog() {
        CatalogValidator.main(new String[] {BundledCatalogTest.SOURCE_CATALOG.toString()});
    }
}
