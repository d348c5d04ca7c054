package gt.enlace.platform.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import gt.enlace.platform.runtime.Platform;
import gt.enlace.platform.runtime.PlatformRole;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.schemas.catalog.TopicCatalog;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enlace up}: starts the platform and runs until Ctrl-C or SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
        "Starts the platform and keeps it running until Ctrl-C.",
        "",
        "Starts Enlace: a real single-node Kafka broker (KRaft, from Apache Kafka's own jars) on 127.0.0.1, "
            + "the catalog's topics, and the HTTP roles with GET /health. Runs until Ctrl-C or SIGTERM. "
            + "Data survives restarts and kill -9: it lives under --data-dir.",
        "",
        "Beyond one machine: --bootstrap-servers uses an existing cluster and --roles picks what this "
            + "process runs (broker, registry, gateway, survey), so each role can run on its own host.",
        "",
        "Secure by default: every institution of the catalog is a Kafka principal with a password (created at the "
            + "first start, printed once, kept in DATA-DIR/credentials), Kafka denies what no ACL allows, and "
            + "data-sharing agreements (/api/v1/agreements, 'enlace agreements') grant reads. --insecure turns all "
            + "of that off for local experiments."})
public final class UpCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the platform keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(PlatformSettings.DEFAULT_DATA_DIR);

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "Use this existing Kafka cluster instead of starting the embedded broker.")
    String bootstrapServers;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Client port of the embedded broker (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort = PlatformSettings.DEFAULT_KAFKA_PORT;

    @Option(names = "--controller-port", paramLabel = "PORT", description = "Controller port of the embedded broker (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int controllerPort = PlatformSettings.DEFAULT_CONTROLLER_PORT;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of /health and the web roles (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort = PlatformSettings.DEFAULT_HTTP_PORT;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "Port of the schema registry (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int registryPort = PlatformSettings.DEFAULT_REGISTRY_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address the HTTP roles listen on (default: ${DEFAULT-VALUE}).")
    String bindAddress = PlatformSettings.DEFAULT_BIND_ADDRESS;

    @Option(names = "--roles", paramLabel = "ROLE[,ROLE...]",
        description = "Roles this process runs, from broker,registry,gateway,survey (default: all of them; "
            + "all but broker when --bootstrap-servers is given; without broker, --bootstrap-servers is required).")
    String roles;

    @Option(names = "--registry-url", paramLabel = "URL",
        description = "Schema registry the gateway and survey use when this process does not run the registry role, "
            + "for example http://registry:8081.")
    String registryUrl;

    @Option(names = "--registry-advertised-url", paramLabel = "URL",
        description = "URL other registry instances use to reach this one's registry (default: from --bind, "
            + "or this host's name when binding 0.0.0.0).")
    String registryAdvertisedUrl;

    @Option(names = "--insecure", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
        description = "No authentication and no ACLs: anyone who reaches Kafka may read and write every topic. "
            + "For local experiments only; the listeners stay on 127.0.0.1.")
    boolean insecure;

    @Override
    public Integer call() throws InterruptedException {
        PlatformSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        if (insecure) {
            out.println(INSECURE_WARNING);
            out.flush();
        }
        long t0 = System.nanoTime();
        TopicCatalog catalog = TopicCatalog.loadDefault();
        Platform platform = Platform.start(settings, catalog, line -> out.println("  " + line));
        printNewCredentials(out, platform.newCredentials(), settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping Enlace...");
            platform.close();
            out.println("Enlace stopped.");
            stopped.countDown();
        }, "enlace-shutdown"));
        out.printf("%nEnlace is up in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
        out.println("  Roles                   : " + PlatformRole.names(platform.roles()));
        out.println("  Kafka bootstrap servers : " + platform.bootstrapServers());
        if (platform.registryUrl() != null) {
            out.println("  Schema registry         : " + platform.registryUrl());
        }
        out.println("  Health                  : " + platform.httpUrl() + "/health");
        out.println("  Security                : " + (settings.secure()
            ? "SASL/SCRAM-SHA-512 principals, ACLs, agreements at " + platform.httpUrl() + "/api/v1/agreements"
            : "NONE (--insecure)"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** What {@code --insecure} prints before anything starts. */
    static final String INSECURE_WARNING = String.join(System.lineSeparator(),
        "!!! ======================================================================= !!!",
        "!!!  WARNING: Enlace is starting INSECURE (--insecure).                      !!!",
        "!!!  Kafka asks for no credentials and checks no ACLs: anyone who reaches    !!!",
        "!!!  it may read and write every institution's topics. No agreements apply.  !!!",
        "!!!  Use only for local experiments; never with real citizens' data.         !!!",
        "!!! ======================================================================= !!!");

    /** Shows passwords created by this start: the only time anyone sees them. */
    static void printNewCredentials(PrintWriter out, java.util.Map<String, String> created, PlatformSettings settings) {
        if (created.isEmpty()) {
            return;
        }
        out.println();
        out.println("New credentials (shown only now; stored owner-only in "
            + settings.dataDir().toAbsolutePath().normalize().resolve("credentials") + "):");
        created.forEach((user, password) -> out.printf("  %-10s %s%n", user, password));
        out.println("Give each institution its own password; clients log in with SASL_PLAINTEXT / SCRAM-SHA-512.");
        out.flush();
    }

    /** The settings from the options; a combination that cannot work is a usage error (exit 2). */
    PlatformSettings settings() {
        Optional<String> cluster = Optional.ofNullable(bootstrapServers).filter(s -> !s.isBlank());
        try {
            Set<PlatformRole> chosen;
            if (roles == null) {
                // Today's behaviour: everything, or everything but the broker when a cluster is given.
                chosen = cluster.isEmpty() ? PlatformRole.all() : EnumSet.complementOf(EnumSet.of(PlatformRole.BROKER));
            } else {
                chosen = PlatformRole.parse(roles);
            }
            return new PlatformSettings(dataDir, cluster, kafkaPort, controllerPort, httpPort, registryPort, bindAddress,
                chosen, Optional.ofNullable(registryUrl).filter(s -> !s.isBlank()),
                Optional.ofNullable(registryAdvertisedUrl).filter(s -> !s.isBlank()), !insecure);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
