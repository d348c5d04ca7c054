package gt.enlace.platform.cli.survey;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.FieldError;
import gt.enlace.survey.SurveyTopics;
import gt.enlace.survey.exchanges.ManualExchangeCsvImporter;
import gt.enlace.survey.exchanges.ManualExchangeValidator;
import gt.enlace.survey.responses.SurveyPublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.HashSet;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enlace survey import-exchanges FILE}: a manual exchange log kept as a spreadsheet, one declaration per row,
 * validated row by row as the form and the API validate one declaration; the valid rows are published to the
 * exchange-log topic (channel {@code declared-manual}). Exit codes, like {@code enlace survey import}: 0 every row
 * published, 2 some rows rejected (the valid ones published), 1 nothing could be done.
 */
@Command(name = "import-exchanges", mixinStandardHelpOptions = true,
    description = {"Validates a manual exchange log (CSV: institution, counterpart, direction, records, medium, date, "
        + "description; one declaration per row, e.g. renap,mineduc,sent,40,paper,2026-01-15,...) row by row and "
        + "publishes each valid row as a declared manual exchange. A rejected row is listed with its row number, column "
        + "and reason; the valid rows are published anyway. Each import declares its rows again: import a file once.",
        "`enlace survey template --exchanges` writes an example file.",
        "Exit codes: 0 every row published, 2 some rows rejected, 1 the import failed."})
public final class SurveyImportExchangesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SurveyImportOptions options = new SurveyImportOptions();

    @Override
    public Integer call() throws IOException {
        TopicCatalog catalog = TopicCatalog.loadDefault();
        ManualExchangeCsvImporter importer = new ManualExchangeCsvImporter(
            new ManualExchangeValidator(new HashSet<>(SurveyCommand.surveyed(catalog)), Clock.systemUTC()));
        ManualExchangeCsvImporter.Result result;
        try (Reader in = Files.newBufferedReader(options.file, StandardCharsets.UTF_8)) {
            result = importer.read(in);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + options.file, e);
        } catch (MalformedInputException e) {
            throw new IOException(options.file + " is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"", e);
        } catch (ManualExchangeCsvImporter.CsvFormatException e) {
            throw new IOException(options.file + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Read " + (result.accepted().size() + result.rejected().size()) + " declaration(s) from " + options.file
            + ": " + result.accepted().size() + " valid, " + result.rejected().size() + " rejected.");
        for (ManualExchangeCsvImporter.Rejection rejection : result.rejected()) {
            for (FieldError error : rejection.errors()) {
                out.println("REJECTED row " + rejection.row() + ", column " + error.path() + ": " + error.code() + ": "
                    + error.message());
            }
        }
        if (options.dryRun) {
            out.println("Dry run: nothing published.");
        } else if (!result.accepted().isEmpty()) {
            try (SurveyPublisher publisher = options.publisher(catalog)) {
                for (ManualExchangeCsvImporter.Accepted accepted : result.accepted()) {
                    publisher.publish(accepted.exchange());
                }
            } catch (SurveyPublisher.PublishException | KafkaException e) {
                throw new IllegalStateException("cannot publish to Kafka at " + options.bootstrapServers + " with the registry "
                    + options.registryUrl + ": " + e.getMessage() + " (is `./enlace up` running?)", e);
            }
            out.println("Published " + result.accepted().size() + " declaration(s) to " + SurveyTopics.MANUAL_EXCHANGES
                + " (acknowledged by Kafka).");
        }
        out.flush();
        return result.rejected().isEmpty() ? 0 : SurveyImportCommand.SOME_REJECTED;
    }
}
