package gt.enlace.platform.cli.schemas;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.diff.SchemaFiles;
import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code enlace schemas check PATH...}: would the registry accept these {@code .avsc} files as the next versions
 * of their subjects? The command an agency runs in CI before it deploys.
 *
 * <p>Output, one line per file and subject, greppable by its first word, then a summary:
 * <pre>
 * PASS  schemas/renap/BirthRegistered.avsc  gt.renap.birth-registered.v1-value  already registered as version 1 (id 3)
 * PASS  new/Thing.avsc  gt.x.thing.v1-value  new subject, nothing to be compatible with
 * FAIL  schemas/sat/TaxpayerRegistered.avsc  gt.sat.taxpayer-registered.v1-value  incompatible with version 2 under BACKWARD
 *       READER_FIELD_MISSING_DEFAULT_VALUE: The field 'phone' at path '/fields/9' in the new schema has no default ...
 * FAIL  broken.avsc  -  unparsable: line 3, column 14: Unexpected character ...
 * SKIP  schemas/common/Address.avsc  -  gt.enlace.common.Address is not the record of a catalog topic (shared type?)
 * checked 3 schemas: 1 passed, 2 failed, 1 skipped
 * </pre>
 * Exit code 0 when nothing failed, 1 when a file is incompatible or unparsable, 2 for bad arguments.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Checks local .avsc files against the registry: would each become an acceptable next version of its subject?",
        "A file's subject is <topic>-value of the catalog topic whose record is the file's top-level record "
            + "(--subject overrides it for a single file); files that are not a topic's record (shared types such as "
            + "common/) are skipped with a note, and types they define are available to the other files. Types no file "
            + "defines are taken from the bundled catalog, so one event file can be checked on its own.",
        "Prints PASS, FAIL or SKIP per file with Avro's reasons, then a summary. "
            + "Exit code 0 when all pass, 1 when any is incompatible or unparsable, 2 for bad arguments."})
public final class CheckSchemasCommand implements Callable<Integer> {

    private static final Pattern CONFLUENT_REASON =
        Pattern.compile("^\\{errorType:'([A-Z_]+)', description:'(.*)', additionalInfo:'(.*)'}$", Pattern.DOTALL);
    private static final Pattern OLD_VERSION = Pattern.compile("^\\{oldSchemaVersion: ?(\\d+)}$");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RegistryOptions registry;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = ".avsc files, or directories searched recursively for them.")
    List<Path> paths;

    @Option(names = "--subject", paramLabel = "SUBJECT", description = "Check a single file against this subject instead of the catalog's.")
    String subject;

    @Option(names = "--catalog", paramLabel = "FILE", description = "A catalog.yaml mapping records to topics instead of the bundled one.")
    Path catalogFile;

    private int passed;
    private int failed;
    private int skipped;

    @Override
    public Integer call() {
        List<Path> files;
        try {
            files = SchemaFiles.find(paths);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No .avsc files under " + paths);
        }
        if (subject != null && files.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--subject applies to a single .avsc file, but " + paths + " holds " + files.size());
        }
        TopicCatalog catalog = catalogFile == null ? TopicCatalog.loadDefault() : TopicCatalog.load(catalogFile);
        SchemaFiles parsed = SchemaFiles.parse(files, namedTypes(catalog));
        Map<String, List<String>> subjectsByRecord = new LinkedHashMap<>();
        for (TopicDefinition topic : catalog.topics()) {
            subjectsByRecord.computeIfAbsent(topic.recordName(), k -> new ArrayList<>()).add(topic.subject());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (RegistryConnection connection = registry.connect()) {
            for (SchemaFiles.Entry entry : parsed.entries()) {
                String file = display(entry.file());
                if (!entry.parsed()) {
                    report(out, "FAIL", file, subject == null ? "-" : subject, "unparsable: " + entry.error(), List.of());
                    continue;
                }
                Schema schema = entry.schema();
                List<String> subjects;
                if (subject != null) {
                    subjects = List.of(subject);
                } else if (!isNamed(schema) || !subjectsByRecord.containsKey(schema.getFullName())) {
                    String name = isNamed(schema) ? schema.getFullName() : schema.getType().getName();
                    report(out, "SKIP", file, "-", name + " is not the record of a catalog topic (shared type?)", List.of());
                    continue;
                } else {
                    subjects = subjectsByRecord.get(schema.getFullName());
                }
                for (String target : subjects) {
                    check(out, connection, file, target, schema);
                }
            }
        }
        out.printf("checked %d schema%s: %d passed, %d failed, %d skipped%n", passed + failed,
            passed + failed == 1 ? "" : "s", passed, failed, skipped);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private void check(PrintWriter out, RegistryConnection connection, String file, String target, Schema schema) {
        SchemaRegistryClient client = connection.client();
        List<Integer> versions;
        try {
            versions = connection.call(() -> client.getAllVersions(target));
        } catch (RestClientException e) {
            if (e.errorCode() != RestClientException.SUBJECT_NOT_FOUND) {
                throw registryError(connection, target, e);
            }
            versions = List.of();
        }
        if (versions.isEmpty()) {
            report(out, "PASS", file, target, "new subject, nothing to be compatible with", List.of());
            return;
        }
        try {
            SchemaMetadata registered = connection.call(() -> client.lookup(target, schema, false));
            report(out, "PASS", file, target, "already registered as version " + registered.version()
                + " (id " + registered.id() + ")", List.of());
            return;
        } catch (RestClientException e) {
            if (e.errorCode() != RestClientException.SCHEMA_NOT_FOUND && e.errorCode() != RestClientException.SUBJECT_NOT_FOUND) {
                throw registryError(connection, target, e);
            }
        }
        String level = connection.call(() -> client.getCompatibility(target)).name();
        RegistryConnection.CompatibilityAnswer answer;
        try {
            answer = connection.testCompatibilityVerbose(target, schema);
        } catch (RestClientException e) {
            throw registryError(connection, target, e);
        }
        String against = versions.size() == 1 || !level.endsWith("_TRANSITIVE")
            ? "version " + versions.get(versions.size() - 1) : "versions " + versions;
        if (answer.compatible()) {
            report(out, "PASS", file, target, "compatible with " + against + " under " + level, List.of());
            return;
        }
        List<String> reasons = new ArrayList<>();
        String failedVersion = null;
        for (String message : answer.messages()) {
            Matcher reason = CONFLUENT_REASON.matcher(message);
            Matcher old = OLD_VERSION.matcher(message);
            if (reason.matches()) {
                reasons.add(reason.group(1) + ": " + reason.group(2));
            } else if (old.matches()) {
                failedVersion = old.group(1);
            } else if (!message.startsWith("{oldSchema:") && !message.startsWith("{validateFields:")) {
                reasons.add(message);
            }
        }
        report(out, "FAIL", file, target, "incompatible with " + (failedVersion == null ? against : "version " + failedVersion)
            + " under " + level, reasons);
    }

    private void report(PrintWriter out, String status, String file, String target, String detail, List<String> reasons) {
        switch (status) {
            case "PASS" -> passed++;
            case "FAIL" -> failed++;
            default -> skipped++;
        }
        out.println(status + "  " + file + "  " + target + "  " + detail);
        for (String reason : reasons) {
            out.println("      " + reason);
        }
        out.flush();
    }

    private static IllegalStateException registryError(RegistryConnection connection, String target, RestClientException e) {
        return new IllegalStateException("the schema registry at " + connection.displayUrl() + " answered for subject '"
            + target + "': " + e.getMessage(), e);
    }

    /** Every named type reachable from the catalog's topics: what a local file may reference without defining it. */
    private static List<Schema> namedTypes(TopicCatalog catalog) {
        Map<String, Schema> types = new LinkedHashMap<>();
        for (TopicDefinition topic : catalog.topics()) {
            collect(topic.schema(), types);
        }
        return new ArrayList<>(types.values());
    }

    private static void collect(Schema schema, Map<String, Schema> types) {
        switch (schema.getType()) {
            case RECORD -> {
                if (types.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collect(f.schema(), types));
                }
            }
            case ENUM, FIXED -> types.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collect(schema.getElementType(), types);
            case MAP -> collect(schema.getValueType(), types);
            case UNION -> schema.getTypes().forEach(t -> collect(t, types));
            default -> {
            }
        }
    }

    private static boolean isNamed(Schema schema) {
        return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
            || schema.getType() == Schema.Type.FIXED;
    }

    /** The path relative to the working directory when it is under it, with '/' separators. */
    private static String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path shown = absolute.startsWith(cwd) ? cwd.relativize(absolute) : file.normalize();
        return shown.toString().replace('\\', '/');
    }
}
