package gt.enlace.survey.pilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;

import gt.enlace.bus.headers.Channel;
import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.schemas.catalog.TopicCatalog;
import gt.enlace.survey.exchanges.ManualExchange;
import gt.enlace.survey.exchanges.ManualExchangeValidator;
import gt.enlace.survey.instrument.Headline;
import gt.enlace.survey.instrument.Instrument;
import gt.enlace.survey.instrument.InstrumentLoader;
import gt.enlace.survey.responses.ResponseValidator;
import org.junit.jupiter.api.Test;

class SyntheticPilotTest {

    private static final TopicCatalog CATALOG = TopicCatalog.loadDefault();
    private static final Instrument INSTRUMENT = InstrumentLoader.loadDefault();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final PilotPlan PLAN = SyntheticPilot.plan(CATALOG, INSTRUMENT, TODAY);

    @Test
    void theSamePlanComesOutOnEveryRun() {
        assertThat(SyntheticPilot.plan(CATALOG, INSTRUMENT, TODAY)).isEqualTo(PLAN);
    }

    @Test
    void fifteenRealInstitutionsOfTheCatalogAnswerBothRounds() {
        Set<String> catalog = CATALOG.institutions().stream().map(InstitutionDefinition::code).collect(Collectors.toSet());
        assertThat(PLAN.institutions()).hasSize(15).allMatch(catalog::contains).doesNotContain("ocp");
        assertThat(PLAN.rounds()).containsExactly(SyntheticPilot.BASELINE_ROUND, SyntheticPilot.FOLLOW_UP_ROUND);
        assertThat(PLAN.round(SyntheticPilot.BASELINE_ROUND)).hasSize(15);
        assertThat(PLAN.round(SyntheticPilot.FOLLOW_UP_ROUND)).hasSize(15);
    }

    @Test
    void everyResponsePassesTheValidatorThatGuardsTheApi() {
        ResponseValidator validator = new ResponseValidator(INSTRUMENT, Set.copyOf(PLAN.institutions()));
        for (PilotPlan.PlannedResponse r : PLAN.responses()) {
            ResponseValidator.Validation v = validator.validate(r.institution(), r.round(), r.answers(), SyntheticPilot.RESPONDENT);
            assertThat(v.errors()).as(r.institution() + "/" + r.round()).isEmpty();
            assertThat(v.response().answers()).isEqualTo(r.answers());
        }
    }

    @Test
    void theBaselineReproducesTheNationalSurveysShape() {
        assertThat(headline("no-standards", SyntheticPilot.BASELINE_ROUND)).isCloseTo(0.75, within(0.05));
        assertThat(headline("mainly-manual", SyntheticPilot.BASELINE_ROUND)).isGreaterThanOrEqualTo(0.8);
        assertThat(headline("legal-barriers", SyntheticPilot.BASELINE_ROUND)).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void theFollowUpShowsTheInstitutionsThatMovedToTheBus() {
        assertThat(PLAN.movedToBus()).containsExactlyInAnyOrder("renap", "sat", "rm", "mspas", "igss", "mineduc");
        assertThat(headline("no-standards", SyntheticPilot.FOLLOW_UP_ROUND))
                .isLessThan(headline("no-standards", SyntheticPilot.BASELINE_ROUND) - 0.2);
        assertThat(headline("mainly-manual", SyntheticPilot.FOLLOW_UP_ROUND)).isLessThan(0.6);
        for (PilotPlan.PlannedResponse r : PLAN.round(SyntheticPilot.FOLLOW_UP_ROUND)) {
            assertThat(r.answers().get("exc.main-medium")).as(r.institution())
                    .isEqualTo(PLAN.movedToBus().contains(r.institution()) ? "bus" : PLAN.round(SyntheticPilot.BASELINE_ROUND)
                            .stream().filter(b -> b.institution().equals(r.institution())).findFirst().orElseThrow()
                            .answers().get("exc.main-medium"));
        }
    }

    @Test
    void busTrafficUsesEveryChannelOnTopicsTheInstitutionOwns() {
        assertThat(PLAN.eventsByChannel()).containsOnlyKeys(Channel.SDK.code(), Channel.GATEWAY.code(), Channel.CSV_BRIDGE.code());
        for (PilotPlan.Publication p : PLAN.publications()) {
            assertThat(CATALOG.topic(p.topic())).as(p.topic()).hasValueSatisfying(t -> assertThat(t.owner()).isEqualTo(p.institution()));
        }
    }

    @Test
    void manualExchangesAreValidSyntheticAndShrinkForTheInstitutionsThatMoved() {
        Clock clock = Clock.fixed(TODAY.atStartOfDay(ZoneId.of("America/Guatemala")).toInstant().plusSeconds(43_200),
                ZoneId.of("America/Guatemala"));
        ManualExchangeValidator validator = new ManualExchangeValidator(Set.copyOf(PLAN.institutions()), clock);
        for (ManualExchange e : PLAN.exchanges()) {
            assertThat(validator.validate(e.institution(), e.counterpart(), e.direction().name().toLowerCase(),
                    e.records(), e.medium().name().toLowerCase(), e.date().toString(), e.description()).errors())
                    .as(e.toString()).isEmpty();
            assertThat(e.description()).startsWith(SyntheticPilot.DESCRIPTION_PREFIX);
            assertThat(e.date()).isBeforeOrEqualTo(TODAY).isAfter(TODAY.minusWeeks(SyntheticPilot.WEEKS + 1));
        }
        assertThat(PLAN.exchanges().stream().map(ManualExchange::institution).distinct())
                .as("every institution declares some manual exchange").containsExactlyInAnyOrderElementsOf(PLAN.institutions());
        LocalDate moved = TODAY.minusWeeks(SyntheticPilot.MOVED_WEEKS_AGO + 1);
        long before = PLAN.exchanges().stream().filter(e -> e.institution().equals("renap") && e.date().isBefore(moved))
                .mapToLong(ManualExchange::records).sum();
        long after = PLAN.exchanges().stream().filter(e -> e.institution().equals("renap") && !e.date().isBefore(moved))
                .mapToLong(ManualExchange::records).sum();
        assertThat(after).isLessThan(before / 4);
    }

    private static double headline(String id, String round) {
        Headline h = INSTRUMENT.headlines().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return PLAN.share(round, h.item(), Set.copyOf(h.values()));
    }
}
