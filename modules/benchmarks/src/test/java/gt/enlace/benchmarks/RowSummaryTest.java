package gt.enlace.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowSummaryTest {

    private static BenchmarkRow row(Goal goal) {
        return new BenchmarkRow() {
            @Override
            public String id() {
                return "test.row";
            }

            @Override
            public String title() {
                return "Test row";
            }

            @Override
            public String unit() {
                return "ops/s";
            }

            @Override
            public String baseline() {
                return "raw";
            }

            @Override
            public Goal goal() {
                return goal;
            }

            @Override
            public RowResult run(BenchmarkContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static RowSummary summary(Goal goal, List<Double> enlace, List<Double> baseline) {
        return RowSummary.measured(row(goal), new RowResult(enlace, baseline, Map.of()), Duration.ZERO);
    }

    @Test
    void shouldHoldARatioGoalOnMediansWhenBothSidesAreSteady() {
        RowSummary row = summary(Goal.ratioAtLeast(0.9, "ops/s"), List.of(95.0, 91.0, 100.0), List.of(100.0, 101.0, 99.0));

        assertThat(row.enlace().median()).isEqualTo(95.0);
        assertThat(row.ratio()).isEqualTo(0.95);
        assertThat(row.verdict()).isEqualTo("yes");
        assertThat(row.goalHolds()).isTrue();
    }

    @Test
    void shouldMissARatioGoalBelowTheThreshold() {
        RowSummary row = summary(Goal.ratioAtLeast(0.9, "ops/s"), List.of(80.0, 81.0, 82.0), List.of(100.0, 101.0, 99.0));

        assertThat(row.verdict()).isEqualTo("no");
        assertThat(row.ratioText()).isEqualTo("0.81×");
    }

    @Test
    void shouldClaimNoRatioVerdictWhenEitherSideSpreadsMoreThanTwentyPercent() {
        RowSummary row = summary(Goal.ratioAtLeast(0.9, "ops/s"), List.of(30_000.0, 31_000.0, 30_500.0),
            List.of(40_000.0, 50_000.0, 60_000.0));

        assertThat(row.verdict()).isEqualTo("spread too high (40.0%)");
        assertThat(row.goalHolds()).isNull();
    }

    @Test
    void shouldJudgeAnAbsoluteGoalOnEnlacesSpreadAloneAndShowTheNoisyBaselineForContext() {
        RowSummary steady = summary(Goal.atLeast(20_000, "req/s"), List.of(30_000.0, 31_000.0, 30_500.0),
            List.of(40_000.0, 50_000.0, 60_000.0));
        RowSummary noisy = summary(Goal.atLeast(20_000, "req/s"), List.of(20_000.0, 31_000.0, 30_500.0),
            List.of(40_000.0, 41_000.0, 40_500.0));

        assertThat(steady.verdict()).isEqualTo("yes");
        assertThat(steady.baselineText()).isEqualTo("50,000 ops/s (spread 40.0%) — raw");
        assertThat(noisy.verdict()).isEqualTo("spread too high (36.1%)");
    }

    @Test
    void shouldJudgeAnAbsoluteGoalOnEnlacesMedian() {
        RowSummary row = summary(Goal.atLeast(20_000, "req/s"), List.of(19_000.0, 19_500.0, 19_900.0),
            List.of(40_000.0, 41_000.0, 40_500.0));

        assertThat(row.verdict()).isEqualTo("no");
        assertThat(row.goal().describe()).isEqualTo("≥ 20,000 req/s");
        assertThat(row.enlaceText()).isEqualTo("19,500 ops/s (spread 4.6%)");
    }

    @Test
    void shouldReportAFailedRowWithItsReason() {
        RowSummary row = RowSummary.failed(row(Goal.atMost(5, "ms")), new IllegalStateException("broker down"), Duration.ZERO);

        assertThat(row.verdict()).isEqualTo("failed: IllegalStateException: broker down");
        assertThat(row.enlaceText()).isEqualTo("—");
        assertThat(row.goalHolds()).isNull();
    }
}
