package gt.enlace.schemas.catalog;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates one catalog file, collecting every problem rather than stopping at the first.
 */
final class CatalogReader {

    static final String INFINITE = "infinite";

    private static final List<String> TOP_KEYS = List.of("institutions", "topics");
    private static final List<String> INSTITUTION_KEYS = List.of("code", "acronym", "name", "description");
    private static final List<String> TOPIC_KEYS = List.of("name", "schema", "record", "owner", "description",
            "classification", "legalBasis", "partitions", "retention", "cleanupPolicy", "compatibility");
    private static final Set<String> OPTIONAL_TOPIC_KEYS = Set.of("compatibility");
    private static final List<String> TEXT_KEYS = List.of("es", "en");
    private static final Pattern INSTITUTION_CODE = Pattern.compile("[a-z][a-z0-9]*");

    private final String file;
    private final SchemaSet schemas;
    private final List<CatalogException.Problem> problems = new ArrayList<>();

    CatalogReader(String file, Map<String, String> schemaFiles) {
        this.file = file;
        this.schemas = new SchemaSet(schemaFiles);
    }

    TopicCatalog read(String yamlText) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(yamlText);
        } catch (YAMLException e) {
            throw new CatalogException(file, "catalog", "is not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new CatalogException(file, "catalog", "must be a YAML mapping with the keys 'institutions' and 'topics'");
        }
        checkKeys("catalog", top, TOP_KEYS, Set.of());

        Map<String, InstitutionDefinition> institutions = new LinkedHashMap<>();
        List<?> institutionList = list(top, "institutions", "catalog");
        for (int i = 0; i < institutionList.size(); i++) {
            InstitutionDefinition institution = institution(institutionList.get(i), i + 1, institutions);
            if (institution != null) {
                institutions.put(institution.code(), institution);
            }
        }

        Map<String, TopicDefinition> topics = new LinkedHashMap<>();
        Map<String, String> firstEntries = new HashMap<>();
        List<?> topicList = list(top, "topics", "catalog");
        for (int i = 0; i < topicList.size(); i++) {
            TopicDefinition topic = topic(topicList.get(i), i + 1, institutions, firstEntries);
            if (topic != null) {
                topics.put(topic.name(), topic);
            }
        }

        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return new TopicCatalog(file, List.copyOf(institutions.values()), List.copyOf(topics.values()));
    }

    private InstitutionDefinition institution(Object item, int index, Map<String, InstitutionDefinition> seen) {
        String entry = "institution #" + index;
        if (!(item instanceof Map<?, ?> map)) {
            problem(entry, "must be a mapping with the keys " + INSTITUTION_KEYS);
            return null;
        }
        if (map.get("code") instanceof String code && !code.isBlank()) {
            entry = "institution '" + code + "'";
        }
        int before = problems.size();
        checkKeys(entry, map, INSTITUTION_KEYS, Set.of());
        String code = text(map, "code", entry);
        if (code != null && !INSTITUTION_CODE.matcher(code).matches()) {
            problem(entry, "code '" + code + "' must be a lower-case letter followed by lower-case letters or digits");
        } else if (code != null && seen.containsKey(code)) {
            problem(entry, "duplicate institution code '" + code + "'");
        }
        String acronym = text(map, "acronym", entry);
        String[] name = bilingual(map, "name", entry);
        String[] description = bilingual(map, "description", entry);
        if (problems.size() > before) {
            return null;
        }
        return new InstitutionDefinition(code, acronym, name[0], name[1], description[0], description[1]);
    }

    private TopicDefinition topic(Object item, int index, Map<String, InstitutionDefinition> institutions,
                                  Map<String, String> firstEntries) {
        String entry = "topic #" + index;
        if (!(item instanceof Map<?, ?> map)) {
            problem(entry, "must be a mapping with the keys " + TOPIC_KEYS);
            return null;
        }
        if (map.get("name") instanceof String n && !n.isBlank()) {
            entry = "topic '" + n + "'";
        }
        int before = problems.size();
        checkKeys(entry, map, TOPIC_KEYS, OPTIONAL_TOPIC_KEYS);

        String name = text(map, "name", entry);
        TopicName topicName = null;
        if (name != null) {
            String reason = TopicName.problem(name).orElse(null);
            if (reason != null) {
                problem(entry, "invalid topic name: " + reason);
            } else {
                topicName = TopicName.parse(name);
            }
            String first = firstEntries.putIfAbsent(name, "topic #" + index);
            if (first != null) {
                problem(entry, "duplicate topic name, already defined by " + first);
            }
        }

        String owner = text(map, "owner", entry);
        if (owner != null && !institutions.containsKey(owner)) {
            problem(entry, "owner '" + owner + "' is not a listed institution (institutions: "
                    + String.join(", ", institutions.keySet()) + ")");
        }
        if (owner != null && topicName != null && !topicName.institution().equals(owner)) {
            problem(entry, "institution segment '" + topicName.institution() + "' of the topic name differs from its owner '"
                    + owner + "'");
        }

        String schemaPath = text(map, "schema", entry);
        String recordName = text(map, "record", entry);
        Schema schema = schema(entry, schemaPath, recordName);

        String[] description = bilingual(map, "description", entry);

        Classification classification = null;
        String classificationCode = text(map, "classification", entry);
        if (classificationCode != null) {
            classification = Classification.fromCode(classificationCode).orElse(null);
            if (classification == null) {
                problem(entry, "classification '" + classificationCode + "' is not one of publica, confidencial, reservada");
            }
        }

        String legalBasis = text(map, "legalBasis", entry);

        int partitions = 0;
        if (present(map, "partitions", entry)) {
            Object value = map.get("partitions");
            if (value instanceof Integer p && p >= 1) {
                partitions = p;
            } else {
                problem(entry, "partitions must be an integer of 1 or more, got '" + value + "'");
            }
        }

        long retentionMs = 0;
        if (present(map, "retention", entry)) {
            Object value = map.get("retention");
            Long parsed = value instanceof String s ? retentionMs(s) : null;
            if (parsed == null) {
                problem(entry, "retention '" + value + "' must be an ISO-8601 duration in days, hours, minutes or seconds"
                        + " (e.g. P7D, P3650D, PT12H) of more than zero, or 'infinite'");
            } else {
                retentionMs = parsed;
            }
        }

        String cleanupPolicy = text(map, "cleanupPolicy", entry);
        if (cleanupPolicy != null && !TopicDefinition.CLEANUP_POLICIES.contains(cleanupPolicy)) {
            problem(entry, "cleanupPolicy '" + cleanupPolicy + "' is not one of "
                    + String.join(" | ", TopicDefinition.CLEANUP_POLICIES));
        }

        String compatibility = TopicDefinition.DEFAULT_COMPATIBILITY;
        if (map.containsKey("compatibility")) {
            compatibility = text(map, "compatibility", entry);
            if (compatibility != null && !TopicDefinition.COMPATIBILITY_LEVELS.contains(compatibility)) {
                problem(entry, "compatibility '" + compatibility + "' is not one of "
                        + String.join(", ", TopicDefinition.COMPATIBILITY_LEVELS));
            }
        }

        if (problems.size() > before) {
            return null;
        }
        return new TopicDefinition(name, owner, schemaPath, recordName, schema, description[0], description[1],
                classification, legalBasis, partitions, retentionMs, cleanupPolicy, compatibility);
    }

    private Schema schema(String entry, String schemaPath, String recordName) {
        if (schemaPath == null) {
            return null;
        }
        String normalised = normalise(schemaPath);
        if (normalised == null || !normalised.endsWith(".avsc")) {
            problem(entry, "schema '" + schemaPath + "' must be a relative path to an .avsc file inside the catalog's folder,"
                    + " e.g. renap/BirthRegistered.avsc");
            return null;
        }
        if (!schemas.exists(normalised)) {
            problem(entry, "schema file '" + schemaPath + "' does not exist");
            return null;
        }
        Schema schema = schemas.schema(normalised);
        if (schema == null) {
            problem(entry, "schema file '" + schemaPath + "' does not parse: " + schemas.error(normalised));
            return null;
        }
        if (schema.getType() != Schema.Type.RECORD) {
            problem(entry, "schema file '" + schemaPath + "' must define a record at its top level, found " + schema.getType());
            return null;
        }
        if (recordName != null && !schema.getFullName().equals(recordName)) {
            problem(entry, "record '" + recordName + "' is not the record of schema file '" + schemaPath
                    + "', which defines '" + schema.getFullName() + "'");
            return null;
        }
        return schema;
    }

    /** 'a/./b.avsc' to 'a/b.avsc'; null when the path is absolute or leaves the catalog's folder. */
    private static String normalise(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    /** Milliseconds for 'infinite' (-1) or a positive ISO-8601 duration without years or months; null otherwise. */
    static Long retentionMs(String value) {
        if (INFINITE.equals(value)) {
            return TopicDefinition.INFINITE_RETENTION;
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                return null;
            }
            return duration.toMillis();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private void checkKeys(String entry, Map<?, ?> map, List<String> allowed, Set<String> optional) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                String suggestion = closest(String.valueOf(key), allowed);
                problem(entry, "unknown key '" + key + "'"
                        + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; allowed keys: " + String.join(", ", allowed)));
            }
        }
        for (String key : allowed) {
            if (!optional.contains(key) && !map.containsKey(key)) {
                problem(entry, "missing required key '" + key + "'");
            }
        }
    }

    /** Whether the key has a value; a missing key was already reported by {@link #checkKeys}. */
    private boolean present(Map<?, ?> map, String key, String entry) {
        if (!map.containsKey(key)) {
            return false;
        }
        if (map.get(key) == null) {
            problem(entry, "key '" + key + "' has no value");
            return false;
        }
        return true;
    }

    private String text(Map<?, ?> map, String key, String entry) {
        if (!present(map, key, entry)) {
            return null;
        }
        Object value = map.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            problem(entry, "key '" + key + "' must be a non-empty text, got '" + value + "'");
            return null;
        }
        return s.strip();
    }

    private String[] bilingual(Map<?, ?> map, String key, String entry) {
        String[] result = new String[2];
        if (!present(map, key, entry)) {
            return result;
        }
        if (!(map.get(key) instanceof Map<?, ?> texts)) {
            problem(entry, "key '" + key + "' must be a mapping with the keys 'es' (Spanish) and 'en' (English)");
            return result;
        }
        for (Object k : texts.keySet()) {
            if (!TEXT_KEYS.contains(String.valueOf(k))) {
                problem(entry, "unknown key '" + key + "." + k + "'; allowed keys: " + key + ".es, " + key + ".en");
            }
        }
        for (int i = 0; i < TEXT_KEYS.size(); i++) {
            String lang = TEXT_KEYS.get(i);
            if (!texts.containsKey(lang)) {
                problem(entry, "missing required key '" + key + "." + lang + "'");
            } else if (texts.get(lang) instanceof String text && !text.isBlank()) {
                result[i] = text.strip();
            } else {
                problem(entry, "key '" + key + "." + lang + "' must be a non-empty text, got '" + texts.get(lang) + "'");
            }
        }
        return result;
    }

    private List<?> list(Map<?, ?> map, String key, String entry) {
        if (!present(map, key, entry)) {
            return List.of();
        }
        if (!(map.get(key) instanceof List<?> list)) {
            problem(entry, "key '" + key + "' must be a YAML list");
            return List.of();
        }
        return list;
    }

    private void problem(String entry, String reason) {
        problems.add(new CatalogException.Problem(file, entry, reason));
    }

    /** The allowed key within edit distance 2 of a misspelt one, if any. */
    private static String closest(String key, List<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : allowed) {
            int d = distance(key.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
