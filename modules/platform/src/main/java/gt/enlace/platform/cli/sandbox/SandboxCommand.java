package gt.enlace.platform.cli.sandbox;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import gt.enlace.bus.security.ClientSecurity;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.platform.security.CredentialStore;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.serde.client.SchemaRegistryClient;
import gt.enlace.serde.client.SchemaRegistryClientConfig;
import gt.enlace.serde.client.SchemaRegistryClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enlace sandbox --institution X [--drop]}: practice topics for an institution, isolated from real data.
 * Exit codes: 0 done, 1 failed (unknown institution, Kafka or registry unreachable), 2 bad arguments.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = {"Creates throwaway practice topics for an institution: sandbox.<institution>.<event>.v<N>, copies "
        + "of its catalog topics with short retention and their schemas registered, isolated from real data.",
        "--drop removes them."})
public final class SandboxCommand implements Callable<Integer> {

    /** Default of {@code --retention-hours}. */
    public static final int DEFAULT_RETENTION_HOURS = 24;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--institution", required = true, paramLabel = "CODE",
        description = "The institution's catalog code, e.g. renap.")
    String institution;

    @Option(names = "--drop", description = "Remove the institution's sandbox topics and subjects.")
    boolean drop;

    @Option(names = "--retention-hours", paramLabel = "HOURS",
        description = "How long sandbox records are kept (default: ${DEFAULT-VALUE}).")
    int retentionHours = DEFAULT_RETENTION_HOURS;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--registry-url", paramLabel = "URL", description = "Schema registry (default: ${DEFAULT-VALUE}).")
    String registryUrl = "http://127.0.0.1:8081";

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "The platform's data directory: when it holds the admin's credentials (a secure platform), the "
            + "sandbox gets its own principal, limited to its topics (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(PlatformSettings.DEFAULT_DATA_DIR);

    @Option(names = "--portal-url", paramLabel = "URL",
        description = "The platform's web address, for the snippets page (default: ${DEFAULT-VALUE}).")
    String portalUrl = "http://127.0.0.1:8080";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (retentionHours < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--retention-hours must be 1 or more, got "
                + retentionHours);
        }
        Properties props = new Properties();
        String adminPassword = CredentialStore.in(dataDir).password(ClientSecurity.ADMIN).orElse(null);
        if (adminPassword != null) {
            props.putAll(ClientSecurity.scram(ClientSecurity.ADMIN, adminPassword));
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        Map<String, Object> registryConfig = new java.util.HashMap<>();
        registryConfig.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        String adminLogin = adminPassword == null ? null : ClientSecurity.ADMIN + ":" + adminPassword;
        if (adminLogin != null) {
            // A secure platform's registry: the sandbox's subjects are written as the admin.
            registryConfig.put(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO");
            registryConfig.put(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG, adminLogin);
        }
        SchemaRegistryClient registry = SchemaRegistryClients.create(registryConfig);
        try (Admin admin = Admin.create(props)) {
            Sandbox sandbox = new Sandbox(admin, registry, registryUrl, TopicCatalog.loadDefault()).withRegistryLogin(adminLogin);
            if (drop) {
                List<String> dropped = sandbox.drop(institution);
                if (adminPassword != null) {
                    SandboxPrincipal.drop(admin, institution);
                }
                out.println(dropped.isEmpty() ? "No sandbox for " + institution + ": nothing to remove."
                    : "Removed the sandbox of " + institution + ": " + String.join(", ", dropped)
                        + " and their subjects.");
                out.flush();
                return 0;
            }
            List<Sandbox.SandboxTopic> topics = sandbox.create(institution, Duration.ofHours(retentionHours));
            String password = adminPassword == null ? null : SandboxPrincipal.create(admin, institution);
            printUsage(out, topics, password);
            return 0;
        } finally {
            registry.close();
        }
    }

    private void printUsage(PrintWriter out, List<Sandbox.SandboxTopic> topics, String password) {
        out.printf("Sandbox of %s (records kept %d h, isolated from real data: no catalog, metrics or agreements "
            + "see these topics):%n", institution, retentionHours);
        for (Sandbox.SandboxTopic t : topics) {
            out.printf("  %-48s %s, copy of %s, subject %s (schema id %d)%n", t.topic(),
                t.created() ? "created" : "already there", t.copyOf(), t.subject(), t.schemaId());
        }
        String example = topics.get(0).topic();
        out.println();
        out.println("Connect with:");
        out.println("  bootstrap.servers   = " + bootstrapServers);
        out.println("  schema.registry.url = " + registryUrl);
        if (password == null) {
            out.println("  " + SANDBOX_AUTH_NOTE);
        } else {
            String user = SandboxPrincipal.user(institution);
            out.println("  principal           = " + ClientSecurity.principal(user) + " (only " + Sandbox.prefix(institution)
                + "* topics and consumer groups)");
            out.println("  password            = " + password + "   (shown only now; run the command again for a new one)");
            out.println("  security.protocol   = SASL_PLAINTEXT, sasl.mechanism = " + ClientSecurity.MECHANISM);
            out.println("  sasl.jaas.config    = " + ClientSecurity.scram(user, password).get("sasl.jaas.config"));
            out.println("  group.id            = " + Sandbox.prefix(institution) + "<anything>");
            out.println("  basic.auth.credentials.source = USER_INFO, basic.auth.user.info = " + institution
                + ":<the password of User:" + institution + ">   (the schema registry takes the institution's login; "
                + "sandbox." + institution + ".* subjects are its own)");
        }
        out.println();
        out.println("Practise:");
        out.println("  1. Take the Python, JavaScript or Kafka-client snippets of " + portalUrl + "/onboarding/"
            + institution + " and replace the topic with " + example + " (the subject is " + topics.get(0).subject()
            + ").");
        out.println("  2. Read back what you published: ./enlace tail --topic " + example + " --from-beginning "
            + "--bootstrap-servers " + bootstrapServers + " --registry-url " + registryUrl);
        out.println("  3. When done: ./enlace sandbox --institution " + institution + " --drop");
        out.flush();
    }

    /** Said about credentials on an insecure platform (no admin credentials under --data-dir). */
    static final String SANDBOX_AUTH_NOTE = "No credentials: the platform runs in insecure mode (no admin credentials "
        + "under --data-dir), so the sandbox is unauthenticated like every topic.";
}
