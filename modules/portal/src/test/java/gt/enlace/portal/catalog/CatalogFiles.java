package gt.enlace.portal.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code schemas/catalog.yaml} and {@code .avsc} files read as plain YAML and JSON, without the
 * catalog code under test, so that tests compute their expectations from the contracts themselves.
 */
final class CatalogFiles {

    static final Path ROOT = locate();

    /** One {@code topics:} entry. */
    record Topic(String name, String owner, String schemaPath, JsonNode schema) {
    }

    private final List<Topic> topics = new ArrayList<>();
    private final List<String> institutions = new ArrayList<>();
    private final Map<String, JsonNode> namedTypes = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    CatalogFiles() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = Files.newInputStream(ROOT.resolve("catalog.yaml"));
             Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                collectNamed(json.readTree(file.toFile()), null);
            }
            Map<String, Object> yaml = new Yaml().load(in);
            for (Map<String, Object> i : (List<Map<String, Object>>) yaml.get("institutions")) {
                institutions.add((String) i.get("code"));
            }
            for (Map<String, Object> t : (List<Map<String, Object>>) yaml.get("topics")) {
                String path = (String) t.get("schema");
                topics.add(new Topic((String) t.get("name"), (String) t.get("owner"), path,
                    json.readTree(ROOT.resolve(path).toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Topic> topics() {
        return topics;
    }

    List<String> institutions() {
        return institutions;
    }

    /** Every field object reachable from a topic's record, through nested and referenced named records. */
    List<JsonNode> allFields(Topic topic) {
        List<JsonNode> out = new ArrayList<>();
        walk(topic.schema(), out, new HashSet<>());
        return out;
    }

    /** Whether some field reachable from the topic's record matches. */
    boolean anyField(Topic topic, Predicate<JsonNode> test) {
        return allFields(topic).stream().anyMatch(test);
    }

    private void walk(JsonNode type, List<JsonNode> out, Set<String> seen) {
        if (type == null) {
            return;
        }
        if (type.isTextual()) {
            JsonNode named = namedTypes.get(type.asText());
            if (named != null && seen.add(type.asText())) {
                walk(named, out, seen);
            }
            return;
        }
        if (type.isArray()) {
            type.forEach(branch -> walk(branch, out, seen));
            return;
        }
        if ("record".equals(type.path("type").asText())) {
            for (JsonNode field : type.path("fields")) {
                out.add(field);
                walk(field.get("type"), out, seen);
            }
        } else if (type.path("type").isObject() || type.path("type").isArray()) {
            walk(type.get("type"), out, seen);
        }
        walk(type.get("items"), out, seen);
        walk(type.get("values"), out, seen);
    }

    private void collectNamed(JsonNode node, String namespace) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collectNamed(n, namespace));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String kind = node.path("type").asText("");
        String inner = namespace;
        if (Set.of("record", "enum", "fixed").contains(kind) && node.has("name")) {
            String name = node.get("name").asText();
            String ns = node.has("namespace") ? node.get("namespace").asText() : namespace;
            String full = name.contains(".") || ns == null || ns.isEmpty() ? name : ns + "." + name;
            namedTypes.put(full, node);
            inner = full.contains(".") ? full.substring(0, full.lastIndexOf('.')) : namespace;
        }
        if (node.path("type").isContainerNode()) {
            collectNamed(node.get("type"), inner);
        }
        for (JsonNode field : node.path("fields")) {
            collectNamed(field.get("type"), inner);
        }
        collectNamed(node.get("items"), inner);
        collectNamed(node.get("values"), inner);
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("schemas/catalog.yaml"))) {
                return dir.resolve("schemas");
            }
        }
        throw new IllegalStateException("schemas/catalog.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
