package gt.enlace.survey.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gt.enlace.survey.instrument.Dimension;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.Item;

/**
 * Scores declared answers by the method of docs/maturity.md:
 * <ol>
 *   <li>each answered item scores 0–100 ({@link Item#score});</li>
 *   <li>a dimension scores the weighted mean of its answered items, rounded half up to a whole number — provided
 *       the answered items carry at least {@value #MIN_COVERAGE_PERCENT}% of the dimension's weight; otherwise
 *       the dimension has no score (unanswered items are left out, never counted as 0);</li>
 *   <li>the level is the band the rounded score falls in ({@link MaturityLevel#ofScore});</li>
 *   <li>the overall score is the mean of the five rounded dimension scores, rounded half up; it exists only
 *       when every dimension has a score.</li>
 * </ol>
 */
public final class Scorer {

    /** Least share of a dimension's weight that must be answered for it to have a score, in percent. */
    public static final int MIN_COVERAGE_PERCENT = 50;

    private final Instrument instrument;

    public Scorer(Instrument instrument) {
        this.instrument = instrument;
    }

    /**
     * Scores canonical answers (as {@link Item#read} returns them). Answers to items the instrument does not
     * have are ignored.
     *
     * @param answers canonical answers by item id; an absent item is unanswered
     */
    public ResponseScore score(Map<String, String> answers) {
        List<DimensionScore> dimensions = new ArrayList<>();
        boolean complete = true;
        BigDecimal sum = BigDecimal.ZERO;
        for (Dimension dimension : instrument.dimensions()) {
            DimensionScore score = score(dimension, answers);
            dimensions.add(score);
            if (score.scored()) {
                sum = sum.add(BigDecimal.valueOf(score.score()));
            } else {
                complete = false;
            }
        }
        if (!complete || dimensions.isEmpty()) {
            return new ResponseScore(dimensions, null, null);
        }
        int overall = roundHalfUp(sum.divide(BigDecimal.valueOf(dimensions.size()), 6, RoundingMode.HALF_UP));
        return new ResponseScore(dimensions, overall, MaturityLevel.ofScore(overall));
    }

    private static DimensionScore score(Dimension dimension, Map<String, String> answers) {
        BigDecimal totalWeight = BigDecimal.ZERO;
        BigDecimal answeredWeight = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        int scoredItems = 0;
        int answeredItems = 0;
        for (Item item : dimension.items()) {
            if (item.weight() <= 0) {
                continue;
            }
            BigDecimal weight = BigDecimal.valueOf(item.weight());
            scoredItems++;
            totalWeight = totalWeight.add(weight);
            String answer = answers.get(item.id());
            if (answer == null || answer.isBlank()) {
                continue;
            }
            answeredItems++;
            answeredWeight = answeredWeight.add(weight);
            weighted = weighted.add(weight.multiply(BigDecimal.valueOf(item.score(answer))));
        }
        double coverage = totalWeight.signum() == 0 ? 0
                : answeredWeight.divide(totalWeight, 6, RoundingMode.HALF_UP).doubleValue();
        if (answeredWeight.signum() == 0
                || answeredWeight.multiply(BigDecimal.valueOf(100))
                    .compareTo(totalWeight.multiply(BigDecimal.valueOf(MIN_COVERAGE_PERCENT))) < 0) {
            return new DimensionScore(dimension.id(), null, null, answeredItems, scoredItems, coverage);
        }
        int score = roundHalfUp(weighted.divide(answeredWeight, 6, RoundingMode.HALF_UP));
        return new DimensionScore(dimension.id(), score, MaturityLevel.ofScore(score), answeredItems, scoredItems,
                coverage);
    }

    /** Rounds half up to a whole number: 62.5 → 63, 62.49 → 62. */
    public static int roundHalfUp(BigDecimal value) {
        return value.setScale(0, RoundingMode.HALF_UP).intValueExact();
    }
}
