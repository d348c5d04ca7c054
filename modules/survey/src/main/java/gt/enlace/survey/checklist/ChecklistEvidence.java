package gt.enlace.survey.checklist;

import java.util.List;
import java.util.Set;

import gt.enlace.survey.metrics.PeriodMetrics;

/**
 * What the bus saw of one institution, as the checklist reads it.
 *
 * @param observed               its observed metrics summed over every period, or null when nothing was observed
 * @param schemaSubjects         registered subjects of its topics ({@code <topic>-value})
 * @param sandboxSubjects        registered subjects of its sandbox topics
 * @param agreementCounterparts  institutions it has an agreement with
 */
public record ChecklistEvidence(PeriodMetrics observed, List<String> schemaSubjects, List<String> sandboxSubjects,
                                Set<String> agreementCounterparts) {

    public ChecklistEvidence {
        schemaSubjects = List.copyOf(schemaSubjects);
        sandboxSubjects = List.copyOf(sandboxSubjects);
        agreementCounterparts = Set.copyOf(agreementCounterparts);
    }

    /** Nothing seen. */
    public static ChecklistEvidence none() {
        return new ChecklistEvidence(null, List.of(), List.of(), Set.of());
    }
}
