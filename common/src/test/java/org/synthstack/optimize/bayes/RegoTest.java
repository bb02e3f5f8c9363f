package org.synthstack.optimize.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.Evaluation;
import org.synthstack.optimize.OptimizationResult;
import org.synthstack.optimize.StopReason;
import org.synthstack.optimize.SurrogateIteration;

/**
 * A synthetic expected loss with a closed form: L(θ, x) = (θ − a·x)² + c gives
 * E_x[L] = (θ − a·E[x])² + a²·Var[x] + c, minimised at θ* = a·E[x].
 */
class RegoTest {
    private static final double A = 1.5;
    private static final double C = 1.0;
    private static final ToDoubleFunction<double[]> LOSS = p -> (p[0] - A * p[1]) * (p[0] - A * p[1]) + C;
    private static final Bounds DESIGN = new Bounds(new double[] {-2}, new double[] {2});

    private static final GaussianInputs GAUSSIAN = new GaussianInputs(new double[] {0.4}, new double[] {0.04});
    private static final WeightedInstances INSTANCES = new WeightedInstances(
            List.of(new double[] {0.1}, new double[] {0.3}, new double[] {0.5}, new double[] {0.9}),
            new double[] {1, 2, 3, 1});

    @Test
    void gaussianInputFormFindsTheMinimiserOfTheExpectedLoss() {
        OptimizationResult r = Rego.minimize(LOSS, DESIGN, GAUSSIAN, SurrogateOptions.defaults(2, 20));

        assertThat(r.evaluations()).isEqualTo(20);
        assertThat(r.bestPoint()[0]).isCloseTo(A * 0.4, within(0.02));
        assertThat(r.bestValue()).isCloseTo(A * A * 0.04 + C, within(0.01));
    }

    @Test
    void finiteInstanceFormFindsTheMinimiserOfTheExpectedLoss() {
        double mean = (0.1 + 2 * 0.3 + 3 * 0.5 + 0.9) / 7;
        double variance = (0.01 + 2 * 0.09 + 3 * 0.25 + 0.81) / 7 - mean * mean;
        OptimizationResult r = Rego.minimize(LOSS, DESIGN, INSTANCES, SurrogateOptions.defaults(2, 20));

        assertThat(r.bestPoint()[0]).isCloseTo(A * mean, within(0.03));
        assertThat(r.bestValue()).isCloseTo(A * A * variance + C, within(0.02));
        for (Evaluation e : r.history()) {
            assertThat(INSTANCES.instances()).anySatisfy(x -> assertThat(x[0]).isEqualTo(e.point()[1]));
        }
    }

    @Test
    void drawsTheRandomInputsFromTheirDistribution() {
        OptimizationResult r = Rego.minimize(LOSS, DESIGN, GAUSSIAN, SurrogateOptions.defaults(2, 30));
        double[] x = r.history().stream().mapToDouble(e -> e.point()[1]).toArray();
        double mean = Arrays.stream(x).average().orElseThrow();
        // 30 draws of N(0.4, 0.2²): the sample mean is within 4 standard errors.
        assertThat(mean).isCloseTo(0.4, within(4 * 0.2 / Math.sqrt(30)));
    }

    @Test
    void batchVariantEvaluatesQJointPointsPerIteration() {
        OptimizationResult r = Rego.minimize(LOSS, DESIGN, GAUSSIAN,
                SurrogateOptions.defaults(2, 22).withBatch(3, BatchStrategy.CONSTANT_LIAR_MEAN));

        Map<Integer, Long> perIteration = r.history().stream()
                .collect(Collectors.groupingBy(Evaluation::iteration, Collectors.counting()));
        assertThat(perIteration.get(1)).isEqualTo(3L);
        assertThat(perIteration.get(4)).isEqualTo(3L);
        assertThat(r.bestPoint()[0]).isCloseTo(0.6, within(0.03));
    }

    @Test
    void stopsWhenTheExpectedImprovementFallsBelowTheThreshold() {
        OptimizationResult r = Rego.minimize(LOSS, DESIGN, GAUSSIAN,
                SurrogateOptions.defaults(2, 60).withExpectedImprovementThreshold(1e-4));

        assertThat(r.stopReason()).isEqualTo(StopReason.EXPECTED_IMPROVEMENT_BELOW_THRESHOLD);
        assertThat(r.evaluations()).isLessThan(60);
        SurrogateIteration last = (SurrogateIteration) r.iterations().get(r.iterations().size() - 1);
        assertThat(last.maxExpectedImprovement()).isLessThan(1e-4);
        assertThat(r.bestPoint()[0]).isCloseTo(0.6, within(0.03));
    }

    @Test
    void recordsFailedEvaluationsAndStillFindsTheMinimiser() {
        // L fails for the lowest instance: the history keeps the NaNs, the model sees the penalty.
        ToDoubleFunction<double[]> failing = p -> p[1] < 0.2 ? Double.NaN : LOSS.applyAsDouble(p);
        OptimizationResult r = Rego.minimize(failing, DESIGN, INSTANCES, SurrogateOptions.defaults(2, 20));

        assertThat(r.history()).hasSize(20).anySatisfy(e -> assertThat(e.value()).isNaN());
        assertThat(r.bestPoint()[0]).isBetween(-2.0, 2.0);
        assertThat(r.bestValue()).isFinite();
    }

    @Test
    void aGivenInitialDesignReplacesTheLatinHypercubeAndLaterInputsComeFromPx() {
        // The first x spread over a wide box (the seed paper's D_r), far beyond N(0.4, 0.04)'s ±3σ.
        List<double[]> design = List.of(new double[] {-1.8, -1.5}, new double[] {-0.9, 1.9}, new double[] {0.0, 0.3},
                new double[] {0.7, -0.6}, new double[] {1.5, 1.1}, new double[] {1.9, -1.9});
        OptimizationResult r = Rego.minimizeBatch(org.synthstack.optimize.BatchObjective.sequential(LOSS), DESIGN,
                GAUSSIAN, SurrogateOptions.defaults(2, 24), design);

        assertThat(r.evaluations()).isEqualTo(24);
        for (int i = 0; i < design.size(); i++) {
            assertThat(r.history().get(i).point()).containsExactly(design.get(i));
            assertThat(r.history().get(i).iteration()).isZero();
        }
        double[] later = r.history().stream().skip(design.size()).mapToDouble(e -> e.point()[1]).toArray();
        assertThat(Arrays.stream(later).average().orElseThrow()).isCloseTo(0.4, within(4 * 0.2 / Math.sqrt(18)));
        assertThat(r.bestPoint()[0]).isCloseTo(A * 0.4, within(0.05));
        assertThat(Rego.minimizeBatch(org.synthstack.optimize.BatchObjective.sequential(LOSS), DESIGN, GAUSSIAN,
                SurrogateOptions.defaults(2, 24), design)).isEqualTo(r);
    }

    @Test
    void rejectsAnInitialDesignThatDoesNotFit() {
        org.synthstack.optimize.BatchObjective loss = org.synthstack.optimize.BatchObjective.sequential(LOSS);
        SurrogateOptions options = SurrogateOptions.defaults(2, 10).withInitialDesignSize(1).withMaxEvaluations(3);
        List<double[]> four = List.of(new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 0}, new double[] {1, 1});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rego.minimizeBatch(loss, DESIGN, GAUSSIAN, options, four))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget of 3");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Rego.minimizeBatch(loss, DESIGN, GAUSSIAN, options, List.of(new double[] {0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Rego.minimizeBatch(loss, DESIGN, GAUSSIAN, options, List.of(new double[] {3, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Rego.minimizeBatch(loss, DESIGN, GAUSSIAN, options, List.of(new double[] {0, Double.NaN})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }

    @Test
    void sameSeedSameHistory() {
        SurrogateOptions options = SurrogateOptions.defaults(2, 14).withSeed(9);
        assertThat(Rego.minimize(LOSS, DESIGN, INSTANCES, options))
                .isEqualTo(Rego.minimize(LOSS, DESIGN, INSTANCES, options));
    }
}
