package gt.enlace.platform.cli.survey;

import java.util.List;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.SurveyTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code enlace survey}: the interoperability-maturity survey from the command line. */
@Command(name = "survey", mixinStandardHelpOptions = true,
    description = "The interoperability-maturity survey: write the responses template, import filled-in responses, "
        + "import a manual exchange log.",
    subcommands = {SurveyTemplateCommand.class, SurveyImportCommand.class, SurveyImportExchangesCommand.class})
public final class SurveyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The institutions that answer the survey: the catalog's, but the evaluators' office. */
    static List<String> surveyed(TopicCatalog catalog) {
        return catalog.institutions().stream().map(InstitutionDefinition::code)
            .filter(code -> !code.equals(SurveyTopics.OWNER)).toList();
    }
}
