package gt.enlace.portal.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.apache.avro.Schema;
import org.springframework.context.support.StaticMessageSource;

/**
 * Finds the catalog's topics that match a {@link CatalogQuery}: by owner, by a field the schema carries, by words
 * in the descriptions and the fields' {@code doc}. Works on the catalog alone (no cluster, no registry), in
 * catalog order.
 */
public final class CatalogSearch {

    private final TopicCatalog catalog;
    private final SchemaFields fields = new SchemaFields(new StaticMessageSource());
    private final Map<String, List<FieldView>> fieldsByTopic = new ConcurrentHashMap<>();

    /** @param catalog the topic catalog */
    public CatalogSearch(TopicCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "'catalog' cannot be null");
    }

    /**
     * @param query what to look for
     * @return the matching topics, in catalog order
     */
    public List<TopicDefinition> search(CatalogQuery query) {
        List<TopicDefinition> found = new ArrayList<>();
        for (TopicDefinition topic : catalog.topics()) {
            if (matches(topic, query)) {
                found.add(topic);
            }
        }
        return found;
    }

    /**
     * @param topic a catalog topic
     * @param query what to look for
     * @return whether the topic matches every part of the query
     */
    public boolean matches(TopicDefinition topic, CatalogQuery query) {
        InstitutionDefinition owner = catalog.institution(topic.owner()).orElse(null);
        if (!query.institution().isEmpty()) {
            boolean byCode = topic.owner().equalsIgnoreCase(query.institution());
            boolean byAcronym = owner != null && owner.acronym().equalsIgnoreCase(query.institution());
            if (!byCode && !byAcronym) {
                return false;
            }
        }
        List<FieldView> schemaFields = fieldsOf(topic);
        if (!query.field().isEmpty() && schemaFields.stream().noneMatch(f -> carries(f, query.fieldLower()))) {
            return false;
        }
        if (!query.text().isEmpty()) {
            StringBuilder haystack = new StringBuilder();
            haystack.append(topic.name()).append('\n').append(topic.descriptionEs()).append('\n')
                .append(topic.descriptionEn()).append('\n').append(topic.legalBasis()).append('\n')
                .append(topic.owner()).append('\n');
            typeDocs(topic.schema(), haystack, new java.util.HashSet<>());
            if (owner != null) {
                haystack.append(owner.acronym()).append('\n').append(owner.nameEs()).append('\n').append(owner.nameEn()).append('\n');
            }
            for (FieldView field : schemaFields) {
                haystack.append(field.path()).append('\n').append(field.doc()).append('\n');
                field.allowedValues().forEach(symbol -> haystack.append(symbol).append(' '));
            }
            String text = fold(haystack.toString());
            for (String word : fold(query.text()).split(" ")) {
                if (!word.isEmpty() && !text.contains(word)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The fields of a topic's schema that carry what a field query names.
     *
     * @param topic a catalog topic
     * @param field the field query, e.g. {@code cui}
     * @return the paths of the matching fields
     */
    public List<String> matchingFields(TopicDefinition topic, String field) {
        String wanted = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return List.of();
        }
        return fieldsOf(topic).stream().filter(f -> carries(f, wanted)).map(FieldView::path).toList();
    }

    /**
     * Whether a field carries what a field query names: its identifier kind, its whole name, or one word of its
     * camel-case name ({@code cui} matches {@code motherCui} but {@code nit} does not match {@code unitCode}).
     */
    static boolean carries(FieldView field, String wantedLower) {
        if (field.identifier() != null && field.identifier().equalsIgnoreCase(wantedLower)) {
            return true;
        }
        if (field.name().equalsIgnoreCase(wantedLower)) {
            return true;
        }
        for (String word : field.name().split("(?<=[a-z0-9])(?=[A-Z])|_|-")) {
            if (word.equalsIgnoreCase(wantedLower)) {
                return true;
            }
        }
        return false;
    }

    private List<FieldView> fieldsOf(TopicDefinition topic) {
        return fieldsByTopic.computeIfAbsent(topic.name(), name -> fields.fields(topic.schema(), Locale.ROOT));
    }

    /** The docs of the named types (records, enums, fixed) reachable from a schema: an enum's doc explains its symbols. */
    private static void typeDocs(Schema schema, StringBuilder out, java.util.Set<String> seen) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (schema.getDoc() != null) {
                    out.append(schema.getDoc()).append('\n');
                }
                if (schema.getType() == Schema.Type.RECORD) {
                    schema.getFields().forEach(f -> typeDocs(f.schema(), out, seen));
                }
            }
            case UNION -> schema.getTypes().forEach(t -> typeDocs(t, out, seen));
            case ARRAY -> typeDocs(schema.getElementType(), out, seen);
            case MAP -> typeDocs(schema.getValueType(), out, seen);
            default -> { }
        }
    }

    /** Lower case without accents, so that {@code identificacion} finds {@code identificación}. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }
}
