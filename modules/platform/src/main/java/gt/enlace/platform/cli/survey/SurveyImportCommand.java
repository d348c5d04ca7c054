package gt.enlace.platform.cli.survey;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
import gt.enlace.platform.cli.security.KafkaLogin;
import gt.enlace.survey.responses.SurveyPublisher;
import gt.enlace.survey.responses.ValidatedResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (comma or semicolon separated, UTF-8).")
    Path file;

    @Option(names = "--round", required = true, paramLabel = "ROUND",
        description = "The assessment round, lower-case kebab, e.g. 2025-baseline.")
    String round;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:9092";

    @Option(names = "--registry-url", paramLabel = "URL", description = "The schema registry (default: ${DEFAULT-VALUE}).")
    String registryUrl = "http://127.0.0.1:8081";

    @CommandLine.Mixin
    KafkaLogin login = new KafkaLogin();

    @Option(names = "--dry-run", description = "Validate only; publish nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        RoundIds.invalidReason(round).ifPresent(reason -> {
            throw new CommandLine.ParameterException(spec.commandLine(), "--round: " + reason);
        });
        TopicCatalog catalog = TopicCatalog.loadDefault();
        ResponseCsvImporter importer = new ResponseCsvImporter(InstrumentLoader.loadDefault(),
            new HashSet<>(SurveyCommand.surveyed(catalog)));
        ResponseCsvImporter.Result result;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = importer.read(in, round);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + file, e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + " is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"", e);
        } catch (ResponseCsvImporter.CsvFormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        int rows = result.accepted().size() + result.rejected().size();
        out.println("Read " + rows + " row(s) of " + file + " for round " + round + ": " + result.accepted().size()
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
        if (dryRun) {
            out.println("Dry run: nothing published.");
        } else if (!valid.isEmpty()) {
            try (SurveyPublisher publisher = SurveyPublisher.create(bootstrapServers, login.clientProperties(),
                    registryUrl, login.registryProperties(), catalog)) {
                publisher.publishAll(valid, ResponseOrigin.CSV_IMPORT);
            } catch (SurveyPublisher.PublishException e) {
                throw new IllegalStateException(e.getMessage() + " (is `./enlace up` running at " + bootstrapServers
                    + "?)", e);
            } catch (org.apache.kafka.common.KafkaException e) {
                throw new IllegalStateException("cannot publish to Kafka at " + bootstrapServers + " with the registry "
                    + registryUrl + ": " + e.getMessage() + " (is `./enlace up` running?)", e);
            }
            out.println("Published " + valid.size() + " response(s) to " + SurveyTopics.RESPONSES
                + " (acknowledged by Kafka).");
        }
        out.flush();
        return result.rejected().isEmpty() ? 0 : SOME_REJECTED;
    }
}
