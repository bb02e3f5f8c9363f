package org.synthstack.optimize.testfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.synthstack.optimize.Bounds;
import org.synthstack.optimize.numeric.BoundedQuasiNewton;
import org.synthstack.optimize.numeric.DifferentiableFunction;
import org.synthstack.optimize.numeric.LocalMinimum;

class TestFunctionsTest {

    static Stream<TestFunction> suite() {
        return TestFunctions.suite().stream();
    }

    @ParameterizedTest
    @MethodSource("suite")
    void everyListedMinimiserAttainsTheGlobalMinimum(TestFunction f) {
        double tolerance = 1e-8 * Math.max(1, Math.abs(f.globalMinimum()));
        for (double[] m : f.minimisers()) {
            assertThat(f.bounds().contains(m)).isTrue();
            assertThat(f.value(m)).isCloseTo(f.globalMinimum(), within(tolerance));
        }
    }

    @ParameterizedTest
    @MethodSource("suite")
    void noPointBeatsTheGlobalMinimum(TestFunction f) {
        SplittableRandom random = new SplittableRandom(1);
        Bounds b = f.bounds();
        double[] lower = b.lower();
        double[] upper = b.upper();
        BoundedQuasiNewton local = new BoundedQuasiNewton(200, 1e-9, 0);
        double floor = f.globalMinimum() - 1e-9 * Math.max(1, Math.abs(f.globalMinimum()));
        for (int trial = 0; trial < 2000; trial++) {
            double[] x = new double[b.dimension()];
            for (int d = 0; d < x.length; d++) {
                x[d] = lower[d] + random.nextDouble() * b.width(d);
            }
            assertThat(f.value(x)).isGreaterThanOrEqualTo(floor);
            if (trial % 100 == 0) {
                assertThat(local.minimize(finiteDifferences(f), x, lower, upper).value()).isGreaterThanOrEqualTo(floor);
            }
        }
        for (double[] m : f.minimisers()) {
            LocalMinimum refined = local.minimize(finiteDifferences(f), m, lower, upper);
            assertThat(refined.value()).isGreaterThanOrEqualTo(floor);
        }
    }

    private static DifferentiableFunction finiteDifferences(TestFunction f) {
        return (x, gradient) -> {
            double h = 1e-7;
            for (int d = 0; d < x.length; d++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[d] += h;
                down[d] -= h;
                gradient[d] = (f.value(up) - f.value(down)) / (2 * h);
            }
            return f.value(x);
        };
    }

    static Stream<Arguments> literatureMinima() {
        return Stream.of(
                Arguments.of(TestFunctions.sixHumpCamel(), -1.0316284535),
                Arguments.of(TestFunctions.rotatedSixHumpCamel(), -1.0316284535),
                Arguments.of(TestFunctions.branin(), 0.397887),
                Arguments.of(TestFunctions.goldsteinPrice(), 3.0),
                Arguments.of(TestFunctions.shekel(5), -10.1532),
                Arguments.of(TestFunctions.shekel(7), -10.4029),
                Arguments.of(TestFunctions.shekel(10), -10.5364),
                Arguments.of(TestFunctions.hartman3(), -3.86278),
                Arguments.of(TestFunctions.hartman6(), -3.32237),
                Arguments.of(TestFunctions.shubert(), -186.7309));
    }

    @ParameterizedTest
    @MethodSource("literatureMinima")
    void globalMinimaAgreeWithTheLiterature(TestFunction f, double published) {
        assertThat(f.globalMinimum()).isCloseTo(published, within(1e-5 * Math.abs(published)));
    }

    @Test
    void rotatedCamelIsTheCamelTurnedByNinetyDegrees() {
        TestFunction camel = TestFunctions.sixHumpCamel();
        TestFunction rotated = TestFunctions.rotatedSixHumpCamel();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 100; i++) {
            double u = -2 + 4 * random.nextDouble();
            double v = -3 + 6 * random.nextDouble();
            assertThat(rotated.value(new double[] {u, v})).isEqualTo(camel.value(new double[] {v, -u}));
        }
        assertThat(rotated.minimisers()).anySatisfy(m -> {
            assertThat(m[0]).isCloseTo(0.7127, within(1e-4));
            assertThat(m[1]).isCloseTo(0.0898, within(1e-4));
        });
        assertThat(rotated.minimisers()).anySatisfy(m -> {
            assertThat(m[0]).isCloseTo(-0.7127, within(1e-4));
            assertThat(m[1]).isCloseTo(-0.0898, within(1e-4));
        });
    }

    @Test
    void shubertHasEighteenGlobalMinimisers() {
        assertThat(TestFunctions.shubert().minimisers()).hasSize(18);
    }
}
