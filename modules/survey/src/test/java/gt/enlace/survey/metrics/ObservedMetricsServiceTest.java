package gt.enlace.survey.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ObservedMetricsServiceTest {

    private static PeriodMetrics sdk(String institution, String day, long sdk, long manualToMineduc) {
        return new PeriodMetrics(institution, day, LocalDate.parse(day), sdk, 0, 0, 0, 0, 0,
                manualToMineduc > 0 ? 1 : 0, manualToMineduc, new TreeMap<>(),
                new TreeMap<>(manualToMineduc > 0 ? Map.of("mineduc", manualToMineduc) : Map.of()), new TreeMap<>());
    }

    @Test
    void partialCountsOfOneInstitutionAndPeriodHeldByDifferentTasksAreSummedIntoOneEntry() {
        // Two stream tasks (input partitions) each counted part of RENAP's day; SAT's day and RENAP's next day apart.
        List<PeriodMetrics> combined = ObservedMetricsService.combine(List.of(
                sdk("renap", "2026-11-23", 58, 0), sdk("sat", "2026-11-23", 5, 0), sdk("renap", "2026-11-23", 2, 40),
                sdk("renap", "2026-11-24", 7, 0)));

        assertThat(combined).hasSize(3);
        PeriodMetrics renap = combined.get(0);
        assertThat(renap.periodKey()).isEqualTo("2026-11-23");
        assertThat(renap.sdk()).isEqualTo(60);
        assertThat(renap.manualRecords()).isEqualTo(40);
        assertThat(renap.manualByCounterpart()).containsEntry("mineduc", 40L);
        assertThat(renap.digitalShare()).contains(0.6);
        assertThat(combined.get(1).institution()).isEqualTo("sat");
        assertThat(combined.get(2).periodKey()).isEqualTo("2026-11-24");
    }
}
