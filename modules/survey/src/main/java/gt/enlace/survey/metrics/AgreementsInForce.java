package gt.enlace.survey.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The data-sharing agreements an institution took part in, as provider or as consumer, that were in force at some
 * instant of a period (or, after {@link #plus}, of any of several periods; see {@link AgreementSpan} for when an
 * agreement is in force). Sets of agreement ids, so that a sum over periods counts an agreement once.
 *
 * @param institution    catalog code
 * @param periodKey      e.g. {@code 2026-11-23}; {@code *} for a sum over periods
 * @param periodStart    first day of the period (of the earliest one in a sum)
 * @param inForce        ids of the agreements in force
 * @param withLegalBasis ids of those among them that name a legal basis (not blank)
 */
public record AgreementsInForce(String institution, String periodKey, LocalDate periodStart, Set<String> inForce,
                                Set<String> withLegalBasis) {

    public AgreementsInForce {
        Objects.requireNonNull(institution, "'institution' cannot be null");
        Objects.requireNonNull(periodKey, "'periodKey' cannot be null");
        Objects.requireNonNull(periodStart, "'periodStart' cannot be null");
        inForce = Set.copyOf(inForce);
        withLegalBasis = Set.copyOf(withLegalBasis);
    }

    /**
     * The agreements of {@code institution} in force during the period that holds {@code day}.
     *
     * @param agreements every agreement's span ({@link ObservedMetricsService#agreements()})
     * @param settings   the periods and their zone
     */
    public static AgreementsInForce of(Collection<AgreementSpan> agreements, String institution, LocalDate day,
                                       MetricsSettings settings) {
        Period period = settings.period();
        LocalDate start = period.start(day);
        LocalDate next = switch (period) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
        Instant from = start.atStartOfDay(settings.zone()).toInstant();
        Instant until = next.atStartOfDay(settings.zone()).toInstant();
        Set<String> inForce = new HashSet<>();
        Set<String> withBasis = new HashSet<>();
        for (AgreementSpan a : agreements) {
            if (a.involves(institution) && a.inForceDuring(from, until)) {
                inForce.add(a.id());
                if (a.legalBasis()) {
                    withBasis.add(a.id());
                }
            }
        }
        return new AgreementsInForce(institution, period.key(start), start, inForce, withBasis);
    }

    /** Agreements in force. */
    public long inForceCount() {
        return inForce.size();
    }

    /** Agreements in force that name a legal basis. */
    public long withLegalBasisCount() {
        return withLegalBasis.size();
    }

    /** The agreements in force in either period (same institution), each once. */
    public AgreementsInForce plus(AgreementsInForce other) {
        Set<String> all = new HashSet<>(inForce);
        all.addAll(other.inForce);
        Set<String> basis = new HashSet<>(withLegalBasis);
        basis.addAll(other.withLegalBasis);
        return new AgreementsInForce(institution, periodKey.equals(other.periodKey) ? periodKey : "*",
                periodStart.isBefore(other.periodStart) ? periodStart : other.periodStart, all, basis);
    }
}
