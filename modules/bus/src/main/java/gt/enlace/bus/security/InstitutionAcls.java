package gt.enlace.bus.security;

import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs every institution holds without any agreement: it writes, reads and describes its own topics
 * (every topic whose name starts with {@code gt.<inst>.}, dead-letter topics included) and uses consumer groups
 * whose id starts with {@code <inst>.}. Nothing else: the broker denies whatever no ACL allows.
 */
public final class InstitutionAcls {

    private InstitutionAcls() {
    }

    /** The topic prefix an institution owns, {@code gt.<inst>.}. */
    public static String topicPrefix(String institution) {
        return "gt." + institution + ".";
    }

    /** The consumer-group prefix an institution owns, {@code <inst>.}. */
    public static String groupPrefix(String institution) {
        return institution + ".";
    }

    /** The default ACL bindings of {@code institution}. */
    public static List<AclBinding> defaults(String institution) {
        String principal = ClientSecurity.principal(institution);
        ResourcePattern ownTopics = new ResourcePattern(ResourceType.TOPIC, topicPrefix(institution), PatternType.PREFIXED);
        ResourcePattern ownGroups = new ResourcePattern(ResourceType.GROUP, groupPrefix(institution), PatternType.PREFIXED);
        return List.of(
            allow(ownTopics, principal, AclOperation.WRITE),
            allow(ownTopics, principal, AclOperation.READ),
            allow(ownTopics, principal, AclOperation.DESCRIBE),
            allow(ownGroups, principal, AclOperation.READ));
    }

    /** An ALLOW binding from any host. */
    public static AclBinding allow(ResourcePattern pattern, String principal, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
