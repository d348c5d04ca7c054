package gt.enlace.survey.checklist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentException;
import gt.enlace.survey.instrument.Item;
import gt.enlace.survey.instrument.LocalizedText;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The checklist's rules, loaded from a data file (format documented at the top of {@value #DEFAULT_RESOURCE}) and
 * checked against the instrument: every problem is collected before failing, as
 * {@code <source>: <entry>: <reason>}, and an unknown key is an error.
 *
 * @param version    the rules' version
 * @param steps      in file order
 */
public record ChecklistRules(int version, List<Rule> steps) {

    /** Classpath resource of the current rules. */
    public static final String DEFAULT_RESOURCE = "survey/checklist-v1.yaml";

    /** Observed metrics a {@code when} condition can name. */
    public static final Set<String> OBSERVED_METRICS = Set.of("sdk", "gateway", "csv-bridge", "accepted",
            "dead-lettered", "manual-declared", "manual-counterpart");
    /** Evidence a {@code done} can name. */
    public static final Set<String> EVIDENCE = Set.of("schema-registered", "accepted", "sdk", "gateway", "digital",
            "manual-declared", "agreement", "sandbox");
    /** Values of {@code foreach}. */
    public static final Set<String> FOREACH = Set.of("manual-counterpart");

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Set<String> TOP_KEYS = Set.of("version", "instrument", "steps");
    private static final Set<String> STEP_KEYS = Set.of("id", "dimension", "when", "foreach", "done", "text", "detail");
    private static final Set<String> CONDITION_KEYS = Set.of("item", "below", "in", "observed");

    public ChecklistRules {
        steps = List.copyOf(steps);
    }

    /**
     * One rule.
     *
     * @param id        stable id
     * @param dimension instrument dimension
     * @param when      any of these makes it apply; empty: it applies whenever its dimension is below target
     * @param foreach   {@code manual-counterpart} or null
     * @param done      evidence that ticks it, or null
     * @param text      short imperative
     * @param detail    one or two sentences
     */
    public record Rule(String id, String dimension, List<Condition> when, String foreach, String done,
                       LocalizedText text, LocalizedText detail) {

        public Rule {
            when = List.copyOf(when);
        }

        /** Whether one of its conditions is on observed traffic. */
        public boolean observedCondition() {
            return when.stream().anyMatch(c -> c.observed() != null);
        }
    }

    /**
     * A condition: on an item ({@code item} with {@code below} or {@code in}) or on observed traffic
     * ({@code observed}).
     *
     * @param item     item id, or null
     * @param below    item score bound, or null
     * @param in       answer codes, empty unless {@code item} with {@code in}
     * @param observed observed metric, or null
     */
    public record Condition(String item, Double below, List<String> in, String observed) {

        public Condition {
            in = List.copyOf(in);
        }
    }

    /** The bundled rules, {@value #DEFAULT_RESOURCE}, checked against {@code instrument}. */
    public static ChecklistRules loadDefault(Instrument instrument) {
        try (InputStream in = ChecklistRules.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + DEFAULT_RESOURCE + " is missing from the survey jar");
            }
            return load("classpath:" + DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    instrument);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath:" + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads rules from YAML text.
     *
     * @param source     names the text in messages
     * @param yaml       the rules
     * @param instrument the instrument whose dimensions and items they name
     * @throws InstrumentException listing every problem
     */
    public static ChecklistRules load(String source, String yaml, Instrument instrument) {
        return new Loader(source, instrument).parse(yaml);
    }

    private static final class Loader {
        private final String source;
        private final Instrument instrument;
        private final List<String> problems = new ArrayList<>();

        Loader(String source, Instrument instrument) {
            this.source = source;
            this.instrument = Objects.requireNonNull(instrument, "'instrument' cannot be null");
        }

        ChecklistRules parse(String yaml) {
            Object root;
            try {
                root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            } catch (YAMLException e) {
                throw new InstrumentException(source, List.of(source + ": not valid YAML: " + e.getMessage()));
            }
            if (!(root instanceof Map<?, ?> top)) {
                throw new InstrumentException(source, List.of(source + ": checklist: must be a YAML mapping with the "
                        + "keys version, instrument, steps"));
            }
            keys(top, TOP_KEYS, "checklist");
            int version = top.get("version") instanceof Integer v ? v : 0;
            if (version < 1) {
                problem("checklist", "version must be an integer of 1 or more, got " + top.get("version"));
            }
            if (!(top.get("instrument") instanceof Integer iv) || iv != instrument.version()) {
                problem("checklist", "instrument must be " + instrument.version() + " (the loaded instrument's "
                        + "version), got " + top.get("instrument"));
            }
            List<Rule> rules = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            if (!(top.get("steps") instanceof List<?> list) || list.isEmpty()) {
                problem("checklist", "steps must be a non-empty list");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    Rule rule = rule(list.get(i), i + 1, ids);
                    if (rule != null) {
                        rules.add(rule);
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InstrumentException(source, problems);
            }
            return new ChecklistRules(version, rules);
        }

        private Rule rule(Object node, int index, Set<String> ids) {
            String entry = "step #" + index;
            if (!(node instanceof Map<?, ?> map)) {
                problem(entry, "must be a mapping");
                return null;
            }
            String id = string(map.get("id"));
            if (id == null || !ID.matcher(id).matches()) {
                problem(entry, "id must be lower-case kebab, got " + map.get("id"));
            } else {
                entry = "step " + id;
                if (!ids.add(id)) {
                    problem(entry, "duplicate id");
                }
            }
            keys(map, STEP_KEYS, entry);
            String dimension = string(map.get("dimension"));
            if (dimension == null || instrument.dimension(dimension).isEmpty()) {
                problem(entry, "dimension must be one of the instrument's " + dimensionIds() + ", got "
                        + map.get("dimension"));
            }
            String foreach = string(map.get("foreach"));
            if (map.containsKey("foreach") && !FOREACH.contains(foreach)) {
                problem(entry, "foreach must be one of " + FOREACH + ", got " + map.get("foreach"));
            }
            String done = string(map.get("done"));
            if (map.containsKey("done") && !EVIDENCE.contains(done)) {
                problem(entry, "done must be one of " + new java.util.TreeSet<>(EVIDENCE) + ", got " + map.get("done"));
            }
            List<Condition> when = new ArrayList<>();
            Object whenNode = map.get("when");
            if (whenNode != null && !(whenNode instanceof List<?>)) {
                problem(entry, "when must be a list of conditions");
            } else if (whenNode instanceof List<?> conditions) {
                for (int i = 0; i < conditions.size(); i++) {
                    Condition c = condition(conditions.get(i), entry + ": when #" + (i + 1));
                    if (c != null) {
                        when.add(c);
                    }
                }
            }
            LocalizedText text = text(map.get("text"), entry, "text");
            LocalizedText detail = text(map.get("detail"), entry, "detail");
            if (id == null || dimension == null || text == null || detail == null) {
                return null;
            }
            return new Rule(id, dimension, when, foreach, done, text, detail);
        }

        private Condition condition(Object node, String entry) {
            if (!(node instanceof Map<?, ?> map)) {
                problem(entry, "must be a mapping");
                return null;
            }
            keys(map, CONDITION_KEYS, entry);
            if (map.containsKey("observed")) {
                String observed = string(map.get("observed"));
                if (!OBSERVED_METRICS.contains(observed) || map.size() != 1) {
                    problem(entry, "observed must be alone and one of " + new java.util.TreeSet<>(OBSERVED_METRICS)
                            + ", got " + map);
                    return null;
                }
                return new Condition(null, null, List.of(), observed);
            }
            String itemId = string(map.get("item"));
            Item item = itemId == null ? null : instrument.item(itemId).orElse(null);
            if (item == null) {
                problem(entry, "item must be an item of instrument version " + instrument.version() + ", got "
                        + map.get("item"));
                return null;
            }
            if (map.containsKey("below") == map.containsKey("in")) {
                problem(entry, "an item condition needs exactly one of below or in");
                return null;
            }
            if (map.containsKey("below")) {
                if (!(map.get("below") instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 100) {
                    problem(entry, "below must be a number from 0 to 100, got " + map.get("below"));
                    return null;
                }
                return new Condition(itemId, n.doubleValue(), List.of(), null);
            }
            if (!(map.get("in") instanceof List<?> codes) || codes.isEmpty()) {
                problem(entry, "in must be a non-empty list of answer codes");
                return null;
            }
            List<String> values = new ArrayList<>();
            for (Object code : codes) {
                String value = String.valueOf(code);
                if (!item.read(value).valid()) {
                    problem(entry, "'" + value + "' is not an answer of " + itemId);
                } else {
                    values.add(item.read(value).canonical().orElse(value));
                }
            }
            return new Condition(itemId, null, values, null);
        }

        private LocalizedText text(Object node, String entry, String key) {
            if (node instanceof Map<?, ?> map && map.get("es") instanceof String es && map.get("en") instanceof String en
                    && !es.isBlank() && !en.isBlank()) {
                keys(map, Set.of("es", "en"), entry + ": " + key);
                return new LocalizedText(es, en);
            }
            problem(entry, key + " must have non-empty es and en texts");
            return null;
        }

        private Set<String> dimensionIds() {
            Set<String> ids = new LinkedHashSet<>();
            instrument.dimensions().forEach(d -> ids.add(d.id()));
            return ids;
        }

        private void keys(Map<?, ?> map, Set<String> allowed, String entry) {
            for (Object key : map.keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    problem(entry, "unknown key '" + key + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        private static String string(Object value) {
            return value instanceof String s ? s : null;
        }

        private void problem(String entry, String reason) {
            problems.add(source + ": " + entry + ": " + reason);
        }
    }
}
