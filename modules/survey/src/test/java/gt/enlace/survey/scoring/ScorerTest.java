package gt.enlace.survey.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentLoader;
import org.junit.jupiter.api.Test;

class ScorerTest {

    /** Two dimensions: "a" with weights 1, 1, 2 (one reversed yes/no, one multiple choice), "b" with one item. */
    static final String SMALL = """
            version: 7
            title: {es: Prueba, en: Test}
            dimensions:
              - id: a
                title: {es: A, en: A}
                items:
                  - {id: a.likert, type: likert, required: true, text: {es: L, en: L},
                     scale: [{es: '0', en: '0'}, {es: '1', en: '1'}, {es: '2', en: '2'}, {es: '3', en: '3'}, {es: '4', en: '4'}]}
                  - {id: a.barrier, type: yes-no, reverse: true, text: {es: B, en: B}}
                  - id: a.media
                    type: multiple-choice
                    weight: 2
                    text: {es: M, en: M}
                    options:
                      - {code: paper, score: 0, text: {es: P, en: P}}
                      - {code: email, score: 25, text: {es: E, en: E}}
                      - {code: bus, score: 100, text: {es: Bus, en: Bus}}
                      - {code: none, score: 0, exclusive: true, text: {es: N, en: N}}
                  - {id: a.note, type: yes-no, weight: 0, text: {es: N, en: N}}
              - id: b
                title: {es: B, en: B}
                items:
                  - {id: b.only, type: likert, text: {es: O, en: O},
                     scale: [{es: '0', en: '0'}, {es: '1', en: '1'}, {es: '2', en: '2'}, {es: '3', en: '3'}, {es: '4', en: '4'}]}
            """;

    private final Instrument small = InstrumentLoader.load("small.yaml", SMALL);
    private final Scorer scorer = new Scorer(small);

    @Test
    void theLevelBandsMeetAtTwentyFortySixtyAndEighty() {
        assertThat(MaturityLevel.ofScore(0)).isEqualTo(MaturityLevel.AD_HOC);
        assertThat(MaturityLevel.ofScore(19)).isEqualTo(MaturityLevel.AD_HOC);
        assertThat(MaturityLevel.ofScore(20)).isEqualTo(MaturityLevel.OPPORTUNISTIC);
        assertThat(MaturityLevel.ofScore(39)).isEqualTo(MaturityLevel.OPPORTUNISTIC);
        assertThat(MaturityLevel.ofScore(40)).isEqualTo(MaturityLevel.ESSENTIAL);
        assertThat(MaturityLevel.ofScore(59)).isEqualTo(MaturityLevel.ESSENTIAL);
        assertThat(MaturityLevel.ofScore(60)).isEqualTo(MaturityLevel.SUSTAINABLE);
        assertThat(MaturityLevel.ofScore(79)).isEqualTo(MaturityLevel.SUSTAINABLE);
        assertThat(MaturityLevel.ofScore(80)).isEqualTo(MaturityLevel.SEAMLESS);
        assertThat(MaturityLevel.ofScore(100)).isEqualTo(MaturityLevel.SEAMLESS);
        assertThat(MaturityLevel.SUSTAINABLE.maxScore()).isEqualTo(79);
        assertThatThrownBy(() -> MaturityLevel.ofScore(101)).hasMessageContaining("from 0 to 100, got 101");
        assertThatThrownBy(() -> MaturityLevel.ofScore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scoresRoundHalfUpBeforeTheLevelIsTaken() {
        assertThat(Scorer.roundHalfUp(new BigDecimal("19.5"))).isEqualTo(20);
        assertThat(Scorer.roundHalfUp(new BigDecimal("19.49"))).isEqualTo(19);
        assertThat(Scorer.roundHalfUp(new BigDecimal("79.5"))).isEqualTo(80);
        // a.likert 3 = 75 and a.media paper|email|bus = 41.67 (weight 2): (75 + 83.33) / 3 = 52.78 -> 53
        ResponseScore score = scorer.score(Map.of("a.likert", "3", "a.media", "paper|email|bus", "b.only", "2"));
        assertThat(score.dimension("a").orElseThrow().score()).isEqualTo(53);
    }

    @Test
    void aReversedYesNoScoresNoAsMature() {
        assertThat(scorer.score(Map.of("a.likert", "0", "a.barrier", "no", "b.only", "0")).dimension("a").orElseThrow()
                .score()).isEqualTo(50);
        assertThat(scorer.score(Map.of("a.likert", "0", "a.barrier", "yes", "b.only", "0")).dimension("a").orElseThrow()
                .score()).isEqualTo(0);
    }

    @Test
    void unansweredOptionalItemsAreLeftOutNotCountedAsZero() {
        DimensionScore a = scorer.score(Map.of("a.likert", "4", "a.media", "bus")).dimension("a").orElseThrow();
        assertThat(a.score()).isEqualTo(100);
        assertThat(a.answeredItems()).isEqualTo(2);
        assertThat(a.scoredItems()).isEqualTo(3);
        assertThat(a.coverage()).isEqualTo(0.75);
    }

    @Test
    void aDimensionNeedsHalfItsWeightAnswered() {
        // a.media alone carries 2 of 4: exactly half, scored.
        assertThat(scorer.score(Map.of("a.media", "email")).dimension("a").orElseThrow().score()).isEqualTo(25);
        // a.likert alone carries 1 of 4: no score.
        DimensionScore a = scorer.score(Map.of("a.likert", "4")).dimension("a").orElseThrow();
        assertThat(a.scored()).isFalse();
        assertThat(a.level()).isNull();
        // Unweighted items do not count either way.
        assertThat(scorer.score(Map.of("a.note", "yes")).dimension("a").orElseThrow().scored()).isFalse();
    }

    @Test
    void theOverallScoreNeedsEveryDimension() {
        ResponseScore partial = scorer.score(Map.of("a.likert", "4", "a.media", "bus"));
        assertThat(partial.overall()).isNull();
        assertThat(partial.level()).isNull();
        ResponseScore full = scorer.score(Map.of("a.likert", "4", "a.media", "bus", "b.only", "1"));
        assertThat(full.overall()).isEqualTo(63); // (100 + 25) / 2 = 62.5 -> 63
        assertThat(full.level()).isEqualTo(MaturityLevel.SUSTAINABLE);
    }

    @Test
    void observedScoringWeighsSemiDigitalHalfAndConformance() {
        assertThat(ObservedScoring.exchangeScore(0, 0, 0, 0, 0)).isEmpty();
        assertThat(ObservedScoring.exchangeScore(10, 0, 0, 10, 0)).contains(100);
        assertThat(ObservedScoring.exchangeScore(0, 10, 0, 10, 0)).contains(50);
        assertThat(ObservedScoring.exchangeScore(0, 0, 10, 0, 0)).contains(0);
        assertThat(ObservedScoring.exchangeScore(10, 0, 0, 10, 10)).contains(50);
        // Only dead letters and no exchange: nothing to score.
        assertThat(ObservedScoring.exchangeScore(0, 0, 0, 0, 5)).isEmpty();
    }
}
