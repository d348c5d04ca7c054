package gt.enlace.platform.cli.audit;

import gt.enlace.bus.audit.AuditChainVerifier;
import gt.enlace.bus.audit.AuditEntry;
import gt.enlace.bus.audit.AuditLog;
import gt.enlace.platform.audit.AuditTopic;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enlace audit verify|list}: the hash-chained audit log on {@value AuditLog#TOPIC}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The audit log: every administrative action, agreement and credential change and denied access, "
        + "hash-chained on " + AuditLog.TOPIC + ".",
    subcommands = {AuditCommand.VerifyChain.class, AuditCommand.ListEntries.class})
public final class AuditCommand implements Runnable {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code enlace audit verify}: exit 0 intact, 1 broken or missing. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Reads the whole audit log and checks every link of its hash chain: sequence, previous hash, "
            + "own hash. Prints OK with the number of entries, or the first broken link (seq, offset, which check failed).",
            "Exit codes: 0 intact, 1 broken or no audit log, 2 usage error."})
    static final class VerifyChain implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        BusConnection bus;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            AuditChainVerifier chain = new AuditChainVerifier();
            Optional<Long> read = AuditTopic.read(bus.clientConfig(), READ_TIMEOUT, (offset, value) -> {
                chain.accept(offset, value);
                return true;
            });
            if (read.isEmpty()) {
                out.println("NO AUDIT LOG: topic " + AuditLog.TOPIC + " does not exist at " + bus.bootstrapServers);
                return 1;
            }
            if (chain.firstBreak().isPresent()) {
                AuditChainVerifier.Break b = chain.firstBreak().get();
                out.println("BROKEN: " + b.describe());
                out.println("  read " + chain.count() + " records of " + AuditLog.TOPIC);
                return 1;
            }
            out.println("OK: " + chain.count() + " entries, hash chain intact"
                + chain.last().map(e -> " (last seq " + e.seq() + ", hash " + e.hash() + ")").orElse(""));
            return 0;
        }
    }

    /** {@code enlace audit list [--max N]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "Prints the most recent entries of the audit log, oldest first: seq, time, actor, action, target, details.")
    static final class ListEntries implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        BusConnection bus;

        @Option(names = "--max", paramLabel = "N", description = "How many of the most recent entries (default: ${DEFAULT-VALUE}).")
        int max = 50;

        @Override
        public Integer call() {
            if (max < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1, not " + max);
            }
            PrintWriter out = spec.commandLine().getOut();
            Deque<String> lines = new ArrayDeque<>();
            Optional<Long> read = AuditTopic.read(bus.clientConfig(), READ_TIMEOUT, (offset, value) -> {
                String line;
                try {
                    AuditEntry e = AuditEntry.fromJson(value);
                    line = String.format("%6d  %s  %-10s %-20s %s%s", e.seq(), e.time(), e.actor(), e.action(), e.target(),
                        e.details().isEmpty() ? "" : "  " + e.details());
                } catch (IllegalArgumentException ex) {
                    line = String.format("%6s  offset %d is not an audit entry: %s", "?", offset, ex.getMessage());
                }
                lines.addLast(line);
                if (lines.size() > max) {
                    lines.removeFirst();
                }
                return true;
            });
            if (read.isEmpty()) {
                out.println("No audit log: topic " + AuditLog.TOPIC + " does not exist at " + bus.bootstrapServers);
                return 1;
            }
            lines.forEach(out::println);
            out.println("(" + lines.size() + " of " + read.get() + " entries)");
            return 0;
        }
    }
}
