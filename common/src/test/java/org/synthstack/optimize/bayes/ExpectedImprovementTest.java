package org.synthstack.optimize.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synthstack.optimize.gp.GaussianProcess;
import org.synthstack.optimize.gp.Hyperparameters;
import org.synthstack.optimize.gp.Kernel;
import org.synthstack.optimize.gp.KernelFamily;
import org.synthstack.optimize.gp.Prediction;
import org.synthstack.optimize.numeric.DifferentiableFunction;
import org.synthstack.optimize.numeric.LocalMinimum;

class ExpectedImprovementTest {

    @Test
    void matchesTheFormulaWithTheStandardDeviation() {
        // u = (0.5 − 1)/2 = −0.25; Φ and φ from mpmath.
        double phi = 0.38666811680284920694;
        double cdf = 0.40129367431707627576;
        assertThat(ExpectedImprovement.value(1.0, 2.0, 0.5)).isCloseTo(2.0 * (-0.25 * cdf + phi), within(1e-15));
        // u = (0.85 − 0.2)/0.5 = 1.3.
        assertThat(ExpectedImprovement.value(0.2, 0.5, 0.85))
                .isCloseTo(0.5 * (1.3 * 0.90319951541438967446 + 0.17136859204780734707), within(1e-15));
    }

    @Test
    void tendsToThePlainImprovementAsTheStandardDeviationVanishes() {
        assertThat(ExpectedImprovement.value(1.0, 0.0, 3.0)).isEqualTo(2.0);
        assertThat(ExpectedImprovement.value(3.0, 0.0, 1.0)).isZero();
        assertThat(ExpectedImprovement.value(1.0, 1e-300, 3.0)).isCloseTo(2.0, within(1e-12));
        assertThat(ExpectedImprovement.value(1.0, 1e-6, 1.5)).isCloseTo(0.5, within(1e-12));
        assertThat(ExpectedImprovement.value(1.5, 1e-6, 1.0)).isZero();
    }

    @Test
    void keepsRelativePrecisionFarBelowTheTarget() {
        // u = −30: u·Φ(u) + φ(u) = φ(u)/u²·(1 − 3/u² + 15/u⁴ − …), where the direct form cancels to noise.
        double u = -30;
        double phi = Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
        double asymptotic = phi / (u * u) * (1 - 3 / (u * u) + 15 / Math.pow(u, 4));
        assertThat(ExpectedImprovement.value(30.0, 1.0, 0.0)).isCloseTo(asymptotic, within(1e-6 * asymptotic));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        // mean(x) = x², variance(x) = 0.5 + x, target 0.2.
        double x = 0.3;
        double[] gradient = new double[1];
        ExpectedImprovement.valueAndGradient(x * x, 0.5 + x, new double[] {2 * x}, new double[] {1}, 0.2, gradient);
        double h = 1e-6;
        double fd = (ExpectedImprovement.value((x + h) * (x + h), Math.sqrt(0.5 + x + h), 0.2)
                - ExpectedImprovement.value((x - h) * (x - h), Math.sqrt(0.5 + x - h), 0.2)) / (2 * h);
        assertThat(gradient[0]).isCloseTo(fd, within(1e-8));
    }

    @Test
    void multiStartSearchFindsTheMaximumOfADenseGrid() {
        GaussianProcess gp = GaussianProcess.condition(Kernel.of(KernelFamily.SQUARED_EXPONENTIAL, 1),
                new Hyperparameters(1.0, new double[] {0.12}, 1e-8),
                new double[][] {{0.05}, {0.3}, {0.45}, {0.7}, {0.95}}, new double[] {0.8, -0.2, 0.1, -0.1, 0.6});
        double target = -0.2;
        double gridBest = 0;
        double gridArgmax = 0;
        for (int i = 0; i <= 200_000; i++) {
            double x = i / 200_000.0;
            Prediction p = gp.predict(new double[] {x});
            double ei = ExpectedImprovement.value(p.mean(), p.standardDeviation(), target);
            if (ei > gridBest) {
                gridBest = ei;
                gridArgmax = x;
            }
        }
        double[] meanGradient = new double[1];
        double[] varianceGradient = new double[1];
        DifferentiableFunction negativeEi = (u, g) -> {
            Prediction p = gp.predict(u, meanGradient, varianceGradient);
            double ei = ExpectedImprovement.valueAndGradient(p.mean(), p.variance(), meanGradient, varianceGradient,
                    target, g);
            g[0] = -g[0];
            return -ei;
        };
        // A coarse candidate set: the local searches have to do the work.
        LocalMinimum m = new MultiStartMinimizer(8, 3).minimize(negativeEi, 1, List.of(), new SplittableRandom(1));

        assertThat(-m.value()).isGreaterThanOrEqualTo(gridBest - 1e-12);
        assertThat(m.point()[0]).isCloseTo(gridArgmax, within(1e-4));
    }
}
