package gt.enlace.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The field table of every catalog topic, checked against the {@code .avsc} files read as JSON: identifiers shown
 * as CUI/NIT, {@code [null, T]} optional, enums with their symbols, logical types in words, nested records flattened.
 */
class SchemaFieldsTest {

    private static final Locale ES = Locale.forLanguageTag("es");
    private static final CatalogFiles FILES = new CatalogFiles();
    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private final SchemaFields fields = new SchemaFields(messages());

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("portal/i18n/catalog");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(ES);
        return messages;
    }

    private Map<String, FieldView> topLevel(CatalogFiles.Topic topic, Locale locale) {
        TopicDefinition definition = CATALOG.topic(topic.name()).orElseThrow();
        return fields.fields(definition.schema(), locale).stream().filter(f -> f.depth() == 0)
            .collect(Collectors.toMap(FieldView::name, Function.identity()));
    }

    @Test
    void everyTopLevelFieldOfEveryTopicIsATableRowWithItsDocAndItsOptionalityFromTheUnion() {
        assertThat(FILES.topics()).hasSize(CATALOG.topics().size());
        for (CatalogFiles.Topic topic : FILES.topics()) {
            Map<String, FieldView> rows = topLevel(topic, ES);
            List<String> names = new ArrayList<>();
            for (JsonNode field : topic.schema().path("fields")) {
                String name = field.get("name").asText();
                names.add(name);
                FieldView row = rows.get(name);
                assertThat(row).as(topic.name() + "." + name).isNotNull();
                boolean nullable = field.get("type").isArray() && field.get("type").toString().contains("\"null\"");
                assertThat(row.required()).as(topic.name() + "." + name + " required").isEqualTo(!nullable);
                assertThat(row.doc()).isEqualTo(field.path("doc").asText(""));
            }
            assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void identifierFieldsAreShownAsCuiOrNitInBothLanguages() {
        int seen = 0;
        for (CatalogFiles.Topic topic : FILES.topics()) {
            Map<String, FieldView> es = topLevel(topic, ES);
            Map<String, FieldView> en = topLevel(topic, Locale.ENGLISH);
            for (JsonNode field : topic.schema().path("fields")) {
                String identifier = field.path("gt.enlace.identifier").asText("");
                if (!identifier.isEmpty()) {
                    seen++;
                    String name = field.get("name").asText();
                    assertThat(es.get(name).type()).isEqualTo(identifier.toUpperCase(Locale.ROOT));
                    assertThat(en.get(name).type()).isEqualTo(identifier.toUpperCase(Locale.ROOT));
                    assertThat(es.get(name).identifier()).isEqualTo(identifier);
                }
            }
        }
        assertThat(seen).as("the catalog's schemas carry identifiers").isPositive();
    }

    @Test
    void logicalTypesAreNamedInWordsAndDecimalsInQuetzalesSayGtq() {
        Map<String, String> spanish = Map.of("date", "fecha", "timestamp-millis", "fecha y hora", "time-millis", "hora");
        Map<String, String> english = Map.of("date", "date", "timestamp-millis", "date and time", "time-millis", "time of day");
        int decimals = 0;
        int logical = 0;
        for (CatalogFiles.Topic topic : FILES.topics()) {
            Map<String, FieldView> es = topLevel(topic, ES);
            Map<String, FieldView> en = topLevel(topic, Locale.ENGLISH);
            for (JsonNode field : topic.schema().path("fields")) {
                JsonNode type = nonNull(field.get("type"));
                String name = field.get("name").asText();
                String kind = type.path("logicalType").asText("");
                if (spanish.containsKey(kind)) {
                    logical++;
                    assertThat(es.get(name).type()).as(topic.name() + "." + name).isEqualTo(spanish.get(kind));
                    assertThat(en.get(name).type()).isEqualTo(english.get(kind));
                } else if (kind.equals("decimal")) {
                    decimals++;
                    boolean gtq = field.path("doc").asText().contains("GTQ") || field.path("doc").asText().toLowerCase().contains("quetzal");
                    assertThat(es.get(name).type()).isEqualTo(gtq ? "decimal (GTQ)" : "decimal");
                }
            }
        }
        assertThat(logical).isPositive();
        assertThat(decimals).isPositive();
    }

    @Test
    void enumFieldsListTheirSymbolsInSchemaOrder() {
        int enums = 0;
        for (CatalogFiles.Topic topic : FILES.topics()) {
            Map<String, FieldView> es = topLevel(topic, ES);
            for (JsonNode field : topic.schema().path("fields")) {
                JsonNode type = nonNull(field.get("type"));
                if ("enum".equals(type.path("type").asText())) {
                    enums++;
                    List<String> symbols = new ArrayList<>();
                    type.get("symbols").forEach(s -> symbols.add(s.asText()));
                    FieldView row = es.get(field.get("name").asText());
                    assertThat(row.allowedValues()).containsExactlyElementsOf(symbols);
                    assertThat(row.type()).isEqualTo("uno de una lista");
                }
            }
        }
        assertThat(enums).isPositive();
    }

    @Test
    void nestedRecordsAreFlattenedUnderDottedPathsAndAnOptionalParentMakesItsFieldsOptional() {
        Schema schema = new Schema.Parser().parse("""
            {"type": "record", "name": "Person", "namespace": "t", "fields": [
              {"name": "name", "type": {"type": "record", "name": "Name", "fields": [
                 {"name": "given", "type": "string", "doc": "Given names."}]}},
              {"name": "spouse", "type": ["null", "Name"], "default": null},
              {"name": "phones", "type": {"type": "array", "items": "string"}},
              {"name": "tags", "type": {"type": "map", "values": "long"}},
              {"name": "code", "type": ["string", "int"]},
              {"name": "score", "type": ["null", "double"], "default": null}
            ]}""");
        List<FieldView> rows = fields.fields(schema, ES);
        assertThat(rows).extracting(FieldView::path)
            .containsExactly("name", "name.given", "spouse", "spouse.given", "phones", "tags", "code", "score");
        assertThat(rows).extracting(FieldView::type).containsExactly("registro (Name)", "texto", "registro (Name)", "texto",
            "lista de texto", "mapa de número entero", "uno de: texto, número entero", "número");
        assertThat(rows).extracting(FieldView::required).containsExactly(true, true, false, false, true, true, true, false);
        assertThat(rows.get(1).depth()).isEqualTo(1);
        assertThat(fields.fields(schema, Locale.ENGLISH)).extracting(FieldView::type).startsWith("record (Name)", "text");
    }

    private static JsonNode nonNull(JsonNode type) {
        if (type.isArray() && type.size() == 2 && type.get(0).asText().equals("null")) {
            return type.get(1);
        }
        return type;
    }
}
