package gt.enlace.survey.checklist;

import java.util.Objects;

import gt.enlace.survey.instrument.LocalizedText;

/**
 * One step of an institution's checklist.
 *
 * @param id        stable id: the rule's id, or {@code <rule>:<counterpart>} for a per-counterpart step
 * @param dimension the instrument dimension it improves, e.g. {@code exc}
 * @param text      short imperative, Spanish and English
 * @param detail    one or two sentences, Spanish and English
 * @param automatic whether the bus can tick it (the rule names evidence); otherwise a better survey answer retires it
 * @param done      whether the bus saw it done
 * @param evidence  what the bus saw, Spanish and English, or null when not done
 */
public record ChecklistStep(String id, String dimension, LocalizedText text, LocalizedText detail, boolean automatic,
                            boolean done, LocalizedText evidence) {

    public ChecklistStep {
        Objects.requireNonNull(id, "'id' cannot be null");
        Objects.requireNonNull(dimension, "'dimension' cannot be null");
        Objects.requireNonNull(text, "'text' cannot be null");
        Objects.requireNonNull(detail, "'detail' cannot be null");
    }
}
