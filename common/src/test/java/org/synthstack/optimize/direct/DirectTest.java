package org.synthstack.optimize.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.synthstack.optimize.BatchObjective;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.DirectIteration;
import org.synthstack.optimize.Evaluation;
import org.synthstack.optimize.OptimizationResult;
import org.synthstack.optimize.StopReason;
import org.synthstack.optimize.testfunctions.TestFunction;
import org.synthstack.optimize.testfunctions.TestFunctions;

class DirectTest {

    private static OptimizationResult toPercentError(TestFunction f, DirectVariant variant) {
        return Direct.minimize(f.function(), f.bounds(),
                DirectOptions.budget(20_000).withVariant(variant).stopWithinPercentOf(f.globalMinimum(), 0.01));
    }

    static Stream<Arguments> publishedCounts() {
        // Gablonsky's DIRECT user guide: evaluations to reach 0.01 % error with ε = 1e-4.
        return Stream.of(
                Arguments.of(TestFunctions.sixHumpCamel(), 285),
                Arguments.of(TestFunctions.rotatedSixHumpCamel(), 285),
                Arguments.of(TestFunctions.branin(), 195),
                Arguments.of(TestFunctions.goldsteinPrice(), 191));
    }

    @ParameterizedTest
    @MethodSource("publishedCounts")
    void reproducesThePublishedEvaluationCounts(TestFunction f, int published) {
        OptimizationResult r = toPercentError(f, DirectVariant.ORIGINAL);

        assertThat(r.stopReason()).isEqualTo(StopReason.TARGET_REACHED);
        assertThat(r.evaluations()).isBetween((int) Math.floor(0.9 * published), (int) Math.ceil(1.1 * published));
        assertThat(100 * (r.bestValue() - f.globalMinimum()) / Math.abs(f.globalMinimum())).isBetween(0.0, 0.01);
        assertThat(f.distanceToNearestMinimiser(r.bestPoint())).isLessThan(0.01);
    }

    @ParameterizedTest
    @MethodSource("publishedCounts")
    void locallyBiasedVariantNeedsFewerEvaluations(TestFunction f, int published) {
        OptimizationResult original = toPercentError(f, DirectVariant.ORIGINAL);
        OptimizationResult local = toPercentError(f, DirectVariant.LOCALLY_BIASED);

        assertThat(local.stopReason()).isEqualTo(StopReason.TARGET_REACHED);
        assertThat(local.evaluations()).isLessThan(original.evaluations());
    }

    static Stream<TestFunction> harderFunctions() {
        return Stream.of(TestFunctions.shekel(5), TestFunctions.shekel(7), TestFunctions.shekel(10),
                TestFunctions.hartman3(), TestFunctions.hartman6(), TestFunctions.shubert());
    }

    @ParameterizedTest
    @MethodSource("harderFunctions")
    void findsTheGlobalMinimaOfShekelHartmanAndShubert(TestFunction f) {
        for (DirectVariant variant : DirectVariant.values()) {
            OptimizationResult r = toPercentError(f, variant);
            assertThat(r.stopReason()).as("%s %s", f, variant).isEqualTo(StopReason.TARGET_REACHED);
            assertThat(f.distanceToNearestMinimiser(r.bestPoint())).as("%s %s", f, variant).isLessThan(0.01);
            assertThat(r.bestValue()).isCloseTo(f.value(r.bestPoint()), within(0.0));
        }
    }

    @Test
    void selectsTheLowerRightConvexHullWithJonesEpsilon() {
        // One dimension: sizes 1/2, 1/6, 1/18, 1/18 with values 5, 3, 1, 4. The middle point lies above
        // the line from (1/18, 1) to (1/2, 5), so only the largest and the best are potentially optimal.
        RectanglePartition p = new RectanglePartition(1, DirectVariant.ORIGINAL);
        p.add(new double[] {0.5}, new int[] {0}, 5.0);
        p.add(new double[] {0.1}, new int[] {1}, 3.0);
        p.add(new double[] {0.2}, new int[] {2}, 1.0);
        p.add(new double[] {0.3}, new int[] {2}, 4.0);

        assertThat(Direct.potentiallyOptimal(p, 1.0, 1e-4)).containsExactly(0, 2);
        // With rate K ≤ 9 the best box can promise at most 1 − 9/18 = 0.5: a demand of 0.6·|f_min| rules it out.
        assertThat(Direct.potentiallyOptimal(p, 1.0, 0.6)).containsExactly(0);
    }

    @Test
    void originalVariantDividesEveryBoxTiedForTheBestValueOfItsSize() {
        RectanglePartition original = new RectanglePartition(1, DirectVariant.ORIGINAL);
        RectanglePartition local = new RectanglePartition(1, DirectVariant.LOCALLY_BIASED);
        for (RectanglePartition p : List.of(original, local)) {
            p.add(new double[] {0.5}, new int[] {1}, 2.0);
            p.add(new double[] {0.1}, new int[] {1}, 2.0);
            p.add(new double[] {0.9}, new int[] {1}, 3.0);
        }
        assertThat(Direct.potentiallyOptimal(original, 2.0, 1e-4)).containsExactly(0, 1);
        assertThat(Direct.potentiallyOptimal(local, 2.0, 1e-4)).containsExactly(0);
    }

    @Test
    void evaluatesEachIterationAsOneBatch() {
        TestFunction f = TestFunctions.branin();
        List<Integer> batchSizes = new ArrayList<>();
        BatchObjective counting = points -> {
            batchSizes.add(points.size());
            return BatchObjective.sequential(f.function()).evaluate(points);
        };
        OptimizationResult r = Direct.minimizeBatch(counting, f.bounds(), DirectOptions.budget(300));

        assertThat(batchSizes).hasSize(r.iterations().size() + 1);
        assertThat(batchSizes.get(0)).isEqualTo(1);
        assertThat(batchSizes.get(1)).isEqualTo(4);
        for (int i = 0; i < r.iterations().size(); i++) {
            assertThat(r.iterations().get(i).evaluations()).isEqualTo(
                    batchSizes.subList(0, i + 2).stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void neverExceedsTheBudget() {
        TestFunction f = TestFunctions.shubert();
        for (int budget : new int[] {1, 100, 333, 1000}) {
            OptimizationResult r = Direct.minimize(f.function(), f.bounds(), DirectOptions.budget(budget));
            assertThat(r.evaluations()).isLessThanOrEqualTo(budget);
            assertThat(r.stopReason()).isEqualTo(StopReason.BUDGET);
        }
        // The first division needs 4 points: a budget of 3 stops after the centre, one of 5 uses it all.
        assertThat(Direct.minimize(f.function(), f.bounds(), DirectOptions.budget(3)).evaluations()).isEqualTo(1);
        assertThat(Direct.minimize(f.function(), f.bounds(), DirectOptions.budget(5)).evaluations()).isEqualTo(5);
    }

    @Test
    void stopsWhenTheBestRectangleIsSmallEnough() {
        TestFunction f = TestFunctions.goldsteinPrice();
        OptimizationResult r = Direct.minimize(f.function(), f.bounds(),
                DirectOptions.budget(100_000).stopBelowRectangleSize(1e-3));

        assertThat(r.stopReason()).isEqualTo(StopReason.MIN_RECTANGLE_SIZE);
        DirectIteration last = (DirectIteration) r.iterations().get(r.iterations().size() - 1);
        assertThat(last.bestRectangleSize()).isLessThan(1e-3);
        DirectIteration previous = (DirectIteration) r.iterations().get(r.iterations().size() - 2);
        assertThat(previous.bestRectangleSize()).isGreaterThanOrEqualTo(1e-3);
    }

    @Test
    void treatsTheGlobalMinimumZeroWithAbsolutePercent() {
        Bounds b = Bounds.cube(2, -1, 2);
        OptimizationResult r = Direct.minimize(x -> x[0] * x[0] + x[1] * x[1], b,
                DirectOptions.budget(10_000).stopWithinPercentOf(0.0, 0.01));
        assertThat(r.stopReason()).isEqualTo(StopReason.TARGET_REACHED);
        assertThat(100 * r.bestValue()).isLessThan(0.01);
    }

    @Test
    void recordsAndPenalisesFailedEvaluationsAndStillFindsTheMinimum() {
        // Branin undefined for x₁ > 5: two of its three minima survive.
        TestFunction f = TestFunctions.branin();
        AtomicInteger failures = new AtomicInteger();
        OptimizationResult r = Direct.minimize(x -> {
            if (x[0] > 5) {
                failures.incrementAndGet();
                return Double.NaN;
            }
            return f.value(x);
        }, f.bounds(), DirectOptions.budget(2000).stopWithinPercentOf(f.globalMinimum(), 0.01));

        assertThat(failures.get()).isPositive();
        assertThat(r.history().stream().filter(e -> Double.isNaN(e.value())).count()).isEqualTo(failures.get());
        assertThat(r.stopReason()).isEqualTo(StopReason.TARGET_REACHED);
        assertThat(r.bestPoint()[0]).isLessThanOrEqualTo(5.0);
        assertThat(f.distanceToNearestMinimiser(r.bestPoint())).isLessThan(0.01);
    }

    @Test
    void isDeterministic() {
        TestFunction f = TestFunctions.hartman3();
        DirectOptions options = DirectOptions.budget(300).locallyBiased();
        assertThat(Direct.minimize(f.function(), f.bounds(), options))
                .isEqualTo(Direct.minimize(f.function(), f.bounds(), options));
    }

    @Test
    void historyHoldsEveryEvaluationInOrder() {
        TestFunction f = TestFunctions.sixHumpCamel();
        OptimizationResult r = Direct.minimize(f.function(), f.bounds(), DirectOptions.budget(50));
        for (int i = 0; i < r.history().size(); i++) {
            Evaluation e = r.history().get(i);
            assertThat(e.index()).isEqualTo(i);
            assertThat(e.value()).isEqualTo(f.value(e.point()));
            assertThat(f.bounds().contains(e.point())).isTrue();
        }
        assertThat(r.history().get(0).point()).containsExactly(0.0, 0.0);
        assertThat(r.history().get(0).iteration()).isZero();
    }
}
