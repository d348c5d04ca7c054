package gt.enlace.survey.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import gt.enlace.survey.metrics.PeriodMetrics;

/**
 * Who exchanges data with whom, and how: institutions as nodes, exchanges as edges.
 * <ul>
 *   <li>A <b>digital</b> edge goes from the institution that owns a topic to each institution whose consumer
 *       group read it on the bus; its weight is the records the groups consumed (their committed offsets). A
 *       group belongs to the institution its id starts with ({@code <institution>.<application>}, the
 *       subscriber's convention); groups of no known institution, and an institution reading its own topics,
 *       make no edge.</li>
 *   <li>A <b>manual</b> edge goes from an institution to each counterpart it declared in the manual exchange
 *       log; its weight is the records declared.</li>
 * </ul>
 * Immutable; nodes in the order of the institutions given, edges by kind, source and target.
 */
public final class ExchangeNetwork {

    /** How an exchange travels. */
    public enum Kind {
        /** Through the bus: published by the owner, consumed by the other institution. */
        DIGITAL,
        /** Declared in the manual exchange log: paper, e-mail, spreadsheet, USB. */
        MANUAL
    }

    /**
     * A consumer group's reading of a topic.
     *
     * @param provider the topic's owner
     * @param topic    the topic
     * @param group    the consumer group id
     * @param records  records the group consumed (sum of its committed offsets)
     */
    public record Subscription(String provider, String topic, String group, long records) {
    }

    /**
     * One institution.
     *
     * @param institution   code
     * @param digital       events it published through the SDK or gateway
     * @param semiDigital   events it published through the CSV bridge
     * @param manualRecords records it declared as exchanged by hand
     * @param degree        edges it takes part in
     */
    public record Node(String institution, long digital, long semiDigital, long manualRecords, int degree) {
    }

    /**
     * One exchange relation.
     *
     * @param from    the provider (digital) or the declaring institution (manual)
     * @param to      the consumer (digital) or the counterpart (manual)
     * @param kind    digital or manual
     * @param records records consumed (digital) or declared (manual)
     * @param topics  digital only: the topics read
     */
    public record Edge(String from, String to, Kind kind, long records, SortedSet<String> topics) {
        public Edge {
            topics = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(topics));
        }
    }

    private final List<Node> nodes;
    private final List<Edge> edges;

    private ExchangeNetwork(List<Node> nodes, List<Edge> edges) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
    }

    /** Every institution given, even one without edges. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Every edge. */
    public List<Edge> edges() {
        return edges;
    }

    /** The institution a consumer group belongs to: its id's part before the first dot, if that is a known code. */
    public static Optional<String> institutionOfGroup(String group, Set<String> institutions) {
        int dot = group == null ? -1 : group.indexOf('.');
        String prefix = dot <= 0 ? group : group.substring(0, dot);
        return prefix != null && institutions.contains(prefix) ? Optional.of(prefix) : Optional.empty();
    }

    /**
     * Builds the network.
     *
     * @param institutions  codes, in display order
     * @param totals        observed metrics per institution (summed over the periods wanted)
     * @param subscriptions consumer groups' readings of data topics
     */
    public static ExchangeNetwork build(Collection<String> institutions, Map<String, PeriodMetrics> totals,
                                        List<Subscription> subscriptions) {
        Set<String> known = new java.util.LinkedHashSet<>(institutions);
        Map<List<Object>, long[]> weights = new TreeMap<>(Comparator.<List<Object>, String>comparing(k -> k.get(0).toString())
                .thenComparing(k -> k.get(1).toString()).thenComparing(k -> k.get(2).toString()));
        Map<List<Object>, SortedSet<String>> topics = new LinkedHashMap<>();
        for (Subscription s : subscriptions) {
            Optional<String> consumer = institutionOfGroup(s.group(), known);
            if (consumer.isEmpty() || !known.contains(s.provider()) || consumer.get().equals(s.provider())) {
                continue;
            }
            List<Object> key = List.of(Kind.DIGITAL, s.provider(), consumer.get());
            weights.computeIfAbsent(key, k -> new long[1])[0] += s.records();
            topics.computeIfAbsent(key, k -> new TreeSet<>()).add(s.topic());
        }
        for (String institution : known) {
            PeriodMetrics m = totals.get(institution);
            if (m == null) {
                continue;
            }
            m.manualByCounterpart().forEach((counterpart, records) -> {
                if (known.contains(counterpart) && !counterpart.equals(institution) && records > 0) {
                    weights.computeIfAbsent(List.of(Kind.MANUAL, institution, counterpart), k -> new long[1])[0] += records;
                }
            });
        }
        List<Edge> edges = new ArrayList<>();
        weights.forEach((key, w) -> edges.add(new Edge((String) key.get(1), (String) key.get(2), (Kind) key.get(0), w[0],
                topics.getOrDefault(key, new TreeSet<>()))));
        List<Node> nodes = new ArrayList<>();
        for (String institution : known) {
            PeriodMetrics m = totals.get(institution);
            int degree = (int) edges.stream().filter(e -> e.from().equals(institution) || e.to().equals(institution))
                    .count();
            nodes.add(new Node(institution, m == null ? 0 : m.digital(), m == null ? 0 : m.csvBridge(),
                    m == null ? 0 : m.manual(), degree));
        }
        return new ExchangeNetwork(nodes, edges);
    }
}
