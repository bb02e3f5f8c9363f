package org.synthstack.optimize.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelTest {
    private static final double[] A = {0.3, -0.2, 0.7};
    private static final double[] B = {0.1, 0.4, 0.2};
    private static final double[] LENGTH = {0.5, 1.5, 0.8};

    private static double[] inverse(double[] l) {
        double[] inv = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            inv[i] = 1 / l[i];
        }
        return inv;
    }

    @Test
    void familiesMatchTheirClosedForms() {
        double r2 = 0.7;
        double r = Math.sqrt(r2);
        assertThat(KernelFamily.SQUARED_EXPONENTIAL.correlation(r2)).isCloseTo(Math.exp(-0.35), within(1e-15));
        assertThat(KernelFamily.MATERN_52.correlation(r2)).isCloseTo(
                (1 + Math.sqrt(5) * r + 5 * r2 / 3) * Math.exp(-Math.sqrt(5) * r), within(1e-15));
        for (KernelFamily family : KernelFamily.values()) {
            assertThat(family.correlation(0)).isEqualTo(1.0);
            double h = 1e-6;
            double derivative = (family.correlation(r2 + h) - family.correlation(r2 - h)) / (2 * h);
            assertThat(family.slope(r2)).isCloseTo(-2 * derivative, within(1e-8));
        }
    }

    @Test
    void productKernelMultipliesTheDesignFamilyByASquaredExponential() {
        Kernel k = Kernel.product(KernelFamily.MATERN_52, 2, 1);
        double[] inv = inverse(LENGTH);
        double design = 0;
        for (int d = 0; d < 2; d++) {
            design += Math.pow((A[d] - B[d]) / LENGTH[d], 2);
        }
        double environment = Math.pow((A[2] - B[2]) / LENGTH[2], 2);
        assertThat(k.correlation(A, 0, B, 0, inv)).isCloseTo(
                KernelFamily.MATERN_52.correlation(design) * Math.exp(-0.5 * environment), within(1e-15));
        assertThat(k.designCorrelation(A, 0, B, 0, inv))
                .isCloseTo(KernelFamily.MATERN_52.correlation(design), within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void inputAndLengthScaleGradientsMatchFiniteDifferences(KernelFamily family) {
        Kernel k = Kernel.product(family, 2, 1);
        double[] inv = inverse(LENGTH);
        double[] gradient = new double[3];
        k.correlationWithGradient(A, 0, B, 0, inv, gradient);
        double[] designGradient = new double[2];
        k.designCorrelationWithGradient(A, 0, B, 0, inv, designGradient);
        double h = 1e-6;
        for (int d = 0; d < 3; d++) {
            double[] up = A.clone();
            double[] down = A.clone();
            up[d] += h;
            down[d] -= h;
            double fd = (k.correlation(up, 0, B, 0, inv) - k.correlation(down, 0, B, 0, inv)) / (2 * h);
            assertThat(gradient[d]).isCloseTo(fd, within(1e-8));
            if (d < 2) {
                double fdDesign = (k.designCorrelation(up, 0, B, 0, inv) - k.designCorrelation(down, 0, B, 0, inv))
                        / (2 * h);
                assertThat(designGradient[d]).isCloseTo(fdDesign, within(1e-8));
            }
        }
        double[] lengthGradient = new double[3];
        double value = k.addLengthScaleGradient(A, 0, B, 0, inv, 2.0, lengthGradient, 0);
        assertThat(value).isCloseTo(k.correlation(A, 0, B, 0, inv), within(1e-15));
        for (int d = 0; d < 3; d++) {
            double[] up = LENGTH.clone();
            double[] down = LENGTH.clone();
            up[d] *= Math.exp(h);
            down[d] *= Math.exp(-h);
            double fd = (k.correlation(A, 0, B, 0, inverse(up)) - k.correlation(A, 0, B, 0, inverse(down))) / (2 * h);
            assertThat(lengthGradient[d]).isCloseTo(2.0 * fd, within(1e-8));
        }
    }
}
