package gt.enlace.platform.cli.survey;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.FieldError;
import gt.enlace.survey.ResponseOrigin;
import gt.enlace.survey.SurveyTopics;
import gt.enlace.survey.instrument.InstrumentLoader;
import gt.enlace.survey.responses.ResponseCsvImporter;
import gt.enlace.survey.responses.RoundIds;
import gt.enlace.survey.responses.SurveyPublisher;
import gt.enlace.survey.responses.ValidatedResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enlace survey import FILE --round ROUND}: validates a responses spreadsheet row by row and publishes the
 * valid rows. Exit codes, like the CSV bridge: 0 every row published, 2 some rows rejected (the valid ones
 * published), 1 nothing could be done (unreadable file, Kafka down).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Validates a filled-in responses spreadsheet row by row and publishes each valid row as a "
        + "survey response for the round. A rejected row is listed with its row number, column and reason; the "
        + "valid rows are published anyway. A later import for the same institution and round replaces it.",
        "Exit codes: 0 every row published, 2 some rows rejected, 1 the import failed."})
public final class SurveyImportCommand implements Callable<Integer> {

    /** Exit code when some rows were rejected. */
    public static final int SOME_REJECTED = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SurveyImportOptions options = new SurveyImportOptions();

    @Option(names = "--round", required = true, paramLabel = "ROUND",
        description = "The assessment round, lower-case kebab, e.g. 2025-baseline.")
    String round;

    @Override
    public Integer call() throws IOException {
        RoundIds.invalidReason(round).ifPresent(reason -> {
            throw new CommandLine.ParameterException(spec.commandLine(), "--round: " + reason);
        });
        TopicCatalog catalog = TopicCatalog.loadDefault();
        ResponseCsvImporter importer = new ResponseCsvImporter(InstrumentLoader.loadDefault(),
            new HashSet<>(SurveyCommand.surveyed(catalog)));
        ResponseCsvImporter.Result result;
        try (Reader in = Files.newBufferedReader(options.file, StandardCharsets.UTF_8)) {
            result = importer.read(in, round);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + options.file, e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(options.file + " is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"", e);
        } catch (ResponseCsvImporter.CsvFormatException e) {
            throw new IOException(options.file + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        int rows = result.accepted().size() + result.rejected().size();
        out.println("Read " + rows + " row(s) of " + options.file + " for round " + round + ": " + result.accepted().size()
            + " valid, " + result.rejected().size() + " rejected.");
        if (!result.unknownColumns().isEmpty()) {
            out.println("Columns that are not items of the questionnaire (left empty, ignored): "
                + String.join(", ", result.unknownColumns()));
        }
        for (ResponseCsvImporter.Rejection rejection : result.rejected()) {
            for (FieldError error : rejection.errors()) {
                out.println("REJECTED row " + rejection.row() + ", column " + error.path() + ": " + error.code() + ": "
                    + error.message());
            }
        }
        List<ValidatedResponse> valid = result.accepted().stream().map(ResponseCsvImporter.Accepted::response).toList();
        if (options.dryRun) {
            out.println("Dry run: nothing published.");
        } else if (!valid.isEmpty()) {
            try (SurveyPublisher publisher = options.publisher(catalog)) {
                publisher.publishAll(valid, ResponseOrigin.CSV_IMPORT);
            } catch (SurveyPublisher.PublishException e) {
                throw new IllegalStateException(e.getMessage() + " (is `./enlace up` running at " + options.bootstrapServers
                    + "?)", e);
            } catch (org.apache.kafka.common.KafkaException e) {
                throw new IllegalStateException("cannot publish to Kafka at " + options.bootstrapServers + " with the registry "
                    + options.registryUrl + ": " + e.getMessage() + " (is `./enlace up` running?)", e);
            }
            out.println("Published " + valid.size() + " response(s) to " + SurveyTopics.RESPONSES
                + " (acknowledged by Kafka).");
        }
        out.flush();
        return result.rejected().isEmpty() ? 0 : SOME_REJECTED;
    }
}
