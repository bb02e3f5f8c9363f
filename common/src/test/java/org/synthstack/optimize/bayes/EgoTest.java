package org.synthstack.optimize.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.synthstack.optimize.BatchObjective;
import org.synthstack.optimize.Evaluation;
import org.synthstack.optimize.OptimizationResult;
import org.synthstack.optimize.StopReason;
import org.synthstack.optimize.SurrogateIteration;
import org.synthstack.optimize.gp.GpFitOptions;
import org.synthstack.optimize.testfunctions.TestFunction;
import org.synthstack.optimize.testfunctions.TestFunctions;

class EgoTest {
    private static final TestFunction BRANIN = TestFunctions.branin();

    private static double relativeError(OptimizationResult r) {
        return (r.bestValue() - BRANIN.globalMinimum()) / BRANIN.globalMinimum();
    }

    @Test
    void findsBraninsMinimumInFortyEvaluations() {
        OptimizationResult r = Ego.minimize(BRANIN.function(), BRANIN.bounds(), SurrogateOptions.defaults(2, 40));

        assertThat(r.evaluations()).isEqualTo(40);
        assertThat(r.stopReason()).isEqualTo(StopReason.BUDGET);
        assertThat(relativeError(r)).isBetween(0.0, 1e-3);
        assertThat(BRANIN.distanceToNearestMinimiser(r.bestPoint())).isLessThan(0.05);
        assertThat(r.iterations()).hasSize(30).allMatch(d -> d instanceof SurrogateIteration);
    }

    @Test
    void batchVariantsProposeQPointsPerIteration() {
        for (BatchStrategy strategy : List.of(BatchStrategy.KRIGING_BELIEVER, BatchStrategy.CONSTANT_LIAR_MIN)) {
            OptimizationResult r = Ego.minimize(BRANIN.function(), BRANIN.bounds(),
                    SurrogateOptions.defaults(2, 40).withBatch(4, strategy));

            Map<Integer, Long> perIteration = r.history().stream()
                    .collect(Collectors.groupingBy(Evaluation::iteration, Collectors.counting()));
            assertThat(perIteration.get(0)).isEqualTo(10L);
            for (int iteration = 1; iteration <= 7; iteration++) {
                assertThat(perIteration.get(iteration)).as("%s iteration %d", strategy, iteration).isEqualTo(4L);
            }
            // 28 points in 7 full batches; the last 2 evaluations of the budget form a short one.
            assertThat(perIteration.get(8)).isEqualTo(2L);
            assertThat(perIteration).hasSize(9);
            assertThat(relativeError(r)).as("%s", strategy).isBetween(0.0, 1e-2);
        }
    }

    @Test
    void sameSeedSameHistoryOtherSeedOtherHistory() {
        SurrogateOptions options = SurrogateOptions.defaults(2, 15).withSeed(42);
        OptimizationResult a = Ego.minimize(BRANIN.function(), BRANIN.bounds(), options);
        OptimizationResult b = Ego.minimize(BRANIN.function(), BRANIN.bounds(), options);
        OptimizationResult c = Ego.minimize(BRANIN.function(), BRANIN.bounds(), options.withSeed(43));

        assertThat(a).isEqualTo(b);
        assertThat(a.history()).isNotEqualTo(c.history());
    }

    @Test
    void recordsFailedEvaluationsAndModelsThemWithThePenalty() {
        BatchObjective failingRight = BatchObjective.sequential(x -> x[0] > 5 ? Double.NaN : BRANIN.value(x));
        OptimizationResult r = Ego.minimizeBatch(failingRight, BRANIN.bounds(), SurrogateOptions.defaults(2, 25));

        long failures = r.history().stream().filter(e -> Double.isNaN(e.value())).count();
        assertThat(failures).isPositive();
        assertThat(r.history()).hasSize(25);
        assertThat(r.bestValue()).isFinite();
        assertThat(r.bestPoint()[0]).isLessThanOrEqualTo(5);
    }

    @Test
    void rejectsABudgetSmallerThanTheInitialDesign() {
        assertThatThrownBy(() -> SurrogateOptions.defaults(2, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("budget of 8")
                .hasMessageContaining("initial design of 10");
        assertThatThrownBy(() -> SurrogateOptions.defaults(2, 20).withInitialDesignSize(6).withMaxEvaluations(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initial design of 6");
    }

    @Test
    void aDuplicatedDesignDoesNotCrashAndReportsTheJitter() {
        List<double[]> design = List.of(new double[] {1, 2}, new double[] {1, 2}, new double[] {1 + 1e-12, 2},
                new double[] {7, 11}, new double[] {-3, 5});
        SurrogateOptions options = SurrogateOptions.defaults(2, 10).withInitialDesignSize(5).withMaxEvaluations(8)
                .withFit(GpFitOptions.defaults().withFixedNoise(0.0));
        OptimizationResult r = Ego.minimizeBatch(BatchObjective.sequential(BRANIN.function()), BRANIN.bounds(),
                options, design);

        assertThat(r.evaluations()).isEqualTo(8);
        SurrogateIteration first = (SurrogateIteration) r.iterations().get(0);
        assertThat(first.jitter()).isPositive();
        assertThat(r.bestValue()).isFinite();
    }

    @Test
    void stopsWhenTheExpectedImprovementFallsBelowTheThreshold() {
        OptimizationResult r = Ego.minimize(BRANIN.function(), BRANIN.bounds(),
                SurrogateOptions.defaults(2, 40).withExpectedImprovementThreshold(1e6));

        assertThat(r.stopReason()).isEqualTo(StopReason.EXPECTED_IMPROVEMENT_BELOW_THRESHOLD);
        assertThat(r.evaluations()).isEqualTo(10);
        assertThat(((SurrogateIteration) r.iterations().get(0)).maxExpectedImprovement()).isLessThan(1e6);
    }

    @Test
    void rejectsAnInitialDesignOutsideTheBounds() {
        assertThatThrownBy(() -> Ego.minimizeBatch(BatchObjective.sequential(BRANIN.function()), BRANIN.bounds(),
                SurrogateOptions.defaults(2, 20), List.of(new double[] {0, 0}, new double[] {11, 0})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("point 1");
    }
}
