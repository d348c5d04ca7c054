package gt.enlace.platform.cli.survey;

import gt.enlace.platform.cli.security.KafkaLogin;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.responses.SurveyPublisher;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What both survey imports take: the spreadsheet, the bus to publish to, and a dry run. */
final class SurveyImportOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (comma or semicolon separated, UTF-8).")
    Path file;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--registry-url", paramLabel = "URL", description = "The schema registry (default: ${DEFAULT-VALUE}).")
    String registryUrl = "http://127.0.0.1:8081";

    @CommandLine.Mixin
    KafkaLogin login = new KafkaLogin();

    @Option(names = "--dry-run", description = "Validate only; publish nothing.")
    boolean dryRun;

    /** A publisher to the bus these options name. */
    SurveyPublisher publisher(TopicCatalog catalog) {
        return SurveyPublisher.create(bootstrapServers, login.clientProperties(), registryUrl, login.registryProperties(),
            catalog);
    }
}
