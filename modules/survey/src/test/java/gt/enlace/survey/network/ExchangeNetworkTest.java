package gt.enlace.survey.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import gt.enlace.survey.metrics.PeriodMetrics;
import gt.enlace.survey.network.ExchangeNetwork.Edge;
import gt.enlace.survey.network.ExchangeNetwork.Kind;
import gt.enlace.survey.network.ExchangeNetwork.Subscription;
import org.junit.jupiter.api.Test;

class ExchangeNetworkTest {

    private static final List<String> INSTITUTIONS = List.of("renap", "sat", "mineduc", "mspas");

    private static PeriodMetrics metrics(String institution, long sdk, long csv, Map<String, Long> manualByCounterpart) {
        long manual = manualByCounterpart.values().stream().mapToLong(Long::longValue).sum();
        return new PeriodMetrics(institution, "*", LocalDate.of(2026, 11, 1), sdk, 0, csv, 0, 0, 0,
                manualByCounterpart.size(), manual, new TreeMap<>(Map.of("paper", manual)),
                new TreeMap<>(manualByCounterpart), new TreeMap<>());
    }

    @Test
    void aGroupBelongsToTheInstitutionItsIdStartsWith() {
        Set<String> known = Set.copyOf(INSTITUTIONS);
        assertThat(ExchangeNetwork.institutionOfGroup("sat.births", known)).contains("sat");
        assertThat(ExchangeNetwork.institutionOfGroup("sat", known)).contains("sat");
        assertThat(ExchangeNetwork.institutionOfGroup("muni-mixco.births", known)).isEmpty();
        assertThat(ExchangeNetwork.institutionOfGroup(".sat", known)).isEmpty();
        assertThat(ExchangeNetwork.institutionOfGroup(null, known)).isEmpty();
    }

    @Test
    void consumersOfATopicBecomeDigitalEdgesWeightedByWhatTheyConsumedAndTheLogBecomesManualEdges() {
        ExchangeNetwork network = ExchangeNetwork.build(INSTITUTIONS, Map.of(
                        "renap", metrics("renap", 30, 5, Map.of("mineduc", 40L)),
                        "mspas", metrics("mspas", 0, 0, Map.of("renap", 7L, "unknown-inst", 3L))),
                List.of(new Subscription("renap", "gt.renap.birth-registered.v1", "sat.births", 20),
                        new Subscription("renap", "gt.renap.death-registered.v1", "sat.deaths", 5),
                        new Subscription("renap", "gt.renap.birth-registered.v1", "mineduc.enrolment", 30),
                        new Subscription("renap", "gt.renap.birth-registered.v1", "renap.audit", 30),
                        new Subscription("renap", "gt.renap.birth-registered.v1", "someone-else", 30)));

        assertThat(network.edges()).containsExactly(
                new Edge("renap", "mineduc", Kind.DIGITAL, 30, new java.util.TreeSet<>(Set.of("gt.renap.birth-registered.v1"))),
                new Edge("renap", "sat", Kind.DIGITAL, 25, new java.util.TreeSet<>(Set.of(
                        "gt.renap.birth-registered.v1", "gt.renap.death-registered.v1"))),
                new Edge("mspas", "renap", Kind.MANUAL, 7, new java.util.TreeSet<>()),
                new Edge("renap", "mineduc", Kind.MANUAL, 40, new java.util.TreeSet<>()));
        assertThat(network.nodes()).extracting(ExchangeNetwork.Node::institution).containsExactlyElementsOf(INSTITUTIONS);
        assertThat(network.nodes().get(0)).isEqualTo(new ExchangeNetwork.Node("renap", 30, 5, 40, 4));
        assertThat(network.nodes().get(3)).isEqualTo(new ExchangeNetwork.Node("mspas", 0, 0, 10, 1));
    }
}
