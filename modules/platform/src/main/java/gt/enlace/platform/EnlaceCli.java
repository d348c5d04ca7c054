package gt.enlace.platform;

import java.io.PrintWriter;

import gt.enlace.platform.cli.DemoCommand;
import gt.enlace.platform.cli.security.AgreementsCommand;
import gt.enlace.platform.cli.security.InstitutionsCommand;
import gt.enlace.platform.cli.TopicsCommand;
import gt.enlace.platform.cli.UpCommand;
import gt.enlace.platform.cli.WarmupCommand;
import gt.enlace.platform.cli.publish.PublishCsvCommand;
import gt.enlace.platform.cli.publish.TemplateCommand;
import gt.enlace.platform.cli.sandbox.SandboxCommand;
import gt.enlace.platform.cli.schemas.SchemasCommand;
import gt.enlace.platform.cli.subscribe.DeliveriesCommand;
import gt.enlace.platform.cli.subscribe.DltCommand;
import gt.enlace.platform.cli.subscribe.TailCommand;
import gt.enlace.platform.cli.survey.SurveyCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code enlace} command line. Each subcommand has {@code --help}. Exit codes: 0 success,
 * 1 the command failed (the message says why), 2 bad arguments.
 */
@Command(
    name = "enlace",
    mixinStandardHelpOptions = true,
    versionProvider = EnlaceCli.Version.class,
    description = "Enlace: Guatemala's government data bus. Avro-typed events on Kafka under a schema registry.",
    subcommands = {
        DemoCommand.class, UpCommand.class, TopicsCommand.class, SchemasCommand.class,
        PublishCsvCommand.class, TemplateCommand.class,
        TailCommand.class, DltCommand.class, DeliveriesCommand.class,
        SurveyCommand.class, SandboxCommand.class, WarmupCommand.class,
        InstitutionsCommand.class, AgreementsCommand.class,
        gt.enlace.platform.cli.audit.VerifyCommand.class, gt.enlace.platform.cli.audit.AuditCommand.class,
        CommandLine.HelpCommand.class})
public final class EnlaceCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Tomcat and Kafka log through java.util.logging too: send it to the same quiet logback setup.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code; what {@link #main} and the tests call. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line, with Enlace's error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EnlaceCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("enlace: error: " + describe(e));
            if (Boolean.getBoolean("enlace.debug")) {
                e.printStackTrace(err);
            } else {
                err.println("(run with -Denlace.debug=true, or ENLACE_DEBUG=1 with ./enlace, for the stack trace)");
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String describe(Throwable e) {
        // Kafka's security refusals surface wrapped (ExecutionException, KafkaException): say what they mean.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.SaslAuthenticationException) {
                return "Kafka rejected the credentials (" + cause.getMessage() + "); check the user and its password "
                    + "in DATA-DIR/credentials/";
            }
            if (cause instanceof org.apache.kafka.common.errors.TopicAuthorizationException denied) {
                return "Not authorised for topic(s) " + denied.unauthorizedTopics() + ": an institution writes only its "
                    + "own gt.<institution>. topics and reads another's only under an approved data-sharing agreement";
            }
            if (cause instanceof org.apache.kafka.common.errors.GroupAuthorizationException denied) {
                return "Not authorised for consumer group '" + denied.groupId() + "': an institution uses only groups "
                    + "named <institution>.*";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Reads the version from the jar manifest; "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EnlaceCli.class.getPackage().getImplementationVersion();
            return new String[] {"enlace " + (version == null ? "development" : version)};
        }
    }
}
