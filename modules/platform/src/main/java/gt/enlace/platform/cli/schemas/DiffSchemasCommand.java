package gt.enlace.platform.cli.schemas;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import gt.enlace.schemas.diff.SchemaDiff;
import gt.enlace.serde.client.SchemaMetadata;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code enlace schemas diff SUBJECT V1 V2}: what changed between two versions, and whether each can read the
 * other's data. One line per change ({@code field added: email ([null, string], default null)}); see
 * {@link SchemaDiff}.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Shows what changed from version V1 to version V2 of a subject: fields added (with or without default), "
        + "removed or renamed, types, docs, defaults, enum symbols, aliases; then whether V2 reads data written with V1 "
        + "(backward) and V1 reads data written with V2 (forward), decided by Avro's SchemaCompatibility."})
public final class DiffSchemasCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "SUBJECT", description = "The subject, e.g. gt.renap.birth-registered.v1-value.")
    String subject;

    @Parameters(index = "1", paramLabel = "V1", description = "The earlier version: a number or latest.")
    String from;

    @Parameters(index = "2", paramLabel = "V2", description = "The later version: a number or latest.")
    String to;

    @Override
    public Integer call() {
        Integer fromNumber = VersionFetcher.parse(spec, "V1", from);
        Integer toNumber = VersionFetcher.parse(spec, "V2", to);
        try (RegistryConnection connection = registry.connect()) {
            SchemaMetadata older = VersionFetcher.fetch(connection, subject, fromNumber);
            SchemaMetadata newer = VersionFetcher.fetch(connection, subject, toNumber);
            SchemaDiff diff = SchemaDiff.between(older.schema(), newer.schema());
            String v1 = "version " + (older.version() >= 1 ? String.valueOf(older.version()) : from);
            String v2 = "version " + (newer.version() >= 1 ? String.valueOf(newer.version()) : to);
            PrintWriter out = spec.commandLine().getOut();
            out.println("subject " + subject + ": " + v1 + " (id " + older.id() + ") -> " + v2 + " (id " + newer.id() + ")");
            if (diff.isEmpty()) {
                out.println(older.id() == newer.id() ? "no changes: the same schema" : "no changes people would see");
            }
            for (SchemaDiff.Change change : diff.changes()) {
                out.println(change.line());
            }
            printCompatibility(out, "backward", v2, v1, diff.newReadingOldIncompatibilities());
            printCompatibility(out, "forward", v1, v2, diff.oldReadingNewIncompatibilities());
            out.flush();
        }
        return 0;
    }

    private static void printCompatibility(PrintWriter out, String direction, String reader, String writer,
                                           List<Incompatibility> incompatibilities) {
        boolean reads = incompatibilities.isEmpty();
        out.println(direction + ": " + (reads ? "yes" : "no") + ", " + reader + (reads ? " reads" : " cannot read")
            + " data written with " + writer);
        for (Incompatibility incompatibility : incompatibilities) {
            out.println("  " + SchemaDiff.describe(incompatibility));
        }
    }
}
