package org.synthstack.optimize.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    /** A = L·Lᵀ with L = [[2,0,0],[1,3,0],[−1,2,1]]. */
    private static final double[] A = {4, 2, -2, 2, 10, 5, -2, 5, 6};

    @Test
    void factorsAKnownMatrixWithoutJitter() {
        Cholesky c = Cholesky.factor(A, 3);
        assertThat(c.jitter()).isZero();
        double[][] expected = {{2, 0, 0}, {1, 3, 0}, {-1, 2, 1}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(c.lower(i, j)).isCloseTo(expected[i][j], within(1e-14));
            }
        }
        assertThat(c.logDeterminant()).isCloseTo(Math.log(36), within(1e-14));
    }

    @Test
    void solvesAndInverts() {
        Cholesky c = Cholesky.factor(A, 3);
        double[] x = {1, -2, 3};
        double[] b = multiply(A, x);
        c.solveInPlace(b);
        assertThat(b).containsExactly(new double[] {1, -2, 3}, within(1e-13));
        double[] inverse = c.inverse();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += A[i * 3 + k] * inverse[k * 3 + j];
                }
                assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-13));
            }
        }
    }

    @Test
    void addsGrowingJitterToASingularMatrixAndReportsIt() {
        // Two identical rows: the covariance of a duplicated point without noise.
        double[] singular = {1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1};
        Cholesky c = Cholesky.factor(singular, 3);
        assertThat(c.jitter()).isGreaterThan(0).isLessThanOrEqualTo(Cholesky.MAX_RELATIVE_JITTER);
        double[] b = {1, 1, 1};
        c.solveInPlace(b);
        assertThat(Arrays.stream(b).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void refusesAnIndefiniteMatrixRatherThanHidingIt() {
        assertThatThrownBy(() -> Cholesky.factor(new double[] {1, 2, 2, 1}, 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Cholesky.factor(new double[] {0, 0, 0, 0}, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] multiply(double[] a, double[] x) {
        int n = x.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                y[i] += a[i * n + j] * x[j];
            }
        }
        return y;
    }
}
