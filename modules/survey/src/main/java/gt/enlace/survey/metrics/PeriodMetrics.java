package gt.enlace.survey.metrics;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

import gt.enlace.survey.scoring.ObservedScoring;

/**
 * What the bus observed about one institution in one period (or, after {@link #plus}, over several). Immutable.
 *
 * <p>Counted from headers only: {@code ce_source} says the institution (the topic's institution segment when
 * the header is missing or malformed), {@code ce_channel} the channel, {@code ce_time} and the record timestamp
 * the delivery latency. Dead-letter topics count as dead-lettered; the manual exchange log adds its records
 * count, by medium and counterpart, dated by the exchange's date. The subscription samples
 * ({@link SubscriptionSamples}) add the {@code group@topic} pairs that consumed from the institution's topics.
 *
 * @param institution       catalog code
 * @param periodKey         e.g. {@code 2026-11-23}; {@code *} for a sum over periods
 * @param periodStart       first day of the period (of the earliest one in a sum)
 * @param sdk               events with {@code ce_channel=sdk}
 * @param gateway           events with {@code ce_channel=gateway}
 * @param csvBridge         events with {@code ce_channel=csv-bridge}
 * @param declaredManual    events on data topics with {@code ce_channel=declared-manual} (should be none)
 * @param unknownChannel    events without a known {@code ce_channel}
 * @param deadLettered      records on dead-letter topics
 * @param manualDeclarations entries in the manual exchange log
 * @param manualRecords      records declared in them
 * @param manualByMedium     manual records by medium ({@code paper}, {@code email}, ...)
 * @param manualByCounterpart manual records by counterpart institution
 * @param latencyBuckets     delivery latencies as a histogram: bucket index → count ({@link LatencyHistogram})
 * @param subscriptions      active subscriptions: the {@code <group>@<topic>} pairs whose committed offset on one of
 *                           the institution's data topics advanced in the period (a set, so a sum over periods or
 *                           over stream tasks counts each pair once)
 */
public record PeriodMetrics(String institution, String periodKey, LocalDate periodStart, long sdk, long gateway,
                            long csvBridge, long declaredManual, long unknownChannel, long deadLettered,
                            long manualDeclarations, long manualRecords, SortedMap<String, Long> manualByMedium,
                            SortedMap<String, Long> manualByCounterpart, SortedMap<Integer, Long> latencyBuckets,
                            Set<String> subscriptions) {

    public PeriodMetrics {
        Objects.requireNonNull(institution, "'institution' cannot be null");
        Objects.requireNonNull(periodKey, "'periodKey' cannot be null");
        Objects.requireNonNull(periodStart, "'periodStart' cannot be null");
        manualByMedium = unmodifiable(manualByMedium);
        manualByCounterpart = unmodifiable(manualByCounterpart);
        latencyBuckets = unmodifiable(latencyBuckets);
        // Set.copyOf returns an immutable set as it is: the topology hands the same set on with every event.
        subscriptions = Set.copyOf(Objects.requireNonNull(subscriptions, "'subscriptions' cannot be null"));
    }

    /** Metrics without subscriptions (what the bus observed before subscriptions were sampled). */
    public PeriodMetrics(String institution, String periodKey, LocalDate periodStart, long sdk, long gateway,
                         long csvBridge, long declaredManual, long unknownChannel, long deadLettered,
                         long manualDeclarations, long manualRecords, SortedMap<String, Long> manualByMedium,
                         SortedMap<String, Long> manualByCounterpart, SortedMap<Integer, Long> latencyBuckets) {
        this(institution, periodKey, periodStart, sdk, gateway, csvBridge, declaredManual, unknownChannel, deadLettered,
                manualDeclarations, manualRecords, manualByMedium, manualByCounterpart, latencyBuckets, Set.of());
    }

    /** Empty metrics. */
    public static PeriodMetrics empty(String institution, String periodKey, LocalDate periodStart) {
        return new PeriodMetrics(institution, periodKey, periodStart, 0, 0, 0, 0, 0, 0, 0, 0, new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(), Set.of());
    }

    /** Digital events: SDK + gateway. */
    public long digital() {
        return sdk + gateway;
    }

    /** Manual exchanges: records declared in the log plus data events marked declared-manual. */
    public long manual() {
        return manualRecords + declaredManual;
    }

    /** Exchanges counted for the digital share: digital + CSV bridge + manual. */
    public long exchanges() {
        return digital() + csvBridge + manual();
    }

    /** Events the bus accepted on data topics, whatever their channel. */
    public long accepted() {
        return sdk + gateway + csvBridge + declaredManual + unknownChannel;
    }

    /** (SDK + gateway) / (SDK + gateway + CSV bridge + manual); empty without exchanges. */
    public Optional<Double> digitalShare() {
        return exchanges() == 0 ? Optional.empty() : Optional.of((double) digital() / exchanges());
    }

    /** accepted / (accepted + dead-lettered); empty when both are 0. */
    public Optional<Double> conformance() {
        long all = accepted() + deadLettered;
        return all == 0 ? Optional.empty() : Optional.of((double) accepted() / all);
    }

    /** Events with a measured latency. */
    public long latencySamples() {
        return latencyBuckets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The lower median of the delivery latencies in milliseconds (see {@link LatencyHistogram}), if any. */
    public Optional<Long> medianLatencyMillis() {
        return LatencyHistogram.median(latencyBuckets);
    }

    /** Active subscriptions: distinct {@code group@topic} pairs that consumed from the institution's topics. */
    public long activeSubscriptions() {
        return subscriptions.size();
    }

    /** The subscriptions in order, {@code <group>@<topic>}. */
    public SortedSet<String> sortedSubscriptions() {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(subscriptions));
    }

    /** These metrics with one more subscription. */
    public PeriodMetrics withSubscription(String groupAtTopic) {
        if (subscriptions.contains(groupAtTopic)) {
            return this;
        }
        Set<String> more = new java.util.HashSet<>(subscriptions);
        more.add(groupAtTopic);
        return new PeriodMetrics(institution, periodKey, periodStart, sdk, gateway, csvBridge, declaredManual,
                unknownChannel, deadLettered, manualDeclarations, manualRecords, manualByMedium, manualByCounterpart,
                latencyBuckets, more);
    }

    /** The observed exchange-processes score (see {@link ObservedScoring}), if there was any exchange. */
    public Optional<Integer> exchangeScore() {
        return ObservedScoring.exchangeScore(digital(), csvBridge, manual(), accepted(), deadLettered);
    }

    /** The sum of these metrics and {@code other} (same institution), over both periods; subscriptions are united. */
    public PeriodMetrics plus(PeriodMetrics other) {
        return new PeriodMetrics(institution, periodKey.equals(other.periodKey) ? periodKey : "*",
                periodStart.isBefore(other.periodStart) ? periodStart : other.periodStart,
                sdk + other.sdk, gateway + other.gateway, csvBridge + other.csvBridge,
                declaredManual + other.declaredManual, unknownChannel + other.unknownChannel,
                deadLettered + other.deadLettered, manualDeclarations + other.manualDeclarations,
                manualRecords + other.manualRecords, merge(manualByMedium, other.manualByMedium),
                merge(manualByCounterpart, other.manualByCounterpart), merge(latencyBuckets, other.latencyBuckets),
                union(subscriptions, other.subscriptions));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (b.isEmpty() || a.containsAll(b)) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    static <K extends Comparable<K>> SortedMap<K, Long> merge(Map<K, Long> a, Map<K, Long> b) {
        TreeMap<K, Long> sum = new TreeMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return sum;
    }

    private static <K> SortedMap<K, Long> unmodifiable(SortedMap<K, Long> map) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(map)));
    }
}
