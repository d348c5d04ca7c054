package gt.enlace.survey.pilot;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import gt.enlace.bus.headers.Channel;
import gt.enlace.survey.exchanges.ManualExchange;

/**
 * What the synthetic pilot consists of: survey responses, bus publications and declared manual exchanges. Built by
 * {@link SyntheticPilot#plan}; the same seed and day always give the same plan.
 *
 * @param institutions the institutions taking part, catalog codes in a stable order
 * @param responses    one response per institution and round, answers by item id in canonical text
 * @param publications the events each institution that moved to the bus publishes, by topic and channel
 * @param exchanges    the manual exchanges the institutions declare
 */
public record PilotPlan(List<String> institutions, List<PlannedResponse> responses, List<Publication> publications,
                        List<ManualExchange> exchanges) {

    public PilotPlan {
        institutions = List.copyOf(institutions);
        responses = List.copyOf(responses);
        publications = List.copyOf(publications);
        exchanges = List.copyOf(exchanges);
    }

    /**
     * One response of the plan.
     *
     * @param institution catalog code
     * @param round       e.g. {@value SyntheticPilot#BASELINE_ROUND}
     * @param answers     item id → canonical answer ({@code 0}–{@code 4}, {@code yes}/{@code no}, option codes)
     */
    public record PlannedResponse(String institution, String round, Map<String, String> answers) {
        public PlannedResponse {
            Objects.requireNonNull(institution, "'institution' cannot be null");
            Objects.requireNonNull(round, "'round' cannot be null");
            answers = Map.copyOf(answers);
        }
    }

    /**
     * A batch of events one institution publishes on one of its topics through one channel.
     *
     * @param institution the topic's owner
     * @param topic       catalog topic
     * @param channel     {@link Channel#SDK}, {@link Channel#GATEWAY} or {@link Channel#CSV_BRIDGE}
     * @param firstIndex  the first {@code SampleEvents.sampleFor(topic, index)} index (distinct events per batch)
     * @param count       number of events
     */
    public record Publication(String institution, String topic, Channel channel, int firstIndex, int count) {
        public Publication {
            Objects.requireNonNull(institution, "'institution' cannot be null");
            Objects.requireNonNull(topic, "'topic' cannot be null");
            Objects.requireNonNull(channel, "'channel' cannot be null");
            if (count < 1 || firstIndex < 0) {
                throw new IllegalArgumentException("a publication needs count >= 1 and firstIndex >= 0, got "
                        + count + " and " + firstIndex);
            }
        }
    }

    /** The responses of one round. */
    public List<PlannedResponse> round(String round) {
        return responses.stream().filter(r -> r.round().equals(round)).toList();
    }

    /** The rounds, in order. */
    public List<String> rounds() {
        return responses.stream().map(PlannedResponse::round).distinct().toList();
    }

    /** The institutions that publish on the bus. */
    public Set<String> movedToBus() {
        return publications.stream().map(Publication::institution).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Events planned per channel code, e.g. {@code sdk → 250}. */
    public Map<String, Integer> eventsByChannel() {
        Map<String, Integer> byChannel = new TreeMap<>();
        publications.forEach(p -> byChannel.merge(p.channel().code(), p.count(), Integer::sum));
        return byChannel;
    }

    /** Events planned per institution and channel code. */
    public Map<String, Map<String, Integer>> eventsByInstitutionAndChannel() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        publications.forEach(p -> out.computeIfAbsent(p.institution(), i -> new TreeMap<>())
                .merge(p.channel().code(), p.count(), Integer::sum));
        return out;
    }

    /** Records declared in manual exchanges, summed. */
    public long manualRecords() {
        return exchanges.stream().mapToLong(ManualExchange::records).sum();
    }

    /**
     * The share of a round's responses whose answer to {@code item} is one of {@code values} (any code of a
     * multiple-choice answer counts), as the survey's headline figures compute it; 0 without responses.
     */
    public double share(String round, String item, Set<String> values) {
        List<PlannedResponse> all = round(round);
        long answered = all.stream().filter(r -> r.answers().containsKey(item)).count();
        long matching = all.stream().map(r -> r.answers().get(item)).filter(Objects::nonNull)
                .filter(a -> gt.enlace.survey.instrument.Item.codes(a).stream().anyMatch(values::contains)).count();
        return answered == 0 ? 0 : (double) matching / answered;
    }
}
