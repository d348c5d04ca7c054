package gt.enlace.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Catalog search, with every expectation computed from {@code schemas/catalog.yaml} and the {@code .avsc} files
 * read as plain YAML and JSON.
 */
class CatalogSearchTest {

    private static final CatalogFiles FILES = new CatalogFiles();
    private final CatalogSearch search = new CatalogSearch(TopicCatalog.loadDefault());

    private static List<String> names(List<TopicDefinition> topics) {
        return topics.stream().map(TopicDefinition::name).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cui", "nit", "CUI", " Nit "})
    void searchingByAnIdentifierFindsExactlyTheTopicsWhoseSchemasCarryOne(String wanted) {
        String kind = wanted.strip().toLowerCase(Locale.ROOT);
        List<String> expected = FILES.topics().stream()
            .filter(t -> FILES.anyField(t, f -> kind.equals(f.path("gt.enlace.identifier").asText())
                || camelWords(f.path("name").asText()).contains(kind)))
            .map(CatalogFiles.Topic::name).toList();
        assertThat(expected).as("the catalog has topics with a " + kind).isNotEmpty();
        assertThat(names(search.search(new CatalogQuery("", "", wanted)))).containsExactlyElementsOf(expected);
    }

    @Test
    void theMatchingFieldsOfATopicAreNamed() {
        TopicDefinition birth = TopicCatalog.loadDefault().topic("gt.renap.birth-registered.v1").orElseThrow();
        List<String> expected = FILES.topics().stream().filter(t -> t.name().equals(birth.name())).findFirst().orElseThrow()
            .schema().path("fields").findValues("gt.enlace.identifier").stream().map(JsonNode::asText).toList();
        assertThat(search.matchingFields(birth, "cui")).hasSize(expected.size()).allMatch(p -> p.toLowerCase().contains("cui"));
    }

    @Test
    void searchingByInstitutionFindsTheTopicsItOwnsByCodeOrAcronym() {
        for (String code : FILES.institutions()) {
            List<String> expected = FILES.topics().stream().filter(t -> t.owner().equals(code)).map(CatalogFiles.Topic::name).toList();
            assertThat(names(search.search(new CatalogQuery("", code, "")))).as(code).containsExactlyElementsOf(expected);
            assertThat(names(search.search(new CatalogQuery("", code.toUpperCase(Locale.ROOT), "")))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void searchingByTextFindsWordsOfAFieldsDocIgnoringCaseAndAccents() {
        // A word that occurs in the doc of exactly some topics' fields: the docs decide which.
        for (String word : List.of("comadrona", "vaccine", "quetzales", "partida")) {
            List<String> expected = FILES.topics().stream()
                .filter(t -> FILES.anyField(t, f -> CatalogSearch.fold(f.path("doc").asText()).contains(word)
                    || CatalogSearch.fold(f.path("type").path("doc").asText()).contains(word)
                    || f.path("type").isArray() && CatalogSearch.fold(f.path("type").toString()).contains(word))
                    || CatalogSearch.fold(t.schema().path("doc").asText()).contains(word)
                    || CatalogSearch.fold(TopicCatalog.loadDefault().topic(t.name()).orElseThrow().descriptionEs()
                        + TopicCatalog.loadDefault().topic(t.name()).orElseThrow().descriptionEn()).contains(word))
                .map(CatalogFiles.Topic::name).toList();
            assertThat(names(search.search(new CatalogQuery(word.toUpperCase(Locale.ROOT), "", "")))).as(word)
                .containsExactlyElementsOf(expected);
        }
        assertThat(names(search.search(new CatalogQuery("identificación", "", ""))))
            .isEqualTo(names(search.search(new CatalogQuery("IDENTIFICACION", "", ""))));
    }

    @Test
    void filtersCombineAndNothingMatchesNonsense() {
        List<String> renapCui = names(search.search(new CatalogQuery("", "renap", "cui")));
        assertThat(renapCui).isNotEmpty().allMatch(n -> n.startsWith("gt.renap."));
        assertThat(search.search(new CatalogQuery("<script>alert(1)</script>", "", ""))).isEmpty();
        assertThat(search.search(new CatalogQuery("", "", "nit"))).extracting(TopicDefinition::name)
            .doesNotContain("gt.renap.birth-registered.v1");
        assertThat(search.search(CatalogQuery.all())).hasSize(FILES.topics().size());
    }

    @Test
    void aFieldWordMatchesWholeCamelCaseWordsOnly() {
        FieldView unit = new FieldView("unitCode", "unitCode", 0, "texto", "string", true, "", List.of(), null);
        FieldView employer = new FieldView("employerNit", "employerNit", 0, "NIT", "string", true, "", List.of(), null);
        assertThat(CatalogSearch.carries(unit, "nit")).isFalse();
        assertThat(CatalogSearch.carries(employer, "nit")).isTrue();
    }

    @Test
    void overlongParametersAreNamed() {
        String longText = "x".repeat(CatalogQuery.MAX_LENGTH + 1);
        assertThat(CatalogQuery.tooLong(longText, null, null)).isEqualTo("q");
        assertThat(CatalogQuery.tooLong(null, null, longText)).isEqualTo("field");
        assertThat(CatalogQuery.tooLong("cui", "renap", "nit")).isNull();
        assertThat(CatalogQuery.cut(longText)).hasSize(CatalogQuery.MAX_LENGTH);
    }

    private static List<String> camelWords(String name) {
        return List.of(name.split("(?<=[a-z0-9])(?=[A-Z])|_|-")).stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }
}
