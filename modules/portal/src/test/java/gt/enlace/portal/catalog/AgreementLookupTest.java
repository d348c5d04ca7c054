package gt.enlace.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import gt.enlace.bus.agreements.Agreement;
import gt.enlace.bus.agreements.AgreementStatus;
import org.junit.jupiter.api.Test;

/**
 * Which agreement the subscriber table names (only one in force, for that consumer and that topic), and which
 * agreements an institution's dashboard page lists (every one it provides or receives under, whatever its status).
 */
class AgreementLookupTest {

    private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");
    private static final String TOPIC = "gt.renap.birth-registered.v1";

    private static Agreement agreement(String id, String consumer, AgreementStatus status, Instant from, Instant until) {
        return new Agreement(id, "renap", consumer, List.of(TOPIC), "Decreto 90-2005", "Matrícula escolar", from, until,
            status, false, consumer, "renap", null, null, null, from, from);
    }

    @Test
    void theSubscriberTableNamesTheApprovedAgreementInForceForThatInstitutionAndTopic() {
        Instant from = NOW.minus(Duration.ofDays(1));
        Instant until = NOW.plus(Duration.ofDays(30));
        List<Agreement> agreements = List.of(
            agreement("a-requested", "mineduc", AgreementStatus.REQUESTED, from, until),
            agreement("a-expired", "mineduc", AgreementStatus.APPROVED, from.minus(Duration.ofDays(60)), from),
            agreement("a-other", "sat", AgreementStatus.APPROVED, from, until),
            agreement("a-good", "mineduc", AgreementStatus.APPROVED, from, until));
        assertThat(AgreementLookup.agreementFor(agreements, "mineduc", TOPIC, NOW)).isEqualTo("a-good");
        assertThat(AgreementLookup.agreementFor(agreements, "mineduc", "gt.sat.taxpayer-registered.v1", NOW)).isNull();
        assertThat(AgreementLookup.agreementFor(agreements, "mspas", TOPIC, NOW)).isNull();
        assertThat(AgreementLookup.agreementFor(agreements, null, TOPIC, NOW)).isNull();
        assertThat(AgreementLookup.agreementFor(agreements.subList(0, 3), "mineduc", TOPIC, NOW)).isNull();
    }

    @Test
    void anInstitutionsAgreementsAreThoseItProvidesOrReceivesUnderInEveryStatus() {
        Instant from = NOW.minus(Duration.ofDays(1));
        Instant until = NOW.plus(Duration.ofDays(30));
        Agreement receives = agreement("a-mineduc", "mineduc", AgreementStatus.REVOKED, from, until);
        Agreement provides = new Agreement("a-sat", "mineduc", "sat", List.of("gt.mineduc.enrolment.v1"), "Ley", "Becas",
            from, until, AgreementStatus.REQUESTED, false, "sat", null, null, null, null, from, from);
        Agreement unrelated = agreement("a-igss", "igss", AgreementStatus.APPROVED, from, until);
        List<Agreement> agreements = List.of(receives, unrelated, provides);
        assertThat(AgreementLookup.involving(agreements, "mineduc")).containsExactly(receives, provides);
        assertThat(AgreementLookup.involving(agreements, "renap")).containsExactly(receives, unrelated);
        assertThat(AgreementLookup.involving(agreements, "pnc")).isEmpty();
        assertThat(AgreementLookup.involving(agreements, null)).isEmpty();
    }
}
