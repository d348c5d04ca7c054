package gt.enlace.survey.scoring;

/**
 * The declared score of one dimension.
 *
 * @param dimension     the dimension id, e.g. {@code std}
 * @param score         0–100 rounded half up, or null when fewer than half of the dimension's weight was answered
 * @param level         the level of {@code score}, or null with it
 * @param answeredItems scored items answered
 * @param scoredItems   items of the dimension with a weight above 0
 * @param coverage      answered weight / scored weight, 0–1
 */
public record DimensionScore(String dimension, Integer score, MaturityLevel level, int answeredItems,
                             int scoredItems, double coverage) {

    /** Whether the dimension had enough answers to be scored. */
    public boolean scored() {
        return score != null;
    }
}
