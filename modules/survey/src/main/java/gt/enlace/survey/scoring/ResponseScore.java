package gt.enlace.survey.scoring;

import java.util.List;
import java.util.Optional;

/**
 * The declared scores of one response.
 *
 * @param dimensions one per dimension of the instrument, in its order
 * @param overall    the rounded mean of the dimension scores, or null when a dimension has no score
 * @param level      the level of {@code overall}, or null with it
 */
public record ResponseScore(List<DimensionScore> dimensions, Integer overall, MaturityLevel level) {

    public ResponseScore {
        dimensions = List.copyOf(dimensions);
    }

    /** The score of the dimension {@code id}, if the instrument has it. */
    public Optional<DimensionScore> dimension(String id) {
        return dimensions.stream().filter(d -> d.dimension().equals(id)).findFirst();
    }
}
