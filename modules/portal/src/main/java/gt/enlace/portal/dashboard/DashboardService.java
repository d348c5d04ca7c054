package gt.enlace.portal.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.portal.catalog.AgreementLookup;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.metrics.AgreementSpan;
import gt.enlace.survey.metrics.AgreementsInForce;
import gt.enlace.survey.metrics.MetricsSettings;
import gt.enlace.survey.metrics.MetricsUnavailableException;
import gt.enlace.survey.metrics.ObservedMetricsService;
import gt.enlace.survey.metrics.PeriodMetrics;
import gt.enlace.survey.network.ExchangeNetwork;
import gt.enlace.survey.responses.ResponseView;
import gt.enlace.survey.responses.StoredResponse;
import gt.enlace.survey.responses.SyntheticData;
import gt.enlace.survey.checklist.Checklist;
import gt.enlace.survey.checklist.MaturityChecklist;
import gt.enlace.survey.web.SurveyReports;
import gt.enlace.subscriber.deliveries.DeliveryStatus;
import gt.enlace.subscriber.deliveries.GroupDelivery;
import gt.enlace.subscriber.deliveries.PartitionDelivery;
import gt.enlace.subscriber.deliveries.TopicDeliveries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the dashboard pages read, from the survey module's services (responses, observed metrics, reports), the
 * subscriber module's delivery status and the data-sharing agreements on the bus ({@link AgreementLookup}, as the
 * catalog reads them). It computes nothing of its own: scores, levels, gaps, trends, next steps and
 * the exchange network come from the survey module. The survey role's beans are looked up when a page is asked for,
 * so that the portal also starts in an application without them (its dashboard pages then answer 404).
 */
@Service
public class DashboardService {

    /** Set to {@code true} to label every dashboard page as synthetic data (the demo does). */
    public static final String SYNTHETIC = "enlace.dashboard.synthetic";

    private final ObjectProvider<SurveyReports> reports;
    private final ObjectProvider<ResponseView> responses;
    private final ObjectProvider<ObservedMetricsService> metrics;
    private final ObjectProvider<Instrument> instrument;
    private final ObjectProvider<TopicCatalog> catalog;
    private final ObjectProvider<DeliveryStatus> deliveries;
    private final ObjectProvider<MaturityChecklist> checklist;
    private final ObjectProvider<AgreementLookup> agreements;
    private final boolean syntheticByConfiguration;

    DashboardService(ObjectProvider<SurveyReports> reports, ObjectProvider<ResponseView> responses,
                     ObjectProvider<ObservedMetricsService> metrics, ObjectProvider<Instrument> instrument,
                     ObjectProvider<TopicCatalog> catalog, ObjectProvider<DeliveryStatus> deliveries,
                     ObjectProvider<MaturityChecklist> checklist, ObjectProvider<AgreementLookup> agreements,
                     Environment environment) {
        this.reports = reports;
        this.responses = responses;
        this.metrics = metrics;
        this.instrument = instrument;
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.checklist = checklist;
        this.agreements = agreements;
        this.syntheticByConfiguration = environment.getProperty(SYNTHETIC, Boolean.class, false);
    }

    private static <T> T required(ObjectProvider<T> provider) {
        T bean = provider.getIfAvailable();
        if (bean == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the survey role is not running here");
        }
        return bean;
    }

    /** The survey's reports. */
    public SurveyReports reports() {
        return required(reports);
    }

    /** The instrument. */
    public Instrument instrument() {
        return required(instrument);
    }

    /** Responses read from the bus. */
    public ResponseView responses() {
        return required(responses);
    }

    /** The topic catalog. */
    public TopicCatalog catalog() {
        return catalog.getIfAvailable(TopicCatalog::loadDefault);
    }

    /**
     * The institution's maturity checklist (the onboarding's steps to the next level, weakest dimension first), or
     * empty where the checklist is not running.
     */
    public Optional<Checklist> checklist(String code) {
        MaturityChecklist service = checklist.getIfAvailable();
        return service == null ? Optional.empty() : Optional.of(service.checklistFor(code));
    }

    /**
     * The data-sharing agreements the institution takes part in, as provider or consumer, in every status.
     *
     * @return empty when there are none, or when no agreement source is available here (no cluster, or the cluster
     *         does not answer)
     */
    public List<Agreement> agreements(String code) {
        AgreementLookup lookup = agreements.getIfAvailable();
        return lookup == null ? List.of() : lookup.agreementsOf(code);
    }

    /** Rounds with responses, oldest first. */
    public List<String> rounds() {
        return responses().rounds();
    }

    /**
     * The round a page shows: the requested one, or the latest when none is requested; null when there is no round
     * yet.
     *
     * @throws ResponseStatusException 404 for a round without responses
     */
    public String round(String requested) {
        List<String> rounds = rounds();
        if (requested == null || requested.isBlank()) {
            return rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
        }
        if (!rounds.contains(requested)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no responses for round '" + requested + "'");
        }
        return requested;
    }

    /** The latest response per institution of a round. */
    public List<StoredResponse> latest(String round) {
        return round == null ? List.of() : responses().latest().stream().filter(r -> r.round().equals(round)).toList();
    }

    /**
     * Observed metrics per institution and period.
     *
     * @param available  whether the metrics topology answered (false while it starts)
     * @param periods    one entry per institution and period
     * @param agreements the data-sharing agreements as the topology keeps them, counted per period on demand
     * @param settings   the periods' length and zone
     */
    public record Observed(boolean available, List<PeriodMetrics> periods, List<AgreementSpan> agreements,
                           MetricsSettings settings) {

        /** Observed metrics without agreements, in the default periods. */
        public Observed(boolean available, List<PeriodMetrics> periods) {
            this(available, periods, List.of(), MetricsSettings.DEFAULT);
        }

        /** Totals per institution over every period. */
        public Map<String, PeriodMetrics> totals() {
            return ObservedMetricsService.totalsByInstitution(periods, null, null);
        }

        /** The agreements of {@code institution} in force during the period that starts on {@code periodStart}. */
        public AgreementsInForce agreementsInForce(String institution, java.time.LocalDate periodStart) {
            return AgreementsInForce.of(agreements, institution, periodStart, settings);
        }
    }

    /** What the bus observed, or an empty unavailable result while the topology starts. */
    public Observed observed() {
        ObservedMetricsService service = metrics.getIfAvailable();
        if (service == null) {
            return new Observed(false, List.of());
        }
        try {
            return new Observed(true, service.all(), service.agreements(), service.settings());
        } catch (MetricsUnavailableException e) {
            return new Observed(false, List.of());
        }
    }

    /** The institution of the survey with {@code code}, or 404. */
    public InstitutionDefinition institution(String code) {
        return reports().institutions().stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no institution '" + code + "'"));
    }

    /**
     * The ranking rows of a round, as the survey API computes them ({@link SurveyReports#summary} plus
     * {@code previous}), best declared level first.
     */
    public List<Map<String, Object>> ranking(String round, Observed observed, String lang) {
        Map<String, PeriodMetrics> totals = observed.totals();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InstitutionDefinition institution : reports().institutions()) {
            Optional<StoredResponse> response = round == null ? Optional.empty()
                    : responses().latest(institution.code(), round);
            Map<String, Object> row = new LinkedHashMap<>(reports().summary(institution, round, response,
                    totals.get(institution.code()), lang));
            row.put("previous", reports().previous(institution.code(), round, responses(), lang));
            rows.add(row);
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> -score(r.get("declared")))
                .thenComparing(r -> -score(r.get("observed"))).thenComparing(r -> (String) r.get("institution")));
        return rows;
    }

    private static int score(Object level) {
        return level instanceof Map<?, ?> m && m.get("score") instanceof Integer s ? s : -1;
    }

    /** Whether the pages should say the data is synthetic. */
    public boolean synthetic(List<StoredResponse> shown) {
        return syntheticByConfiguration || SyntheticData.anySynthetic(shown);
    }

    /** Whether any response on the bus is synthetic (for pages not tied to one round). */
    public boolean anySynthetic() {
        return syntheticByConfiguration || SyntheticData.anySynthetic(responses().latest());
    }

    /**
     * A consumer group reading one of an institution's topics.
     *
     * @param topic       the topic
     * @param group       the consumer group
     * @param institution the group's institution, or null
     * @param delivered   records it consumed (committed offsets)
     * @param lag         records not yet consumed
     * @param caughtUp    whether the lag is 0
     */
    public record Subscriber(String topic, String group, String institution, long delivered, long lag, boolean caughtUp) {
    }

    /**
     * The consumer groups reading the topics, from the cluster's delivery status.
     *
     * @return empty when the delivery status is not available here; topics not yet created are skipped
     */
    public Optional<List<Subscriber>> subscribers(List<TopicDefinition> topics) {
        DeliveryStatus status = deliveries.getIfAvailable();
        if (status == null) {
            return Optional.empty();
        }
        java.util.Set<String> codes = new java.util.HashSet<>(reports().institutions().stream()
                .map(InstitutionDefinition::code).toList());
        List<Subscriber> out = new ArrayList<>();
        try {
            for (TopicDefinition topic : topics) {
                TopicDeliveries d;
                try {
                    d = status.deliveries(topic.name());
                } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
                    continue;
                }
                for (GroupDelivery g : d.groups()) {
                    long delivered = g.partitions().stream().mapToLong(PartitionDelivery::committedOffset).sum();
                    out.add(new Subscriber(topic.name(), g.group(),
                            ExchangeNetwork.institutionOfGroup(g.group(), codes).orElse(null), delivered, g.lag(),
                            g.caughtUp()));
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /** The data topics of the institutions of the survey (not the evaluators' own). */
    public List<TopicDefinition> dataTopics() {
        java.util.Set<String> codes = new java.util.HashSet<>(reports().institutions().stream()
                .map(InstitutionDefinition::code).toList());
        return catalog().topics().stream().filter(t -> codes.contains(t.owner())).toList();
    }

    /** The exchange network over every observed period, or empty when the delivery status is not available. */
    public ExchangeNetwork network(Observed observed, List<Subscriber> subscribers) {
        Map<String, String> owners = new java.util.HashMap<>();
        catalog().topics().forEach(t -> owners.put(t.name(), t.owner()));
        List<ExchangeNetwork.Subscription> subscriptions = subscribers.stream()
                .map(s -> new ExchangeNetwork.Subscription(owners.get(s.topic()), s.topic(), s.group(), s.delivered()))
                .toList();
        return ExchangeNetwork.build(reports().institutions().stream().map(InstitutionDefinition::code).toList(),
                observed.totals(), subscriptions);
    }
}
