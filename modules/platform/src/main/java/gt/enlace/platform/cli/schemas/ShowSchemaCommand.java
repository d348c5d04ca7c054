package gt.enlace.platform.cli.schemas;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import gt.enlace.serde.client.SchemaMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enlace schemas show SUBJECT}: one version of a subject, pretty-printed, with its id, version and GUID. */
@Command(name = "show",
    description = "Prints one version of a subject: subject, version, id, GUID, then the Avro schema pretty-printed.")
public final class ShowSchemaCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Not mixinStandardHelpOptions: its -V/--version would clash with --version V.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "The subject, e.g. gt.renap.birth-registered.v1-value.")
    String subject;

    @Option(names = "--version", paramLabel = "V|latest", description = "The version to show (default: ${DEFAULT-VALUE}).")
    String version = VersionFetcher.LATEST;

    @Override
    public Integer call() {
        Integer number = VersionFetcher.parse(spec, "--version", version);
        try (RegistryConnection connection = registry.connect()) {
            SchemaMetadata metadata = VersionFetcher.fetch(connection, subject, number);
            PrintWriter out = spec.commandLine().getOut();
            out.println("subject: " + subject);
            out.println("version: " + (metadata.version() < 1 ? "unknown" : metadata.version()));
            out.println("id:      " + metadata.id());
            out.println("guid:    " + (metadata.guid() == null ? "-" : metadata.guid()));
            out.println(metadata.schema().toString(true));
            out.flush();
        }
        return 0;
    }
}
