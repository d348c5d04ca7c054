package gt.enlace.platform.cli.schemas;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code enlace schemas}: the registry's subjects and versions, seen and checked from the command line.
 * Every subcommand takes {@code --registry-url} (default {@value RegistryOptions#DEFAULT_REGISTRY_URL}) and
 * optional HTTP Basic credentials; see {@link RegistryOptions}.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
    description = {"Lists, shows, compares and checks Avro schemas in the schema registry.",
        "Exit codes: 0 success, 1 failure (an incompatible or unparsable schema, an unreachable registry), 2 bad arguments."},
    subcommands = {ListSchemasCommand.class, ShowSchemaCommand.class, DiffSchemasCommand.class, CheckSchemasCommand.class})
public final class SchemasCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list, show, diff or check");
    }
}
