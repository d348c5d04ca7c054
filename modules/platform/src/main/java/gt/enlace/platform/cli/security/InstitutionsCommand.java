package gt.enlace.platform.cli.security;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.bus.security.HttpRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.platform.security.CredentialException;
import gt.enlace.platform.security.CredentialStore;
import gt.enlace.platform.security.PlatformSecurity;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enlace institutions list|add}: the bus's principals and their credentials. */
@Command(name = "institutions", mixinStandardHelpOptions = true,
    description = "Institutions as Kafka principals: list them, or add one with a new password.",
    subcommands = {InstitutionsCommand.ListCommand.class, InstitutionsCommand.AddCommand.class})
public final class InstitutionsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code enlace institutions list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the principals with credentials under --data-dir (never their passwords).")
    public static final class ListCommand implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The platform's data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir = Path.of(PlatformSettings.DEFAULT_DATA_DIR);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            CredentialStore store = CredentialStore.in(dataDir);
            List<String> users = store.users();
            if (users.isEmpty()) {
                out.println("No principals in " + store.directory() + ": a first secure 'enlace up' creates them.");
                return 0;
            }
            Map<String, InstitutionDefinition> catalog = TopicCatalog.loadDefault().institutions().stream()
                .collect(Collectors.toMap(InstitutionDefinition::code, i -> i));
            out.printf("%-16s %-12s %s%n", "PRINCIPAL", "ROLE", "INSTITUTION");
            for (String user : users) {
                InstitutionDefinition institution = catalog.get(user);
                String what = ClientSecurity.ADMIN.equals(user) ? "platform administrator (super user)"
                    : institution != null ? institution.acronym() + " - " + institution.nameEs() : "(not in the catalog)";
                out.printf("%-16s %-12s %s%n", ClientSecurity.principal(user), store.role(user).code(), what);
            }
            return 0;
        }
    }

    /** {@code enlace institutions add <code>}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Creates a principal with a new password, prints the password once, and registers it in Kafka "
            + "when the platform is running (otherwise at the next 'enlace up'). The new institution may then write "
            + "its own gt.<code>. topics and use <code>. consumer groups."})
    public static final class AddCommand implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CODE", description = "Institution code: lower-case letters and digits, e.g. muniguate.")
        String code;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The platform's data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir = Path.of(PlatformSettings.DEFAULT_DATA_DIR);

        @Option(names = "--role", paramLabel = "ROLE", description = {"What the principal may do on the HTTP ports: "
            + "institution (default: its own topics, subjects, dashboard page, survey and uploads) or evaluator (the "
            + "maturity dashboard and survey forms of every institution, the catalog; no publishing). Stored beside the "
            + "password as CODE.role, owner-only."})
        String role = HttpRole.INSTITUTION.code();

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to register the principal in (default: ${DEFAULT-VALUE}).")
        String bootstrapServers = "127.0.0.1:" + PlatformSettings.DEFAULT_KAFKA_PORT;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (ClientSecurity.ADMIN.equals(code)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "'admin' is the platform's own principal, not an institution");
            }
            HttpRole httpRole = HttpRole.of(role).filter(r -> r != HttpRole.ADMIN).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "--role must be institution or evaluator, got '"
                    + role + "'"));
            CredentialStore store = CredentialStore.in(dataDir);
            String password = store.add(code);
            store.setRole(code, httpRole);
            out.println("Principal " + ClientSecurity.principal(code) + " (" + httpRole.code()
                + ") created. Its password (shown only now):");
            out.println("  " + password);
            out.println("Stored owner-only in " + store.directory() + ".");
            out.println(register(store, password));
            return 0;
        }

        private String register(CredentialStore store, String password) {
            String admin = store.password(ClientSecurity.ADMIN).orElse(null);
            if (admin == null) {
                return "No admin credentials here yet: the next secure 'enlace up' registers the principal in Kafka.";
            }
            Map<String, Object> config = new HashMap<>(ClientSecurity.scram(ClientSecurity.ADMIN, admin));
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
            config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            try (Admin kafka = Admin.create(config)) {
                PlatformSecurity.register(kafka, Map.of(code, password));
                return "Registered in Kafka at " + bootstrapServers + "; its default ACLs follow within seconds.";
            } catch (CredentialException e) {
                return "Kafka at " + bootstrapServers + " is not reachable (" + e.getMessage()
                    + "); the next secure 'enlace up' registers the principal.";
            }
        }
    }
}
