package gt.enlace.platform.cli.subscribe;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Where the bus is: the options {@code tail}, {@code dlt} and {@code deliveries} share. */
public final class ClusterOptions {

    /** Default of {@code --bootstrap-servers}: the broker {@code ./enlace up} starts. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    /** Default of {@code --registry-url}: the registry {@code ./enlace up} starts. */
    public static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:8081";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "Kafka to read from (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;

    @Option(names = "--registry-url", paramLabel = "URL",
        description = "Schema registry for decoding Avro values (default: ${DEFAULT-VALUE}).")
    String registryUrl = DEFAULT_REGISTRY_URL;

    /** {@code --user} / {@code --password-file}, for a secure bus. */
    @picocli.CommandLine.Mixin
    gt.enlace.platform.cli.security.KafkaLogin login = new gt.enlace.platform.cli.security.KafkaLogin();

    /** @return client properties with the bootstrap servers, the login, and short timeouts, for a command line */
    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(login.clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return config;
    }
}
