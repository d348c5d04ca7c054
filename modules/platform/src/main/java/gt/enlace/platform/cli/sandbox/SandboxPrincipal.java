package gt.enlace.platform.cli.sandbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.platform.security.CredentialStore;
import gt.enlace.platform.security.PlatformSecurity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * On a secure platform, the sandbox's own Kafka principal {@code User:sandbox-<institution>}: SCRAM credentials and
 * ACLs that allow only the sandbox topics ({@code sandbox.<institution>.*}: read, write, describe) and consumer groups
 * named {@code sandbox.<institution>.*}. It is kept out of the platform's credential store on purpose: the platform's
 * ACL reconciler manages the institutions of that store, and would replace these sandbox-only ACLs with an
 * institution's defaults. The password is shown once; creating the sandbox again replaces it.
 */
final class SandboxPrincipal {

    private SandboxPrincipal() {
    }

    /** The principal's user name, {@code sandbox-<institution>}. */
    static String user(String institution) {
        return "sandbox-" + institution;
    }

    /** Registers (or replaces) the principal with a new password and its ACLs; returns the password. */
    static String create(Admin admin, String institution) {
        String user = user(institution);
        String password = CredentialStore.generatePassword();
        PlatformSecurity.register(admin, Map.of(user, password));
        String principal = ClientSecurity.principal(user);
        ResourcePattern topics = new ResourcePattern(ResourceType.TOPIC, Sandbox.prefix(institution), PatternType.PREFIXED);
        ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, Sandbox.prefix(institution), PatternType.PREFIXED);
        List<AclBinding> acls = List.of(
                new AclBinding(topics, allow(principal, AclOperation.READ)),
                new AclBinding(topics, allow(principal, AclOperation.WRITE)),
                new AclBinding(topics, allow(principal, AclOperation.DESCRIBE)),
                new AclBinding(groups, allow(principal, AclOperation.READ)));
        await(() -> admin.createAcls(acls).all().get(30, TimeUnit.SECONDS), "create the ACLs of " + principal);
        awaitVisible(admin, principal, acls);
        return password;
    }

    /**
     * Waits until the broker's authorizer applies the new ACLs. A KRaft broker applies them from the metadata log a
     * moment after the controller accepts them, so a client that starts right after {@code enlace sandbox} printed its
     * password could otherwise be refused its own sandbox topics.
     */
    private static void awaitVisible(Admin admin, String principal, List<AclBinding> acls) {
        AclBindingFilter mine = aclsOf(principal);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Collection<AclBinding> seen = await(() -> admin.describeAcls(mine).values().get(30, TimeUnit.SECONDS),
                    "read back the ACLs of " + principal);
            if (seen.containsAll(acls)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new Sandbox.SandboxException("Kafka did not apply the ACLs of " + principal + " within 30 s", null);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Sandbox.SandboxException("interrupted", e);
            }
        }
    }

    /** Removes the principal's ACLs and credentials, if any. */
    static void drop(Admin admin, String institution) {
        String user = user(institution);
        String principal = ClientSecurity.principal(user);
        AclBindingFilter mine = aclsOf(principal);
        await(() -> admin.deleteAcls(List.of(mine)).all().get(30, TimeUnit.SECONDS), "delete the ACLs of " + principal);
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.ResourceNotFoundException)) {
                throw new Sandbox.SandboxException("cannot delete the credentials of " + principal + ": "
                        + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new Sandbox.SandboxException("Kafka did not delete the credentials of " + principal + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Sandbox.SandboxException("interrupted", e);
        }
    }

    private static AclBindingFilter aclsOf(String principal) {
        return new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
    }

    private static AccessControlEntry allow(String principal, AclOperation operation) {
        return new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW);
    }

    private static <T> T await(Callable<T> call, String what) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Sandbox.SandboxException("interrupted", e);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new Sandbox.SandboxException("cannot " + what + ": " + cause.getMessage(), cause);
        }
    }
}
