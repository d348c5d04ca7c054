package gt.enlace.bus.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Kafka client properties for a principal of a secure Enlace bus: SASL_PLAINTEXT with SCRAM-SHA-512.
 *
 * <pre>{@code
 * Map<String, Object> config = new HashMap<>(ClientSecurity.scram("renap", password));
 * config.put("bootstrap.servers", "127.0.0.1:9092");
 * }</pre>
 */
public final class ClientSecurity {

    /** The SASL mechanism of every Enlace principal. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** The name of the platform's own principal, a Kafka super user. */
    public static final String ADMIN = "admin";

    private ClientSecurity() {
    }

    /**
     * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} for {@code user}.
     *
     * @throws IllegalArgumentException when the user or password is blank or holds a double quote
     */
    public static Map<String, String> scram(String user, String password) {
        check(user, "user");
        check(password, "password");
        Map<String, String> props = new HashMap<>();
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user + "\" password=\"" + password + "\";");
        return Map.copyOf(props);
    }

    /** {@code User:<name>}, how Kafka's ACLs name the principal of an institution or of the admin. */
    public static String principal(String user) {
        check(user, "user");
        return "User:" + user;
    }

    /** The user name in a {@code sasl.jaas.config} value, or {@code null} when there is none. */
    public static String userOf(Map<String, ?> clientProperties) {
        Object jaas = clientProperties.get("sasl.jaas.config");
        if (jaas == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("username=\"([^\"]*)\"").matcher(jaas.toString());
        return m.find() ? m.group(1) : null;
    }

    private static void check(String value, String name) {
        Objects.requireNonNull(value, "'" + name + "' cannot be null");
        if (value.isBlank() || value.contains("\"")) {
            throw new IllegalArgumentException("'" + name + "' must not be blank or contain '\"'");
        }
    }
}
