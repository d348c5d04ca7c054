package gt.enlace.bus.agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import gt.enlace.schemas.catalog.TopicCatalog;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AgreementRulesTest {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final AgreementRules rules = new AgreementRules(CATALOG,
        Set.copyOf(CATALOG.institutions().stream().map(i -> i.code()).toList()));

    private AgreementRequest request(List<String> topics) {
        return new AgreementRequest("renap", "sat", topics, "Decreto 90-2005, art. 5", "Verificar identidad de contribuyentes",
            null, NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void theConsumerRequestsAndTheProviderApprovesAndTheAgreementIsInForceUntilItsEnd() {
        Agreement requested = rules.request(request(List.of("gt.renap.birth-registered.v1")), "sat", NOW);
        assertThat(requested.status()).isEqualTo(AgreementStatus.REQUESTED);
        assertThat(requested.inForce(NOW)).isFalse();

        Agreement approved = rules.approve(requested, "renap", NOW);
        assertThat(approved.status()).isEqualTo(AgreementStatus.APPROVED);
        assertThat(approved.providerApprovedBy()).isEqualTo("renap");
        assertThat(approved.inForce(NOW)).isTrue();
        assertThat(approved.inForce(approved.validUntil())).isFalse();
        assertThat(approved.statusAt(approved.validUntil())).isEqualTo(AgreementStatus.EXPIRED);
    }

    @Test
    void onlyTheConsumerMayRequestAndOnlyTheProviderMayApprove() {
        assertThatThrownBy(() -> rules.request(request(List.of("gt.renap.birth-registered.v1")), "mspas", NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.error()).isEqualTo(AgreementError.FORBIDDEN))
            .hasMessageContaining("User:mspas");
        Agreement requested = rules.request(request(List.of("gt.renap.birth-registered.v1")), "sat", NOW);
        assertThatThrownBy(() -> rules.approve(requested, "sat", NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.error()).isEqualTo(AgreementError.FORBIDDEN));
        // A confidencial topic needs no administrator, so the administrator's approval is not one that counts.
        assertThatThrownBy(() -> rules.approve(requested, "admin", NOW)).isInstanceOf(AgreementException.class);
    }

    @Test
    void invalidRequestsNameTheFieldAtFault() {
        assertThatThrownBy(() -> rules.request(request(List.of("gt.sat.taxpayer-registered.v1")), "sat", NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.field()).isEqualTo("topics[0]"))
            .hasMessageContaining("belongs to sat");
        assertThatThrownBy(() -> rules.request(request(List.of("gt.renap.nope.v1")), "sat", NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.field()).isEqualTo("topics[0]"));
        AgreementRequest noBasis = new AgreementRequest("renap", "sat", List.of("gt.renap.birth-registered.v1"), " ",
            "x", null, NOW.plusSeconds(60));
        assertThatThrownBy(() -> rules.request(noBasis, "sat", NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.field()).isEqualTo("legalBasis"));
        AgreementRequest past = new AgreementRequest("renap", "sat", List.of("gt.renap.birth-registered.v1"), "ley",
            "x", NOW.minusSeconds(600), NOW.minusSeconds(60));
        assertThatThrownBy(() -> rules.request(past, "sat", NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.field()).isEqualTo("validUntil"));
        AgreementRequest unknown = new AgreementRequest("nadie", "sat", List.of(), "ley", "x", null, NOW.plusSeconds(60));
        assertThatThrownBy(() -> rules.request(unknown, "sat", NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.field()).isEqualTo("provider"));
    }

    @Test
    void aReservadaTopicNeedsTheProviderAndAnAdministratorInEitherOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path schemas = java.nio.file.Path.of("../../schemas").toAbsolutePath().normalize();
        try (var files = java.nio.file.Files.walk(schemas)) {
            for (java.nio.file.Path file : files.toList()) {
                java.nio.file.Path target = dir.resolve(schemas.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target);
                }
            }
        }
        java.nio.file.Path yaml = dir.resolve("catalog.yaml");
        // gt.renap.birth-registered.v1 is the first topic: make it reservada.
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml)
            .replaceFirst("classification: confidencial", "classification: reservada"));
        TopicCatalog catalog = TopicCatalog.load(yaml);
        AgreementRules strict = new AgreementRules(catalog, Set.of("renap", "sat"));

        Agreement requested = strict.request(request(List.of("gt.renap.birth-registered.v1")), "sat", NOW);
        assertThat(requested.adminApprovalRequired()).isTrue();
        Agreement byProvider = strict.approve(requested, "renap", NOW);
        assertThat(byProvider.status()).isEqualTo(AgreementStatus.REQUESTED);
        assertThat(byProvider.inForce(NOW)).isFalse();
        assertThat(strict.approve(byProvider, "admin", NOW).status()).isEqualTo(AgreementStatus.APPROVED);
        Agreement byAdmin = strict.approve(requested, "admin", NOW);
        assertThat(byAdmin.status()).isEqualTo(AgreementStatus.REQUESTED);
        assertThat(strict.approve(byAdmin, "renap", NOW).status()).isEqualTo(AgreementStatus.APPROVED);
    }

    @Test
    void eitherPartyRevokesAndARevokedAgreementCannotBeApproved() {
        Agreement approved = rules.approve(rules.request(request(List.of("gt.renap.birth-registered.v1")), "sat", NOW), "renap", NOW);
        Agreement revoked = rules.revoke(approved, "sat", "ya no se necesita", NOW);
        assertThat(revoked.status()).isEqualTo(AgreementStatus.REVOKED);
        assertThat(revoked.decidedBy()).isEqualTo("sat");
        assertThatThrownBy(() -> rules.approve(revoked, "renap", NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.error()).isEqualTo(AgreementError.INVALID_TRANSITION));
        assertThatThrownBy(() -> rules.revoke(approved, "mspas", null, NOW))
            .isInstanceOfSatisfying(AgreementException.class, e -> assertThat(e.error()).isEqualTo(AgreementError.FORBIDDEN));
    }

    @Test
    void theJsonFormRoundTripsAndTheAclPlanGrantsReadOnTheTopicsAndTheConsumersGroups() {
        Agreement approved = rules.approve(rules.request(request(List.of("gt.renap.birth-registered.v1",
            "gt.renap.death-registered.v1")), "sat", NOW), "renap", NOW);
        assertThat(AgreementCodec.fromJson(AgreementCodec.toJson(approved))).isEqualTo(approved);

        assertThat(AgreementAcls.plan(approved))
            .allSatisfy(b -> assertThat(b.entry().principal()).isEqualTo("User:sat"))
            .anySatisfy(b -> {
                assertThat(b.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
                assertThat(b.pattern().name()).isEqualTo("gt.renap.death-registered.v1");
                assertThat(b.entry().operation()).isEqualTo(AclOperation.READ);
            })
            .anySatisfy(b -> {
                assertThat(b.pattern().resourceType()).isEqualTo(ResourceType.GROUP);
                assertThat(b.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                assertThat(b.pattern().name()).isEqualTo("sat.");
            })
            .hasSize(5);
    }
}
