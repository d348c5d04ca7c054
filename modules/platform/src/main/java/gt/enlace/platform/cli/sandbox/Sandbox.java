package gt.enlace.platform.cli.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gt.enlace.publisher.TopicReadiness;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.client.SchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * An institution's sandbox: for each catalog topic it owns, the topic {@code sandbox.<institution>.<event>.v<N>}
 * (one partition, {@code delete} cleanup, short retention) and its subject {@code <topic>-value} with the catalog
 * topic's schema. Sandbox topics are outside the {@code gt.} namespace, so the observed metrics, the catalog and the
 * agreements never see them. Creating twice is harmless (what exists is kept); dropping removes topics and subjects.
 */
public final class Sandbox {

    /** Prefix of every sandbox topic. */
    public static final String PREFIX = "sandbox.";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final SchemaRegistryClient registry;
    private final String registryUrl;
    private final TopicCatalog catalog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String authorization;

    /** Logs in to a secure registry as {@code userInfo} ({@code user:password}) when deleting subjects. */
    public Sandbox withRegistryLogin(String userInfo) {
        this.authorization = userInfo == null ? null : "Basic " + java.util.Base64.getEncoder()
            .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * @param admin       Kafka admin client
     * @param registry    schema registry client
     * @param registryUrl the registry's URL, for deleting subjects
     * @param catalog     the catalog whose topics are copied
     */
    public Sandbox(Admin admin, SchemaRegistryClient registry, String registryUrl, TopicCatalog catalog) {
        this.admin = Objects.requireNonNull(admin, "'admin' cannot be null");
        this.registry = Objects.requireNonNull(registry, "'registry' cannot be null");
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.catalog = Objects.requireNonNull(catalog, "'catalog' cannot be null");
    }

    /**
     * One sandbox topic.
     *
     * @param topic    e.g. {@code sandbox.renap.birth-registered.v1}
     * @param copyOf   the catalog topic it copies
     * @param subject  its registry subject
     * @param schemaId the registered schema's id
     * @param created  false when it already existed
     */
    public record SandboxTopic(String topic, String copyOf, String subject, int schemaId, boolean created) {
    }

    /** The sandbox name of a catalog topic: {@code gt.renap.x.v1} → {@code sandbox.renap.x.v1}. */
    public static String sandboxTopic(String catalogTopic) {
        return PREFIX + catalogTopic.substring(catalogTopic.indexOf('.') + 1);
    }

    /** The prefix of an institution's sandbox topics, {@code sandbox.<institution>.}. */
    public static String prefix(String institution) {
        return PREFIX + institution + ".";
    }

    /**
     * Creates (or completes) the sandbox of {@code institution}.
     *
     * @param retention how long records are kept
     * @throws SandboxException for an unknown institution, one without topics, or an unreachable Kafka or registry
     */
    public List<SandboxTopic> create(String institution, Duration retention) {
        InstitutionDefinition inst = institution(institution);
        List<TopicDefinition> owned = catalog.topicsOwnedBy(inst.code());
        if (owned.isEmpty()) {
            throw new SandboxException("institution '" + inst.code() + "' owns no catalog topic to practise with");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new SandboxException("--retention-hours must be 1 or more");
        }
        Set<String> existing = topicNames();
        List<SandboxTopic> result = new ArrayList<>();
        for (TopicDefinition topic : owned) {
            String name = sandboxTopic(topic.name());
            boolean created = false;
            if (!existing.contains(name)) {
                NewTopic newTopic = new NewTopic(name, java.util.Optional.of(1), java.util.Optional.empty()).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()),
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    // Usable at once by whoever reads the printed instructions: leaders open, metadata everywhere.
                    TopicReadiness.await(admin, List.of(name), TIMEOUT);
                    created = true;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new SandboxException("cannot create " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (TimeoutException e) {
                    throw new SandboxException("Kafka did not create " + name + " within " + TIMEOUT.toSeconds() + " s", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SandboxException("interrupted", e);
                }
            }
            String subject = name + "-value";
            int id;
            try {
                id = registry.register(subject, topic.schema());
            } catch (RuntimeException e) {
                throw new SandboxException("cannot register the schema of " + subject + " at " + registryUrl + ": "
                        + e.getMessage(), e);
            }
            result.add(new SandboxTopic(name, topic.name(), subject, id, created));
        }
        return result;
    }

    /**
     * Removes the sandbox of {@code institution}: every topic {@code sandbox.<institution>.*} and its subject.
     *
     * @return the topics removed (empty when there was no sandbox)
     */
    public List<String> drop(String institution) {
        InstitutionDefinition inst = institution(institution);
        String prefix = prefix(inst.code());
        List<String> topics = topicNames().stream().filter(t -> t.startsWith(prefix)).sorted().toList();
        if (!topics.isEmpty()) {
            try {
                admin.deleteTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new SandboxException("cannot delete " + topics + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted", e);
            }
        }
        for (String subject : registry.getAllSubjects()) {
            if (subject.startsWith(prefix)) {
                deleteSubject(subject, false);
                deleteSubject(subject, true);
            }
        }
        return topics;
    }

    /** The sandbox topics of {@code institution} that exist now. */
    public List<String> topics(String institution) {
        String prefix = prefix(institution(institution).code());
        return topicNames().stream().filter(t -> t.startsWith(prefix)).sorted().toList();
    }

    private void deleteSubject(String subject, boolean permanent) {
        URI uri = URI.create(registryUrl + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                + (permanent ? "?permanent=true" : ""));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).DELETE();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 404) {
                throw new SandboxException("the registry refused to delete " + subject + ": HTTP " + response.statusCode()
                        + " " + response.body());
            }
        } catch (IOException e) {
            throw new SandboxException("cannot reach the registry at " + registryUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }

    private Set<String> topicNames() {
        try {
            return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new SandboxException("cannot reach Kafka (is `./enlace up` running?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted", e);
        }
    }

    private InstitutionDefinition institution(String code) {
        return catalog.institution(code).orElseThrow(() -> new SandboxException("unknown institution '" + code
                + "'; institutions: " + String.join(", ", catalog.institutions().stream()
                        .map(InstitutionDefinition::code).toList())));
    }

    /** A sandbox could not be created or dropped; the message says why. */
    public static final class SandboxException extends RuntimeException {

        SandboxException(String message) {
            super(message);
        }

        SandboxException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
