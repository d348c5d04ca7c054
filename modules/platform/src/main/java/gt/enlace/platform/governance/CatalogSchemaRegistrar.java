package gt.enlace.platform.governance;

import java.util.ArrayList;
import java.util.List;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.serde.client.CompatibilityLevel;
import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.client.SchemaRegistryClient;

/**
 * Registers the schema of every catalog topic under its subject ({@code <topic>-value}) and sets the
 * subject's compatibility level to the catalog's. Registering a schema the registry already holds
 * returns its existing id and version, so running this at every start changes nothing the second
 * time. A catalog schema the registry refuses as incompatible stops the platform: that is a contract
 * change that would break subscribers, and it must be fixed in {@code schemas/} before starting.
 */
public final class CatalogSchemaRegistrar {

    /** How long a registration waits for a reachable registry leader: longer than the election's 10 s session. */
    private static final long LEADER_WAIT_NANOS = 45_000_000_000L;
    /** The registry's error codes of a leader that is unknown (50004) or unreachable (50003): an election in progress. */
    private static final int LEADER_UNREACHABLE = 50003;
    private static final int LEADER_UNKNOWN = 50004;

    private final SchemaRegistryClient registry;

    public CatalogSchemaRegistrar(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** One subject's registration. */
    public record Registration(String topic, String subject, int id, int version, CompatibilityLevel compatibility) {
    }

    /**
     * Registers every topic's schema.
     *
     * @throws CatalogRegistrationException listing every subject that was refused, with the registry's reason
     */
    public List<Registration> registerAll(TopicCatalog catalog) {
        List<Registration> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (TopicDefinition topic : catalog.topics()) {
            CompatibilityLevel level = CompatibilityLevel.parse(topic.compatibility());
            long deadline = System.nanoTime() + LEADER_WAIT_NANOS;
            while (true) {
                try {
                    if (registry.getCompatibility(topic.subject()) != level) {
                        registry.updateCompatibility(topic.subject(), level);
                    }
                    SchemaMetadata registered = registry.register(topic.subject(), topic.schema(), false);
                    done.add(new Registration(topic.name(), topic.subject(), registered.id(), registered.version(), level));
                    break;
                } catch (RestClientException e) {
                    if (leaderUnavailable(e) && System.nanoTime() < deadline) {
                        // After a kill -9 the dead leader stays in the election group until its session expires
                        // (10 s); writes forwarded to it fail until a live instance takes over.
                        pause();
                        continue;
                    }
                    refused.add(topic.subject() + " (" + topic.schemaPath() + "): " + e.getMessage());
                    break;
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new CatalogRegistrationException("The schema registry refused " + refused.size()
                + " catalog schema(s); fix them in schemas/ or raise the topic's version:\n  " + String.join("\n  ", refused));
        }
        return done;
    }

    private static boolean leaderUnavailable(RestClientException e) {
        return e.errorCode() == LEADER_UNREACHABLE || e.errorCode() == LEADER_UNKNOWN;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CatalogRegistrationException("Interrupted while waiting for the schema registry's leader");
        }
    }
}
