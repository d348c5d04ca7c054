package gt.enlace.survey.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Puts what the bus observes about an institution's exchanges on the declared scale (docs/maturity.md,
 * "Observed level"). Only the exchange-processes dimension ({@value #DIMENSION}) is observed; the others are
 * declared only.
 *
 * <pre>
 * exchange score = 100 × (digital + ½ × semi-digital) / (digital + semi-digital + manual) × conformance
 * </pre>
 * where digital = events published through the SDK or the gateway, semi-digital = rows published through the
 * CSV bridge, manual = records declared in the manual exchange log, and conformance = accepted / (accepted +
 * dead-lettered) (1 when nothing was dead-lettered). With no exchange at all there is no observed score.
 */
public final class ObservedScoring {

    /** The dimension the bus observes. */
    public static final String DIMENSION = "exc";

    private ObservedScoring() {
    }

    /**
     * The observed exchange score, rounded half up.
     *
     * @param digital       SDK + gateway events
     * @param semiDigital   CSV-bridge events
     * @param manual        manually exchanged records (declared)
     * @param accepted      events the bus accepted on the institution's topics
     * @param deadLettered  events dead-lettered
     * @return the score 0–100, empty when there was no exchange
     */
    public static Optional<Integer> exchangeScore(long digital, long semiDigital, long manual, long accepted,
                                                  long deadLettered) {
        long total = digital + semiDigital + manual;
        if (total <= 0) {
            return Optional.empty();
        }
        BigDecimal weighted = BigDecimal.valueOf(digital).multiply(BigDecimal.valueOf(2)).add(BigDecimal.valueOf(semiDigital));
        BigDecimal share = weighted.divide(BigDecimal.valueOf(2 * total), 12, RoundingMode.HALF_UP);
        BigDecimal conformance = accepted + deadLettered == 0 ? BigDecimal.ONE
                : BigDecimal.valueOf(accepted).divide(BigDecimal.valueOf(accepted + deadLettered), 12, RoundingMode.HALF_UP);
        return Optional.of(Scorer.roundHalfUp(share.multiply(conformance).multiply(BigDecimal.valueOf(100))));
    }
}
