package org.synthstack.optimize.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoundedQuasiNewtonTest {
    private final BoundedQuasiNewton optimiser = new BoundedQuasiNewton(500, 1e-10, 0);

    private static final DifferentiableFunction ROSENBROCK = (x, g) -> {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    };

    @Test
    void findsTheInteriorMinimumOfRosenbrock() {
        LocalMinimum m = optimiser.minimize(ROSENBROCK, new double[] {-1.2, 1}, new double[] {-2, -2},
                new double[] {2, 2});
        assertThat(m.point()).containsExactly(new double[] {1, 1}, within(1e-6));
        assertThat(m.value()).isLessThan(1e-12);
    }

    @Test
    void stopsOnTheBoundWhenTheMinimumLiesOutside() {
        // min of (x−3)² + (y+1)² over [0,1]² is at (1, 0).
        DifferentiableFunction f = (x, g) -> {
            g[0] = 2 * (x[0] - 3);
            g[1] = 2 * (x[1] + 1);
            return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
        };
        LocalMinimum m = optimiser.minimize(f, new double[] {0.2, 0.7}, new double[] {0, 0}, new double[] {1, 1});
        assertThat(m.point()).containsExactly(1.0, 0.0);
        assertThat(m.value()).isEqualTo(5.0);
    }

    @Test
    void keepsAVariableOnItsBoundWhileTheOthersConverge() {
        // Rosenbrock with x ≤ 0.5: constrained minimum at (0.5, 0.25).
        LocalMinimum m = optimiser.minimize(ROSENBROCK, new double[] {-1, 2}, new double[] {-2, -2},
                new double[] {0.5, 2});
        assertThat(m.point()).containsExactly(new double[] {0.5, 0.25}, within(1e-6));
    }

    @Test
    void backsOffFromInfeasiblePoints() {
        // f is undefined (NaN) for x < 0.5; the minimum of (x − 0.6)² lies in the feasible part.
        DifferentiableFunction f = (x, g) -> {
            g[0] = 2 * (x[0] - 0.6);
            return x[0] < 0.5 ? Double.NaN : (x[0] - 0.6) * (x[0] - 0.6);
        };
        LocalMinimum m = optimiser.minimize(f, new double[] {2.0}, new double[] {-5}, new double[] {5});
        assertThat(m.point()[0]).isCloseTo(0.6, within(1e-6));
    }

    @Test
    void returnsTheStartWhenItIsInfeasible() {
        LocalMinimum m = optimiser.minimize((x, g) -> Double.NaN, new double[] {0.3}, new double[] {0},
                new double[] {1});
        assertThat(m.point()).containsExactly(0.3);
        assertThat(m.value()).isNaN();
        assertThat(m.iterations()).isZero();
    }
}
