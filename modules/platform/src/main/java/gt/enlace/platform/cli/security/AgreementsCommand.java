package gt.enlace.platform.cli.security;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gt.enlace.platform.runtime.PlatformSettings;
import gt.enlace.platform.security.CredentialStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enlace agreements request|approve|reject|revoke|list}: data-sharing agreements through the platform's API. */
@Command(name = "agreements", mixinStandardHelpOptions = true,
    description = {"Data-sharing agreements: the consumer requests, the provider approves or rejects (an administrator "
        + "too for reservada topics), either side revokes. Approved agreements become Kafka ACLs within seconds.",
        "Every subcommand logs in to the platform's API as --user, with the password from --password-file, the "
            + "ENLACE_PASSWORD environment variable, or DATA-DIR/credentials/USER.password."},
    subcommands = {AgreementsCommand.RequestCommand.class, AgreementsCommand.ApproveCommand.class,
        AgreementsCommand.RejectCommand.class, AgreementsCommand.RevokeCommand.class, AgreementsCommand.ListCommand.class})
public final class AgreementsCommand implements Runnable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the API is and who calls it. */
    public static final class ApiOptions {

        @Option(names = "--url", paramLabel = "URL", description = "The platform's HTTP address (default: ${DEFAULT-VALUE}).")
        String url = "http://127.0.0.1:" + PlatformSettings.DEFAULT_HTTP_PORT;

        @Option(names = "--user", required = true, paramLabel = "PRINCIPAL",
            description = "Who acts: an institution code, or admin.")
        String user;

        @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password.")
        Path passwordFile;

        @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory whose credentials/ holds the password when no other source gives it (default: ${DEFAULT-VALUE}).")
        Path dataDir = Path.of(PlatformSettings.DEFAULT_DATA_DIR);

        String password() {
            try {
                if (passwordFile != null) {
                    return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the password of User:" + user + " from " + passwordFile + ": " + e.getMessage(), e);
            }
            String env = System.getenv("ENLACE_PASSWORD");
            if (env != null && !env.isBlank()) {
                return env.trim();
            }
            return CredentialStore.in(dataDir).require(user);
        }

        JsonNode call(String method, String path, JsonNode body) {
            String auth = Base64.getEncoder().encodeToString((user + ":" + password()).getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/v1/agreements" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth)
                .header("Accept", "application/json");
            if ("POST".equals(method)) {
                request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString()));
            } else {
                request.GET();
            }
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException("The platform's API at " + url + " is not reachable (" + e.getMessage()
                    + "); is 'enlace up' running, and secure (without --insecure)?", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
            JsonNode json;
            try {
                json = MAPPER.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
            if (response.statusCode() >= 300) {
                if (json != null && json.has("message")) {
                    throw new IllegalStateException(json.path("message").asText() + " (error " + json.path("error_code").asText() + ")");
                }
                throw new IllegalStateException("The platform answered HTTP " + response.statusCode()
                    + (response.statusCode() == 404 ? ": no agreements API here; is the platform running secure?" : ""));
            }
            return json;
        }
    }

    static void print(PrintWriter out, JsonNode a) {
        out.printf("%s  %-9s %s -> %s  %s  until %s%n", a.path("id").asText(), a.path("status").asText(),
            a.path("provider").asText(), a.path("consumer").asText(), a.path("topics").toString(), a.path("validUntil").asText());
        if (a.path("adminApprovalRequired").asBoolean() && "REQUESTED".equals(a.path("status").asText())) {
            out.println("  needs an administrator's approval too (reservada topic)");
        }
    }

    /** {@code enlace agreements request}. */
    @Command(name = "request", mixinStandardHelpOptions = true, description = "Asks a provider for read access (run as the consumer).")
    public static final class RequestCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin ApiOptions api;
        @Option(names = "--provider", required = true, paramLabel = "INSTITUTION", description = "Owner of the topics.") String provider;
        @Option(names = "--topics", required = true, split = ",", paramLabel = "TOPIC[,TOPIC...]", description = "Topics to read.") List<String> topics;
        @Option(names = "--legal-basis", required = true, paramLabel = "TEXT", description = "The law or convenio that allows the exchange.") String legalBasis;
        @Option(names = "--purpose", required = true, paramLabel = "TEXT", description = "What the data is for.") String purpose;
        @Option(names = "--valid-from", paramLabel = "DATE", description = "Start, ISO date or instant (default: now).") String validFrom;
        @Option(names = "--valid-until", required = true, paramLabel = "DATE", description = "End, ISO date or instant, e.g. 2027-12-31.") String validUntil;

        @Override
        public Integer call() {
            ObjectNode body = MAPPER.createObjectNode();
            body.put("provider", provider);
            body.put("consumer", api.user);
            topics.forEach(body.putArray("topics")::add);
            body.put("legalBasis", legalBasis);
            body.put("purpose", purpose);
            if (validFrom != null) {
                body.put("validFrom", validFrom);
            }
            body.put("validUntil", validUntil);
            PrintWriter out = spec.commandLine().getOut();
            JsonNode a = api.call("POST", "", body);
            out.println("Requested; " + provider + " must approve it:");
            print(out, a);
            return 0;
        }
    }

    /** A change of one agreement's status: {@code POST /api/v1/agreements/ID/<action>}, then prints the result. */
    abstract static class StatusChange implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin ApiOptions api;
        @Parameters(paramLabel = "ID") String id;

        /** The last path segment: approve, reject or revoke. */
        private final String action;

        StatusChange(String action) {
            this.action = action;
        }

        /** The request body; null for none. */
        ObjectNode body() {
            return null;
        }

        @Override
        public Integer call() {
            print(spec.commandLine().getOut(), api.call("POST", "/" + id + "/" + action, body()));
            return 0;
        }
    }

    /** A status change that may say why ({@code --reason}). */
    abstract static class ReasonedStatusChange extends StatusChange {
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why.") String reason;

        ReasonedStatusChange(String action) {
            super(action);
        }

        @Override
        ObjectNode body() {
            ObjectNode body = MAPPER.createObjectNode();
            if (reason != null) {
                body.put("reason", reason);
            }
            return body;
        }
    }

    /** {@code enlace agreements approve ID}. */
    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approves a request (run as the provider, or as admin for reservada topics).")
    public static final class ApproveCommand extends StatusChange {
        public ApproveCommand() {
            super("approve");
        }
    }

    /** {@code enlace agreements reject ID}. */
    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Rejects a request (run as the provider or admin).")
    public static final class RejectCommand extends ReasonedStatusChange {
        public RejectCommand() {
            super("reject");
        }
    }

    /** {@code enlace agreements revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Ends an agreement (either party, or admin); access stops within seconds.")
    public static final class RevokeCommand extends ReasonedStatusChange {
        public RevokeCommand() {
            super("revoke");
        }
    }

    /** {@code enlace agreements list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the agreements the user is party to (all, for admin).")
    public static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin ApiOptions api;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode all = api.call("GET", "", null);
            if (all == null || all.isEmpty()) {
                out.println("No agreements.");
            } else {
                all.forEach(a -> print(out, a));
            }
            return 0;
        }
    }
}
