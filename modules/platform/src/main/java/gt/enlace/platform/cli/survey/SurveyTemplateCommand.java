package gt.enlace.platform.cli.survey;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.exchanges.ManualExchangeCsvImporter;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentLoader;
import gt.enlace.survey.responses.ResponseCsvTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enlace survey template}: the empty responses spreadsheet, one row per institution, one column per item; with
 * {@code --exchanges}, the manual exchange log with one example row.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
    description = {"Writes the empty responses spreadsheet (CSV, UTF-8): a row per institution of the catalog and a "
        + "column per item of the questionnaire (institution, respondent, std.guidelines, ...).",
        "Fill it in and load it with `enlace survey import FILE --round ROUND`.",
        "With --exchanges, writes the manual exchange log instead (one declaration per row, an example row to replace); "
        + "load it with `enlace survey import-exchanges FILE`."})
public final class SurveyTemplateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--exchanges", description = "Write the manual exchange log's template instead of the responses'.")
    boolean exchanges;

    @Override
    public Integer call() throws IOException {
        Instrument instrument = InstrumentLoader.loadDefault();
        var institutions = SurveyCommand.surveyed(TopicCatalog.loadDefault());
        String csv = exchanges ? ManualExchangeCsvImporter.template(institutions.get(0), institutions.get(1))
            : ResponseCsvTemplate.render(instrument, institutions);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(csv);
        } else {
            try {
                Files.writeString(output, csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("cannot write " + output + ": " + e.getMessage(), e);
            }
            out.println(exchanges ? "Wrote " + output + ": the manual exchange log's columns and one example row to replace."
                : "Wrote " + output + ": " + institutions.size() + " institutions, " + instrument.items().size()
                + " items of questionnaire v" + instrument.version() + ".");
        }
        out.flush();
        return 0;
    }
}
