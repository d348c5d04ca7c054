package gt.enlace.platform.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * What a secure platform knows about its principals: the admin's and every institution's credentials (created on the
 * first secure start and {@linkplain #newCredentials() shown once}), and the Kafka client properties with which every
 * platform-internal client logs in as the admin.
 */
public final class PlatformSecurity {

    /** SCRAM iterations of the credentials the platform registers. */
    public static final int SCRAM_ITERATIONS = 8192;

    private final CredentialStore store;
    private final String adminPassword;
    private final Map<String, String> newCredentials;

    private PlatformSecurity(CredentialStore store, String adminPassword, Map<String, String> newCredentials) {
        this.store = store;
        this.adminPassword = adminPassword;
        this.newCredentials = Map.copyOf(newCredentials);
    }

    /**
     * Loads the credentials under {@code dataDir}, creating the admin's and those of the catalog's institutions that
     * have none.
     *
     * @param embeddedBrokerDir the embedded broker's storage, or {@code null} when the platform uses an existing
     *                          cluster (then the admin's credentials must already be in the store)
     * @throws CredentialException when the admin has no credentials but the broker's storage already exists (it was
     *                             formatted by an insecure start and holds no admin credential)
     */
    public static PlatformSecurity prepare(Path dataDir, TopicCatalog catalog, Path embeddedBrokerDir) {
        CredentialStore store = CredentialStore.in(dataDir);
        if (!store.contains(ClientSecurity.ADMIN)) {
            if (embeddedBrokerDir == null) {
                throw new CredentialException("No credentials for the admin principal User:admin in " + store.directory()
                    + ": put the admin password of the cluster in " + store.directory().resolve("admin.password")
                    + " (mode rw-------), or start with --insecure");
            }
            if (Files.exists(embeddedBrokerDir.resolve("logs/meta.properties"))) {
                throw new CredentialException("The Kafka storage in " + embeddedBrokerDir + " was created by an insecure "
                    + "start ('enlace up --insecure') and knows no admin principal: keep using --insecure with this "
                    + "--data-dir, or start secure with a new --data-dir");
            }
        }
        List<String> users = new ArrayList<>();
        users.add(ClientSecurity.ADMIN);
        for (InstitutionDefinition institution : catalog.institutions()) {
            users.add(institution.code());
        }
        Map<String, String> created = store.ensure(users);
        return new PlatformSecurity(store, store.require(ClientSecurity.ADMIN), created);
    }

    /** The store of every principal's password. */
    public CredentialStore store() {
        return store;
    }

    /** The admin's password: what the embedded broker is formatted with. */
    public String adminPassword() {
        return adminPassword;
    }

    /** The Kafka client properties of the admin principal, for every client the platform itself runs. */
    public Map<String, String> adminClientProperties() {
        return ClientSecurity.scram(ClientSecurity.ADMIN, adminPassword);
    }

    /** Passwords created by this start, by principal; empty on later starts. Show them once, then forget them. */
    public Map<String, String> newCredentials() {
        return newCredentials;
    }

    /**
     * Registers the SCRAM credential of every stored principal but the admin (whose credential the broker got when
     * its storage was formatted) in Kafka. Idempotent.
     */
    public void registerPrincipals(Admin admin) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String user : store.users()) {
            if (!ClientSecurity.ADMIN.equals(user)) {
                passwords.put(user, store.require(user));
            }
        }
        register(admin, passwords);
    }

    /**
     * Waits until the broker answers with every user's credential: the controller commits a credential before the
     * brokers apply it, and a client that logs in in between is refused as if its password were wrong.
     */
    private static void awaitVisible(Admin admin, java.util.Set<String> users)
        throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                Map<String, UserScramCredentialsDescription> known = admin.describeUserScramCredentials(List.copyOf(users))
                    .all().get(30, TimeUnit.SECONDS);
                if (known.keySet().containsAll(users)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.ResourceNotFoundException)) {
                    throw e;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("the broker does not show the credentials of " + users + " after 30 s");
            }
            // The broker applies a committed credential within milliseconds; a short pause keeps the start short.
            Thread.sleep(20);
        }
    }

    /** Registers (or replaces) the SCRAM-SHA-512 credentials of {@code passwords}' principals in Kafka. */
    public static void register(Admin admin, Map<String, String> passwords) {
        if (passwords.isEmpty()) {
            return;
        }
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        passwords.forEach((user, password) -> alterations.add(new UserScramCredentialUpsertion(user,
            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password)));
        try {
            admin.alterUserScramCredentials(alterations).all().get(60, TimeUnit.SECONDS);
            awaitVisible(admin, passwords.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialException("Interrupted while registering principals in Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new CredentialException("Kafka did not accept the SCRAM credentials of " + passwords.keySet() + ": "
                + cause.getMessage(), cause);
        }
    }
}
