package gt.enlace.portal.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import gt.enlace.bus.topics.TopicStatistics;
import gt.enlace.bus.topics.TopicStatistics.TopicState;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.diff.SchemaDiff;
import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import gt.enlace.serde.client.SchemaRegistryClients;
import gt.enlace.subscriber.deliveries.DeliveryStatus;
import gt.enlace.subscriber.deliveries.GroupDelivery;
import gt.enlace.subscriber.deliveries.TopicDeliveries;
import jakarta.annotation.PreDestroy;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Assembles the data catalog from the services that own each part: the topic catalog (owner, description,
 * classification, legal basis, retention, schema), the schema registry (current schema and version history,
 * compared with {@link SchemaDiff}), the cluster (record counts through {@link TopicStatistics}) and the delivery
 * status (subscribers and their lag). Owns no rule of its own; when the registry or the cluster does not answer,
 * that part of an entry says so and the rest is still served.
 */
@Service
public class CatalogService {

    /** The platform's key for the schema registry's base URL; without it the history part says it is unavailable. */
    public static final String REGISTRY_URL = "enlace.platform.registry-url";

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final TopicCatalog catalog;
    private final CatalogSearch search;
    private final SchemaFields fields;
    private final ObjectProvider<Admin> admin;
    private final ObjectProvider<DeliveryStatus> deliveries;
    private final SchemaRegistryClient registry;
    private final AgreementLookup agreements;

    /**
     * @param catalog     the platform's {@code topicCatalog}; the bundled default catalog when there is none
     * @param messages    the portal's messages, for the field types in words
     * @param admin       the platform's {@code kafkaAdmin}, optional
     * @param deliveries  the delivery status service, optional
     * @param registryUrl the registry's base URL, empty for none
     * @param agreements  finds the agreement each subscriber reads under
     */
    public CatalogService(ObjectProvider<TopicCatalog> catalog, MessageSource messages, ObjectProvider<Admin> admin,
                          ObjectProvider<DeliveryStatus> deliveries, @Value("${" + REGISTRY_URL + ":}") String registryUrl,
                          AgreementLookup agreements) {
        this.agreements = agreements;
        this.catalog = catalog.getIfAvailable(TopicCatalog::loadDefault);
        this.search = new CatalogSearch(this.catalog);
        this.fields = new SchemaFields(messages);
        this.admin = admin;
        this.deliveries = deliveries;
        this.registry = registryUrl == null || registryUrl.isBlank() ? null
            : SchemaRegistryClients.create(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl));
    }

    @PreDestroy
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    /** @return the topic catalog the service reads */
    public TopicCatalog catalog() {
        return catalog;
    }

    /** @return the search over the catalog */
    public CatalogSearch search() {
        return search;
    }

    /**
     * The topics matching a query, with the catalog's parts only (no registry or cluster call).
     *
     * @param query  what to look for
     * @param locale language of the field types
     * @return the entries in catalog order
     */
    public List<CatalogEntry> summaries(CatalogQuery query, Locale locale) {
        return search.search(query).stream().map(t -> summary(t, query, locale)).toList();
    }

    /**
     * The topics matching a query with every part: history, example, statistics, subscribers.
     *
     * @param query  what to look for
     * @param locale language of the field types
     * @return the entries in catalog order
     */
    public List<CatalogEntry> entries(CatalogQuery query, Locale locale) {
        List<TopicDefinition> topics = search.search(query);
        Map<String, CatalogEntry.Statistics> statistics = statistics(topics.stream().map(TopicDefinition::name).toList());
        List<CatalogEntry> out = new ArrayList<>();
        for (TopicDefinition topic : topics) {
            out.add(full(topic, query, locale, statistics.get(topic.name())));
        }
        return out;
    }

    /**
     * One topic with every part.
     *
     * @param name   the topic name
     * @param locale language of the field types
     * @return its entry
     * @throws CatalogException {@link CatalogError#TOPIC_NOT_FOUND} when the catalog has no such topic
     */
    public CatalogEntry entry(String name, Locale locale) {
        TopicDefinition topic = topic(name);
        return full(topic, CatalogQuery.all(), locale, statistics(List.of(topic.name())).get(topic.name()));
    }

    /**
     * @param name a topic name
     * @return its catalog definition
     * @throws CatalogException {@link CatalogError#TOPIC_NOT_FOUND} when there is none
     */
    public TopicDefinition topic(String name) {
        return catalog.topic(name).orElseThrow(() -> new CatalogException(CatalogError.TOPIC_NOT_FOUND,
            "topic '" + abbreviate(name) + "' is not in the catalog"));
    }

    /**
     * @param code an institution code (or acronym)
     * @return its catalog definition
     * @throws CatalogException {@link CatalogError#INSTITUTION_NOT_FOUND} when there is none
     */
    public InstitutionDefinition institution(String code) {
        Optional<InstitutionDefinition> found = catalog.institution(code.toLowerCase(Locale.ROOT));
        if (found.isEmpty()) {
            found = catalog.institutions().stream().filter(i -> i.acronym().equalsIgnoreCase(code)).findFirst();
        }
        return found.orElseThrow(() -> new CatalogException(CatalogError.INSTITUTION_NOT_FOUND,
            "institution '" + abbreviate(code) + "' is not in the catalog"));
    }

    /**
     * What an institution reads on one topic: the consumer groups attributed to it (see
     * {@link CatalogEntry.Subscriber#institution()}) and the ids of the agreements in force that let it.
     *
     * @param topic      the topic (a summary entry)
     * @param groups     its consumer groups on the topic, possibly empty
     * @param agreements ids of the agreements in force for it on the topic, possibly empty
     */
    public record Reading(CatalogEntry topic, List<CatalogEntry.Subscriber> groups, List<String> agreements) {
    }

    /**
     * The topics an institution reads: those with a consumer group attributed to it, and those an agreement in
     * force lets it read.
     *
     * @param code   the institution code
     * @param locale language of the field types
     * @return one reading per topic, in catalog order; empty when the cluster does not answer
     */
    public List<Reading> readBy(String code, Locale locale) {
        List<gt.enlace.bus.agreements.Agreement> known = agreements.agreements();
        java.time.Instant now = java.time.Instant.now();
        List<Reading> out = new ArrayList<>();
        for (TopicDefinition topic : catalog.topics()) {
            List<CatalogEntry.Subscriber> own = subscribers(topic).groups().stream()
                .filter(s -> code.equals(s.institution())).toList();
            List<String> inForce = known.stream()
                .filter(a -> a.consumer().equals(code) && a.topics().contains(topic.name()) && a.inForce(now))
                .map(gt.enlace.bus.agreements.Agreement::id).toList();
            if (!own.isEmpty() || !inForce.isEmpty()) {
                out.add(new Reading(summary(topic, CatalogQuery.all(), locale), own, inForce));
            }
        }
        return out;
    }

    private CatalogEntry summary(TopicDefinition topic, CatalogQuery query, Locale locale) {
        return build(topic, query, new CatalogEntry.SchemaSection(topic.recordName(), "catalog", null,
            nullToEmpty(topic.schema().getDoc()), fields.fields(topic.schema(), locale)), null, null, null);
    }

    private CatalogEntry full(TopicDefinition topic, CatalogQuery query, Locale locale, CatalogEntry.Statistics statistics) {
        List<SchemaMetadata> versions = new ArrayList<>();
        CatalogEntry.History history = history(topic, versions);
        CatalogEntry.SchemaSection schema;
        if (versions.isEmpty()) {
            schema = new CatalogEntry.SchemaSection(topic.recordName(), "catalog", null,
                nullToEmpty(topic.schema().getDoc()), fields.fields(topic.schema(), locale));
        } else {
            SchemaMetadata latest = versions.get(versions.size() - 1);
            Schema current = latest.schema();
            schema = new CatalogEntry.SchemaSection(current.getFullName(), "registry", latest.version(),
                nullToEmpty(current.getDoc()), fields.fields(current, locale));
        }
        return build(topic, query, schema, history, statistics, subscribers(topic));
    }

    private CatalogEntry build(TopicDefinition topic, CatalogQuery query, CatalogEntry.SchemaSection schema,
                               CatalogEntry.History history, CatalogEntry.Statistics statistics,
                               CatalogEntry.Subscribers subscribers) {
        InstitutionDefinition owner = catalog.institution(topic.owner()).orElse(null);
        CatalogEntry.Owner ownerView = owner == null
            ? new CatalogEntry.Owner(topic.owner(), topic.owner().toUpperCase(Locale.ROOT), Map.of("es", topic.owner(), "en", topic.owner()))
            : new CatalogEntry.Owner(owner.code(), owner.acronym(), languages(owner.nameEs(), owner.nameEn()));
        CatalogEntry.Retention retention = topic.infiniteRetention()
            ? new CatalogEntry.Retention(topic.retentionMs(), true, null)
            : new CatalogEntry.Retention(topic.retentionMs(), false, Duration.ofMillis(topic.retentionMs()).toDays());
        return new CatalogEntry(topic.name(), ownerView, languages(topic.descriptionEs(), topic.descriptionEn()),
            topic.classification().code(), topic.legalBasis(), retention, topic.partitions(), topic.cleanupPolicy(),
            topic.compatibility(), topic.subject(), schema, search.matchingFields(topic, query.field()), history,
            ExampleRecords.example(topic.name()), statistics, subscribers);
    }

    private CatalogEntry.History history(TopicDefinition topic, List<SchemaMetadata> versions) {
        if (registry == null) {
            return new CatalogEntry.History(false, "no schema registry configured", List.of());
        }
        try {
            List<Integer> numbers;
            try {
                numbers = registry.getAllVersions(topic.subject());
            } catch (RestClientException e) {
                if (e.errorCode() == RestClientException.SUBJECT_NOT_FOUND || e.status() == 404) {
                    return new CatalogEntry.History(true, null, List.of());
                }
                throw e;
            }
            List<CatalogEntry.Version> out = new ArrayList<>();
            SchemaMetadata previous = null;
            for (int number : numbers.stream().sorted().toList()) {
                SchemaMetadata version = registry.getVersion(topic.subject(), number);
                versions.add(version);
                if (previous == null) {
                    out.add(new CatalogEntry.Version(version.version(), version.id(), List.of(), null, null));
                } else {
                    SchemaDiff diff = SchemaDiff.between(previous.schema(), version.schema());
                    out.add(new CatalogEntry.Version(version.version(), version.id(),
                        diff.changes().stream().map(SchemaDiff.Change::line).toList(), diff.newReadsOld(), diff.oldReadsNew()));
                }
                previous = version;
            }
            return new CatalogEntry.History(true, null, List.copyOf(out));
        } catch (RuntimeException e) {
            log.warn("Schema history of {} unavailable: {}", topic.subject(), e.toString());
            versions.clear();
            return new CatalogEntry.History(false, "the schema registry did not answer: " + e.getMessage(), List.of());
        }
    }

    private Map<String, CatalogEntry.Statistics> statistics(Collection<String> topics) {
        Map<String, CatalogEntry.Statistics> out = new LinkedHashMap<>();
        Admin client = admin.getIfAvailable();
        if (client == null) {
            topics.forEach(t -> out.put(t, new CatalogEntry.Statistics(false, "no cluster connection", false, 0, 0, 0)));
            return out;
        }
        try {
            Map<String, TopicState> states = new TopicStatistics(client).describe(topics);
            states.forEach((name, state) -> out.put(name, new CatalogEntry.Statistics(true, null, state.exists(),
                state.records(), state.recordsLastDay(), state.ratePerHour())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            topics.forEach(t -> out.put(t, new CatalogEntry.Statistics(false, "interrupted", false, 0, 0, 0)));
        } catch (Exception e) {
            log.warn("Topic statistics unavailable: {}", e.toString());
            topics.forEach(t -> out.put(t, new CatalogEntry.Statistics(false, "the cluster did not answer: " + e.getMessage(),
                false, 0, 0, 0)));
        }
        return out;
    }

    private CatalogEntry.Subscribers subscribers(TopicDefinition topic) {
        DeliveryStatus status = deliveries.getIfAvailable();
        if (status == null) {
            return new CatalogEntry.Subscribers(false, "no delivery status service", List.of());
        }
        try {
            TopicDeliveries found = status.deliveries(topic.name());
            List<CatalogEntry.Subscriber> groups = new ArrayList<>();
            List<gt.enlace.bus.agreements.Agreement> known = found.groups().isEmpty() ? List.of() : agreements.agreements();
            java.time.Instant now = java.time.Instant.now();
            for (GroupDelivery group : found.groups()) {
                String institution = institutionOf(group.group());
                groups.add(new CatalogEntry.Subscriber(group.group(), institution,
                    AgreementLookup.agreementFor(known, institution, topic.name(), now), group.state(),
                    group.members(), group.lag(), group.caughtUp(), group.lastDeliveredAt()));
            }
            return new CatalogEntry.Subscribers(true, null, List.copyOf(groups));
        } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
            return new CatalogEntry.Subscribers(true, null, List.of()); // not created yet: nobody reads it
        } catch (RuntimeException e) {
            log.warn("Subscribers of {} unavailable: {}", topic.name(), e.toString());
            return new CatalogEntry.Subscribers(false, "the cluster did not answer: " + e.getMessage(), List.of());
        }
    }

    /** The institution whose code starts a group id ({@code mineduc.enrolment} or {@code mineduc-enrolment}). */
    String institutionOf(String group) {
        String lower = group.toLowerCase(Locale.ROOT);
        for (InstitutionDefinition institution : catalog.institutions()) {
            String code = institution.code();
            if (lower.equals(code) || lower.startsWith(code + ".") || lower.startsWith(code + "-") || lower.startsWith(code + "_")) {
                return code;
            }
        }
        return null;
    }

    private static Map<String, String> languages(String es, String en) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("es", es);
        out.put("en", en);
        return out;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Names from a request are echoed in messages; cut so a hostile name cannot flood a page or a log line. */
    static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}
