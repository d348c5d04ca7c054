package gt.enlace.platform.cli.publish;

import gt.enlace.publisher.csv.CsvTemplate;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.schemas.catalog.TopicDefinition;
import gt.enlace.schemas.samples.SampleEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enlace template}: a CSV with a topic's columns and one example row, ready for {@code enlace publish-csv}. */
@Command(name = "template", mixinStandardHelpOptions = true,
    description = "Writes a CSV template for a topic: the header with every column (field paths such as childName.givenNames) "
        + "and one example row. Open it in a spreadsheet, replace the example with real rows, save as CSV and run enlace publish-csv.")
public final class TemplateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Catalog topic, e.g. gt.renap.birth-registered.v1.")
    String topic;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "File to write (UTF-8 with BOM, for Excel); default: standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        TopicCatalog catalog = TopicCatalog.loadDefault();
        TopicDefinition definition = catalog.topic(topic).orElseThrow(() -> new IllegalArgumentException("topic '" + topic
            + "' is not in the catalog; `enlace topics --offline` lists them"));
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            CsvTemplate.write(definition.schema(), SampleEvents.sampleFor(topic), out);
            return 0;
        }
        try (OutputStream stream = Files.newOutputStream(output);
             Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
            stream.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            CsvTemplate.write(definition.schema(), SampleEvents.sampleFor(topic), writer);
        }
        spec.commandLine().getOut().println("Wrote " + output + " with " + CsvTemplate.header(definition.schema()).size()
            + " columns and one example row for " + topic);
        return 0;
    }
}
