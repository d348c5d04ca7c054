package gt.enlace.platform.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import gt.enlace.bus.audit.AuditEntry;
import gt.enlace.bus.audit.AuditLog;
import gt.enlace.bus.security.CredentialDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records credential changes made outside the running platform ({@code enlace institutions add}, {@code --role},
 * a password file removed or replaced) in the audit log: the platform process is the audit log's one writer, so
 * the command line leaves the files and this class, run on the ACL reconciler's timer, notices them within a period:
 * {@code credentials.create}, {@code credentials.delete}, {@code credentials.change} (new password) and
 * {@code credentials.role}. The first run only takes stock (the first secure start records what it created itself).
 */
public final class CredentialChanges implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CredentialChanges.class);

    private final CredentialStore store;
    private final AuditLog audit;
    private Map<String, State> known;

    private record State(long passwordModified, String role) {
    }

    /**
     * @param store the credentials
     * @param audit where changes are recorded
     */
    public CredentialChanges(CredentialStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public synchronized void run() {
        Map<String, State> now = snapshot();
        if (known != null) {
            for (Map.Entry<String, State> e : now.entrySet()) {
                State before = known.get(e.getKey());
                if (before == null) {
                    record("credentials.create", e.getKey(), Map.of("role", e.getValue().role()));
                } else {
                    if (before.passwordModified() != e.getValue().passwordModified()) {
                        record("credentials.change", e.getKey(), Map.of());
                    }
                    if (!before.role().equals(e.getValue().role())) {
                        record("credentials.role", e.getKey(), Map.of("from", before.role(), "to", e.getValue().role()));
                    }
                }
            }
            for (String user : known.keySet()) {
                if (!now.containsKey(user)) {
                    record("credentials.delete", user, Map.of());
                }
            }
        }
        known = now;
    }

    private Map<String, State> snapshot() {
        Map<String, State> states = new HashMap<>();
        CredentialDirectory reader = store.reader();
        for (String user : store.users()) {
            Path file = store.directory().resolve(user + CredentialDirectory.PASSWORD_SUFFIX);
            long modified;
            try {
                modified = Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                continue;
            }
            states.put(user, new State(modified, reader.role(user).code()));
        }
        return states;
    }

    private void record(String action, String user, Map<String, String> details) {
        log.info("Credentials of User:{} changed: {} {}", user, action, details);
        try {
            audit.append(AuditEntry.PLATFORM_ACTOR, action, "principal/User:" + user, new LinkedHashMap<>(details));
        } catch (RuntimeException e) {
            log.error("Could not record {} of User:{} in the audit log: {}", action, user, e.getMessage());
        }
    }
}
