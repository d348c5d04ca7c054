package gt.enlace.survey.checklist;

import java.util.List;

import gt.enlace.survey.scoring.MaturityLevel;

/**
 * An institution's checklist.
 *
 * @param institution      catalog code
 * @param round            the survey round whose answers were used, or null when it has not responded
 * @param currentLevel     its declared overall level, or null without a complete response
 * @param targetLevel      the level the steps aim at (one above the current, level 2 without a score), or null at
 *                         level 5
 * @param observedAvailable false while the observed metrics cannot be read: automatic steps then show not done
 * @param steps            weakest dimension first
 */
public record Checklist(String institution, String round, MaturityLevel currentLevel, MaturityLevel targetLevel,
                        boolean observedAvailable, List<ChecklistStep> steps) {

    public Checklist {
        steps = List.copyOf(steps);
    }

    /** Steps done. */
    public long doneCount() {
        return steps.stream().filter(ChecklistStep::done).count();
    }
}
