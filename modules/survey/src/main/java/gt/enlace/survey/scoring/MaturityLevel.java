package gt.enlace.survey.scoring;

import java.util.Arrays;
import java.util.Optional;

import gt.enlace.survey.instrument.LocalizedText;

/**
 * The five levels of the EU Interoperability Maturity Model, and the score band of each (docs/maturity.md):
 * 0–19 ad hoc, 20–39 opportunistic, 40–59 essential, 60–79 sustainable, 80–100 seamless.
 */
public enum MaturityLevel {

    /** 1: exchange happens case by case, by hand, without rules. */
    AD_HOC(1, "ad-hoc", 0, new LocalizedText("Ad hoc", "Ad hoc")),
    /** 2: some exchanges are organised, where someone took the opportunity. */
    OPPORTUNISTIC(2, "opportunistic", 20, new LocalizedText("Oportunista", "Opportunistic")),
    /** 3: the essentials are in place: documented rules, some digital exchange. */
    ESSENTIAL(3, "essential", 40, new LocalizedText("Esencial", "Essential")),
    /** 4: exchange is mostly digital, governed and sustained. */
    SUSTAINABLE(4, "sustainable", 60, new LocalizedText("Sostenible", "Sustainable")),
    /** 5: exchange is digital, automatic and standard by default. */
    SEAMLESS(5, "seamless", 80, new LocalizedText("Sin fisuras", "Seamless"));

    private final int number;
    private final String code;
    private final int minScore;
    private final LocalizedText label;

    MaturityLevel(int number, String code, int minScore, LocalizedText label) {
        this.number = number;
        this.code = code;
        this.minScore = minScore;
        this.label = label;
    }

    /** 1 to 5. */
    public int number() {
        return number;
    }

    /** Stable code, e.g. {@code sustainable}. */
    public String code() {
        return code;
    }

    /** Lowest score of the band. */
    public int minScore() {
        return minScore;
    }

    /** Highest score of the band. */
    public int maxScore() {
        return this == SEAMLESS ? 100 : values()[ordinal() + 1].minScore - 1;
    }

    /** What people read. */
    public LocalizedText label() {
        return label;
    }

    /**
     * The level of a score.
     *
     * @param score 0–100, already rounded (docs/maturity.md)
     * @throws IllegalArgumentException outside 0–100
     */
    public static MaturityLevel ofScore(int score) {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("a score is from 0 to 100, got " + score);
        }
        MaturityLevel level = AD_HOC;
        for (MaturityLevel candidate : values()) {
            if (score >= candidate.minScore) {
                level = candidate;
            }
        }
        return level;
    }

    /** The level numbered {@code number}, if 1–5. */
    public static Optional<MaturityLevel> ofNumber(int number) {
        return Arrays.stream(values()).filter(l -> l.number == number).findFirst();
    }
}
