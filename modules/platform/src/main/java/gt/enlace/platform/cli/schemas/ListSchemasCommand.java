package gt.enlace.platform.cli.schemas;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import gt.enlace.serde.client.RestClientException;
import gt.enlace.serde.client.SchemaMetadata;
import gt.enlace.serde.client.SchemaRegistryClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enlace schemas list}: every subject with its versions, latest id and compatibility level. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the registry's subjects with their versions, the latest version's id and the compatibility level in force.")
public final class ListSchemasCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RegistryOptions registry;

    @Option(names = "--subject-prefix", paramLabel = "PREFIX", description = "Only subjects starting with PREFIX, e.g. gt.renap.")
    String subjectPrefix;

    @Override
    public Integer call() {
        try (RegistryConnection connection = registry.connect()) {
            SchemaRegistryClient client = connection.client();
            List<String[]> rows = new ArrayList<>();
            for (String subject : connection.call(client::getAllSubjects).stream().sorted().toList()) {
                if (subjectPrefix != null && !subject.startsWith(subjectPrefix)) {
                    continue;
                }
                List<Integer> versions;
                SchemaMetadata latest;
                try {
                    versions = connection.call(() -> client.getAllVersions(subject));
                    latest = connection.call(() -> client.getLatestVersion(subject));
                } catch (RestClientException e) {
                    if (e.errorCode() == RestClientException.SUBJECT_NOT_FOUND) {
                        continue;   // deleted between the two calls
                    }
                    throw e;
                }
                String level = connection.call(() -> client.getCompatibility(subject)).name();
                rows.add(new String[] {subject, versions.stream().map(String::valueOf).collect(Collectors.joining(",")),
                    String.valueOf(latest.version()), String.valueOf(latest.id()), level});
            }
            print(rows);
        }
        return 0;
    }

    private void print(List<String[]> rows) {
        PrintWriter out = spec.commandLine().getOut();
        String[] header = {"SUBJECT", "VERSIONS", "LATEST", "ID", "COMPATIBILITY"};
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String format = "%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2] + "s  %" + widths[3] + "s  %s%n";
        out.printf(format, (Object[]) header);
        for (String[] row : rows) {
            out.printf(format, (Object[]) row);
        }
        if (rows.isEmpty()) {
            out.println(subjectPrefix == null ? "(no subjects registered)" : "(no subjects start with " + subjectPrefix + ")");
        }
        out.flush();
    }
}
