package gt.enlace.survey.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads and checks an instrument file (the format is documented at the top of
 * {@code survey/instrument-v1.yaml}). Every problem is collected before failing, so one run lists them all;
 * unknown keys are errors, so a typo never silently drops a setting.
 *
 * <pre>{@code
 * Instrument v1 = InstrumentLoader.loadDefault();
 * }</pre>
 */
public final class InstrumentLoader {

    /** Classpath resource of the current instrument. */
    public static final String DEFAULT_RESOURCE = "survey/instrument-v1.yaml";

    private static final Pattern DIMENSION_ID = Pattern.compile("[a-z]+");
    private static final Pattern ITEM_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> TOP_KEYS = Set.of("version", "title", "dimensions", "headlines");
    private static final Set<String> DIMENSION_KEYS = Set.of("id", "title", "items");
    private static final Set<String> ITEM_KEYS = Set.of("id", "type", "required", "weight", "reverse", "text", "scale",
            "options");
    private static final Set<String> OPTION_KEYS = Set.of("code", "score", "exclusive", "text");
    private static final Set<String> HEADLINE_KEYS = Set.of("id", "item", "values", "text");
    private static final Set<String> TEXT_KEYS = Set.of("es", "en");

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private InstrumentLoader(String source) {
        this.source = source;
    }

    /** The bundled current instrument, {@value #DEFAULT_RESOURCE}. */
    public static Instrument loadDefault() {
        try (InputStream in = InstrumentLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + DEFAULT_RESOURCE + " is missing from the survey jar");
            }
            return load("classpath:" + DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath:" + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Loads an instrument file. */
    public static Instrument load(Path file) {
        try {
            return load(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InstrumentException(file.toString(), List.of(file + ": cannot be read: " + e.getMessage()));
        }
    }

    /**
     * Loads an instrument from YAML text.
     *
     * @param source names the text in messages, e.g. its file
     * @throws InstrumentException listing every problem as {@code <source>: <entry>: <reason>}
     */
    public static Instrument load(String source, String yaml) {
        return new InstrumentLoader(source).parse(new StringReader(yaml));
    }

    private Instrument parse(Reader reader) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new InstrumentException(source, List.of(source + ": not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new InstrumentException(source, List.of(source + ": instrument: must be a YAML mapping with the keys "
                    + "version, title, dimensions"));
        }
        keys(top, TOP_KEYS, "instrument");
        Integer version = integer(top.get("version"), "instrument", "version", true);
        if (version != null && version < 1) {
            problem("instrument", "version must be 1 or more, got " + version);
        }
        LocalizedText title = text(top.get("title"), "instrument", "title");
        List<Dimension> dimensions = new ArrayList<>();
        Set<String> itemIds = new HashSet<>();
        List<?> dimensionList = list(top.get("dimensions"), "instrument", "dimensions", true);
        for (int i = 0; i < dimensionList.size(); i++) {
            Dimension dimension = dimension(dimensionList.get(i), i + 1, dimensions, itemIds);
            if (dimension != null) {
                dimensions.add(dimension);
            }
        }
        List<Headline> headlines = new ArrayList<>();
        List<?> headlineList = list(top.get("headlines"), "instrument", "headlines", false);
        for (int i = 0; i < headlineList.size(); i++) {
            Headline headline = headline(headlineList.get(i), i + 1, dimensions, headlines);
            if (headline != null) {
                headlines.add(headline);
            }
        }
        if (!problems.isEmpty()) {
            throw new InstrumentException(source, problems);
        }
        return new Instrument(version, title, dimensions, headlines);
    }

    private Dimension dimension(Object node, int index, List<Dimension> seen, Set<String> itemIds) {
        String entry = "dimension #" + index;
        if (!(node instanceof Map<?, ?> map)) {
            problem(entry, "must be a mapping with id, title and items");
            return null;
        }
        String id = string(map.get("id"), entry, "id", true);
        if (id != null) {
            entry = "dimension '" + id + "'";
            if (!DIMENSION_ID.matcher(id).matches()) {
                problem(entry, "id must be lower-case letters, e.g. std");
            }
            if (seen.stream().anyMatch(d -> d.id().equals(id))) {
                problem(entry, "duplicate dimension id '" + id + "'");
            }
        }
        keys(map, DIMENSION_KEYS, entry);
        LocalizedText title = text(map.get("title"), entry, "title");
        List<Item> items = new ArrayList<>();
        List<?> itemList = list(map.get("items"), entry, "items", true);
        if (itemList.isEmpty() && map.get("items") != null) {
            problem(entry, "items must list at least one item");
        }
        for (int i = 0; i < itemList.size(); i++) {
            Item item = item(itemList.get(i), i + 1, id, entry, itemIds);
            if (item != null) {
                items.add(item);
            }
        }
        if (id != null && items.stream().noneMatch(item -> item.weight() > 0) && !items.isEmpty()) {
            problem(entry, "at least one item must have a weight above 0");
        }
        return id == null || title == null ? null : new Dimension(id, title, items);
    }

    private Item item(Object node, int index, String dimension, String dimensionEntry, Set<String> itemIds) {
        String entry = dimensionEntry + " item #" + index;
        if (!(node instanceof Map<?, ?> map)) {
            problem(entry, "must be a mapping with id, type and text");
            return null;
        }
        String id = string(map.get("id"), entry, "id", true);
        if (id != null) {
            entry = "item '" + id + "'";
            int dot = id.indexOf('.');
            if (dot < 0 || !ITEM_NAME.matcher(id.substring(dot + 1)).matches()) {
                problem(entry, "id must be <dimension>.<name> with a lower-case kebab name, e.g. "
                        + (dimension == null ? "std" : dimension) + ".guidelines");
            } else if (dimension != null && !id.substring(0, dot).equals(dimension)) {
                problem(entry, "id must start with its dimension's id '" + dimension + ".'");
            }
            if (!itemIds.add(id)) {
                problem(entry, "duplicate item id '" + id + "'");
            }
        }
        keys(map, ITEM_KEYS, entry);
        String typeCode = string(map.get("type"), entry, "type", true);
        ItemType type = null;
        if (typeCode != null) {
            type = ItemType.fromCode(typeCode).orElse(null);
            if (type == null) {
                problem(entry, "type '" + typeCode + "' is not one of likert, yes-no, single-choice, multiple-choice");
            }
        }
        boolean required = bool(map.get("required"), entry, "required");
        boolean reverse = bool(map.get("reverse"), entry, "reverse");
        double weight = 1;
        Object weightNode = map.get("weight");
        if (weightNode != null) {
            if (weightNode instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue())) {
                weight = n.doubleValue();
            } else {
                problem(entry, "weight must be a number of 0 or more, got '" + weightNode + "'");
            }
        }
        LocalizedText text = text(map.get("text"), entry, "text");
        List<LocalizedText> scale = new ArrayList<>();
        List<ChoiceOption> options = new ArrayList<>();
        if (type == ItemType.LIKERT) {
            List<?> anchors = list(map.get("scale"), entry, "scale", true);
            if (map.get("scale") != null && anchors.size() != Item.LIKERT_MAX + 1) {
                problem(entry, "scale must have " + (Item.LIKERT_MAX + 1) + " anchors (0 to " + Item.LIKERT_MAX
                        + "), got " + anchors.size());
            }
            for (int i = 0; i < anchors.size(); i++) {
                LocalizedText anchor = text(anchors.get(i), entry, "scale[" + i + "]");
                if (anchor != null) {
                    scale.add(anchor);
                }
            }
        } else if (map.containsKey("scale")) {
            problem(entry, "scale is only for likert items");
        }
        if (type != null && type.isChoice()) {
            List<?> optionList = list(map.get("options"), entry, "options", true);
            if (map.get("options") != null && optionList.size() < 2) {
                problem(entry, "options must list at least two options");
            }
            for (int i = 0; i < optionList.size(); i++) {
                ChoiceOption option = option(optionList.get(i), i + 1, entry, options);
                if (option != null) {
                    options.add(option);
                }
            }
        } else if (map.containsKey("options")) {
            problem(entry, "options are only for single-choice and multiple-choice items");
        }
        if (reverse && type != ItemType.YES_NO) {
            problem(entry, "reverse is only for yes-no items");
        }
        if (id == null || type == null || text == null) {
            return null;
        }
        return new Item(id, dimension, type, required, weight, reverse, text, scale, options);
    }

    private ChoiceOption option(Object node, int index, String itemEntry, List<ChoiceOption> seen) {
        String entry = itemEntry + " option #" + index;
        if (!(node instanceof Map<?, ?> map)) {
            problem(entry, "must be a mapping with code, score and text");
            return null;
        }
        keys(map, OPTION_KEYS, entry);
        String code = string(map.get("code"), entry, "code", true);
        if (code != null) {
            entry = itemEntry + " option '" + code + "'";
            if (!CODE.matcher(code).matches()) {
                problem(entry, "code must be lower-case kebab, e.g. web-services");
            }
            if (seen.stream().anyMatch(o -> o.code().equals(code))) {
                problem(entry, "duplicate option code '" + code + "'");
            }
        }
        Integer score = integer(map.get("score"), entry, "score", true);
        if (score != null && (score < 0 || score > 100)) {
            problem(entry, "score must be from 0 to 100, got " + score);
        }
        boolean exclusive = bool(map.get("exclusive"), entry, "exclusive");
        LocalizedText text = text(map.get("text"), entry, "text");
        return code == null || score == null || text == null ? null : new ChoiceOption(code, score, exclusive, text);
    }

    private Headline headline(Object node, int index, List<Dimension> dimensions, List<Headline> seen) {
        String entry = "headline #" + index;
        if (!(node instanceof Map<?, ?> map)) {
            problem(entry, "must be a mapping with id, item, values and text");
            return null;
        }
        keys(map, HEADLINE_KEYS, entry);
        String id = string(map.get("id"), entry, "id", true);
        if (id != null) {
            entry = "headline '" + id + "'";
            if (seen.stream().anyMatch(h -> h.id().equals(id))) {
                problem(entry, "duplicate headline id '" + id + "'");
            }
        }
        String itemId = string(map.get("item"), entry, "item", true);
        Item item = dimensions.stream().flatMap(d -> d.items().stream()).filter(i -> i.id().equals(itemId))
                .findFirst().orElse(null);
        if (itemId != null && item == null) {
            problem(entry, "item '" + itemId + "' is not in the instrument");
        }
        Set<String> values = new LinkedHashSet<>();
        for (Object value : list(map.get("values"), entry, "values", true)) {
            String text = String.valueOf(value);
            if (item != null) {
                Item.Reading reading = item.read(text);
                if (!reading.valid() || reading.canonical().isEmpty() || !reading.canonical().get().equals(text)) {
                    problem(entry, "value '" + text + "' is not a canonical answer of item '" + itemId + "'");
                }
            }
            values.add(text);
        }
        LocalizedText text = text(map.get("text"), entry, "text");
        return id == null || item == null || text == null ? null : new Headline(id, itemId, values, text);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void keys(Map<?, ?> map, Set<String> allowed, String entry) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problem(entry, "unknown key '" + key + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList())
                        + ")");
            }
        }
    }

    private String string(Object node, String entry, String key, boolean required) {
        if (node == null) {
            if (required) {
                problem(entry, key + " is required");
            }
            return null;
        }
        if (!(node instanceof String s) || s.isBlank()) {
            problem(entry, key + " must be a non-empty text, got '" + node + "'");
            return null;
        }
        return s;
    }

    private Integer integer(Object node, String entry, String key, boolean required) {
        if (node == null) {
            if (required) {
                problem(entry, key + " is required");
            }
            return null;
        }
        if (!(node instanceof Integer i)) {
            problem(entry, key + " must be a whole number, got '" + node + "'");
            return null;
        }
        return i;
    }

    private boolean bool(Object node, String entry, String key) {
        if (node == null) {
            return false;
        }
        if (!(node instanceof Boolean b)) {
            problem(entry, key + " must be true or false, got '" + node + "'");
            return false;
        }
        return b;
    }

    private List<?> list(Object node, String entry, String key, boolean required) {
        if (node == null) {
            if (required) {
                problem(entry, key + " is required");
            }
            return List.of();
        }
        if (!(node instanceof List<?> l)) {
            problem(entry, key + " must be a list");
            return List.of();
        }
        return l;
    }

    private LocalizedText text(Object node, String entry, String key) {
        if (!(node instanceof Map<?, ?> map)) {
            problem(entry, key + (node == null ? " is required" : " must be a mapping") + " with es and en texts");
            return null;
        }
        keys(map, TEXT_KEYS, entry + " " + key);
        String es = string(map.get("es"), entry, key + ".es", true);
        String en = string(map.get("en"), entry, key + ".en", true);
        return es == null || en == null ? null : new LocalizedText(es, en);
    }

    private void problem(String entry, String reason) {
        problems.add(source + ": " + entry + ": " + reason);
    }
}
