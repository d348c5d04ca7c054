package gt.enlace.platform.runtime;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A part of the platform that one process can run on its own, chosen with {@code enlace up --roles}.
 * Every role can run on a separate host against the same Kafka cluster; two instances of a role share
 * the work through Kafka (the registry elects a leader with Kafka's group protocol, survey instances
 * split the Kafka Streams tasks, gateways are stateless behind a load balancer).
 */
public enum PlatformRole {

    /** The embedded single-node KRaft broker; cannot be combined with {@code --bootstrap-servers}. */
    BROKER,

    /** The Confluent-compatible schema registry on the registry port, plus registration of the catalog's schemas. */
    REGISTRY,

    /** The publishing gateway (HTTP and CSV upload) and delivery status, on the HTTP port. */
    GATEWAY,

    /** The survey API and the observed-metrics topology (Kafka Streams), on the HTTP port. */
    SURVEY;

    /** Every role: what a process runs when {@code --roles} is not given. */
    public static Set<PlatformRole> all() {
        return EnumSet.allOf(PlatformRole.class);
    }

    /** The name used on the command line, e.g. {@code registry}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a comma list such as {@code registry,gateway}; blanks around names are ignored.
     *
     * @throws IllegalArgumentException naming the unknown role and the valid ones, or when the list is empty
     */
    public static Set<PlatformRole> parse(String commaList) {
        Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        for (String part : commaList == null ? new String[0] : commaList.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                roles.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown role '" + name + "'; valid roles: " + names(all()), e);
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("No role given; valid roles: " + names(all()));
        }
        return roles;
    }

    /** The roles as a comma list in declaration order, e.g. {@code broker,registry}. */
    public static String names(Set<PlatformRole> roles) {
        return Arrays.stream(values()).filter(roles::contains).map(PlatformRole::cliName).collect(Collectors.joining(","));
    }
}
