package gt.enlace.bus.agreements;

import java.time.Instant;
import java.util.List;

/**
 * What a consumer asks for; validated by {@link AgreementRules#request}.
 *
 * @param provider   institution that owns the topics
 * @param consumer   institution asking to read them
 * @param topics     topic names
 * @param legalBasis the law or convenio
 * @param purpose    what the data is for
 * @param validFrom  start of validity; {@code null} means now
 * @param validUntil end of validity; required
 */
public record AgreementRequest(String provider, String consumer, List<String> topics, String legalBasis, String purpose,
                               Instant validFrom, Instant validUntil) {
}
