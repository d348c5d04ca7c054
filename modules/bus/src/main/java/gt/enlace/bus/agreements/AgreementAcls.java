package gt.enlace.bus.agreements;

import java.util.ArrayList;
import java.util.List;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.bus.security.InstitutionAcls;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs an approved, in-force agreement stands for: READ and DESCRIBE on each of its topics for
 * {@code User:<consumer>}, and READ on the consumer's groups ({@code <consumer>.} prefix) so it can commit offsets.
 */
public final class AgreementAcls {

    private AgreementAcls() {
    }

    /** The bindings of {@code agreement}, whatever its status. */
    public static List<AclBinding> plan(Agreement agreement) {
        String principal = ClientSecurity.principal(agreement.consumer());
        List<AclBinding> bindings = new ArrayList<>();
        for (String topic : agreement.topics()) {
            ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
            bindings.add(InstitutionAcls.allow(pattern, principal, AclOperation.READ));
            bindings.add(InstitutionAcls.allow(pattern, principal, AclOperation.DESCRIBE));
        }
        bindings.add(InstitutionAcls.allow(new ResourcePattern(ResourceType.GROUP,
            InstitutionAcls.groupPrefix(agreement.consumer()), PatternType.PREFIXED), principal, AclOperation.READ));
        return List.copyOf(bindings);
    }
}
