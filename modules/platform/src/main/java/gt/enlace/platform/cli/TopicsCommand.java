package gt.enlace.platform.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import gt.enlace.bus.topics.TopicStatistics;
import gt.enlace.bus.topics.TopicStatistics.TopicState;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enlace topics}: the catalog's topics with owner, classification and record counts. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Lists the catalog's topics with their owner, classification, partitions and record counts.")
public final class TopicsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka to ask for record counts (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @picocli.CommandLine.Mixin
    gt.enlace.platform.cli.security.KafkaLogin login = new gt.enlace.platform.cli.security.KafkaLogin();

    @Option(names = "--catalog", paramLabel = "FILE", description = "A catalog.yaml to list instead of the bundled one.")
    Path catalogFile;

    @Option(names = "--offline", description = "List the catalog without asking Kafka for counts.")
    boolean offline;

    @Override
    public Integer call() throws InterruptedException {
        TopicCatalog catalog = catalogFile == null ? TopicCatalog.loadDefault() : TopicCatalog.load(catalogFile);
        Map<String, TopicState> states = offline ? Map.of() : describe(catalog);
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-45s %-8s %-13s %10s %10s%n";
        out.printf(format, "TOPIC", "OWNER", "CLASS", "PARTITIONS", "RECORDS");
        for (TopicDefinition topic : catalog.topics()) {
            TopicState state = states.get(topic.name());
            String partitions = String.valueOf(topic.partitions());
            String records = "-";
            if (state != null) {
                partitions = state.exists() ? String.valueOf(state.partitions()) : "missing";
                records = state.exists() ? String.valueOf(state.records()) : "-";
            }
            out.printf(format, topic.name(), topic.owner(), topic.classification().code(), partitions, records);
        }
        out.flush();
        return 0;
    }

    private Map<String, TopicState> describe(TopicCatalog catalog) throws InterruptedException {
        Properties props = new Properties();
        props.putAll(login.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        try (Admin admin = Admin.create(props)) {
            return new TopicStatistics(admin).describe(catalog.topics().stream().map(TopicDefinition::name).toList());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot reach Kafka at " + bootstrapServers
                + " (is `./enlace up` running?). Use --offline to list the catalog without record counts.", e);
        }
    }
}
