package org.synthstack.optimize.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GaussianProcessTest {

    @Test
    void onePointModelIsItsObservationThereAndThePriorFarAway() {
        Kernel k = Kernel.of(KernelFamily.SQUARED_EXPONENTIAL, 1);
        GaussianProcess gp = GaussianProcess.condition(k, new Hyperparameters(2.0, new double[] {0.5}, 0.0),
                new double[][] {{0.3}}, new double[] {1.7});

        assertThat(gp.constantMean()).isEqualTo(1.7);
        assertThat(gp.predict(new double[] {0.3}).mean()).isCloseTo(1.7, within(1e-15));
        assertThat(gp.predict(new double[] {0.3}).variance()).isCloseTo(0.0, within(1e-15));
        // Away from the point: variance s²(1 − ρ²), ρ = exp(−½(0.4/0.5)²).
        double rho = Math.exp(-0.5 * 0.64);
        assertThat(gp.predict(new double[] {0.7}).variance()).isCloseTo(2.0 * (1 - rho * rho), within(1e-14));
        // log N(1.7 | 1.7, 2).
        assertThat(gp.logMarginalLikelihood()).isCloseTo(-0.5 * Math.log(2 * Math.PI * 2.0), within(1e-14));
    }

    @Test
    void twoPointPosteriorAndLikelihoodMatchTheHandComputedFormulas() {
        // Points 0 and 0.6, ℓ = 0.4, s² = 1.5, σn² = 0.1, values 2 and −1.
        double s2 = 1.5;
        double noise = 0.1;
        double ell = 0.4;
        double y1 = 2;
        double y2 = -1;
        GaussianProcess gp = GaussianProcess.condition(Kernel.of(KernelFamily.SQUARED_EXPONENTIAL, 1),
                new Hyperparameters(s2, new double[] {ell}, noise), new double[][] {{0.0}, {0.6}},
                new double[] {y1, y2});

        double rho12 = Math.exp(-0.5 * Math.pow(0.6 / ell, 2));
        double a = s2 + noise;
        double b = s2 * rho12;
        // C = [[a, b], [b, a]] makes C⁻¹1 ∝ 1, so the GLS mean is the plain average.
        double m = (y1 + y2) / 2;
        double d = (y1 - y2) / 2;
        assertThat(gp.constantMean()).isCloseTo(m, within(1e-14));

        double x = 0.25;
        double k1 = s2 * Math.exp(-0.5 * Math.pow(x / ell, 2));
        double k2 = s2 * Math.exp(-0.5 * Math.pow((x - 0.6) / ell, 2));
        double mean = m + (k1 - k2) * d / (a - b);
        double variance = s2 - (a * k1 * k1 - 2 * b * k1 * k2 + a * k2 * k2) / (a * a - b * b);
        Prediction p = gp.predict(new double[] {x});
        assertThat(p.mean()).isCloseTo(mean, within(1e-13));
        assertThat(p.variance()).isCloseTo(variance, within(1e-13));

        double logLikelihood = -0.5 * Math.log(a * a - b * b) - d * d / (a - b) - Math.log(2 * Math.PI);
        assertThat(gp.logMarginalLikelihood()).isCloseTo(logLikelihood, within(1e-13));

        // Posterior covariance between the test point and training point 1, by the same formulas.
        double k11 = s2 * Math.exp(-0.5 * Math.pow(x / ell, 2));
        double cross = k11 - (k1 * (a * s2 - b * s2 * rho12) + k2 * (-b * s2 + a * s2 * rho12)) / (a * a - b * b);
        assertThat(gp.posteriorCovariance(new double[] {x}, new double[] {0.0})).isCloseTo(cross, within(1e-13));
    }

    private static GaussianProcess randomModel(Kernel kernel, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 12;
        double[][] x = new double[n][kernel.dimension()];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < kernel.dimension(); d++) {
                x[i][d] = random.nextDouble();
            }
            y[i] = Math.sin(5 * x[i][0]) + x[i][kernel.dimension() - 1] * x[i][kernel.dimension() - 1];
        }
        double[] ell = new double[kernel.dimension()];
        for (int d = 0; d < ell.length; d++) {
            ell[d] = 0.3 + 0.2 * d;
        }
        return GaussianProcess.condition(kernel, new Hyperparameters(0.8, ell, noise), x, y);
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void logLikelihoodGradientMatchesFiniteDifferences(KernelFamily family) {
        Kernel kernel = Kernel.product(family, 2, 1);
        GaussianProcess gp = randomModel(kernel, 0.05, 3);
        double[] gradient = gp.logMarginalLikelihoodGradient();
        Hyperparameters h = gp.hyperparameters();
        double step = 1e-5;
        for (int j = 0; j < gradient.length; j++) {
            double up = logLikelihoodAt(gp, perturb(h, j, step));
            double down = logLikelihoodAt(gp, perturb(h, j, -step));
            assertThat(gradient[j]).as("parameter %d", j).isCloseTo((up - down) / (2 * step), within(1e-6));
        }
    }

    private static Hyperparameters perturb(Hyperparameters h, int j, double logStep) {
        double factor = Math.exp(logStep);
        double[] ell = h.lengthScales();
        if (j == 0) {
            return new Hyperparameters(h.signalVariance() * factor, ell, h.noiseVariance());
        }
        if (j == ell.length + 1) {
            return new Hyperparameters(h.signalVariance(), ell, h.noiseVariance() * factor);
        }
        ell[j - 1] *= factor;
        return new Hyperparameters(h.signalVariance(), ell, h.noiseVariance());
    }

    private static double logLikelihoodAt(GaussianProcess gp, Hyperparameters h) {
        int n = gp.size();
        int dim = gp.kernel().dimension();
        double[][] x = new double[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(gp.inputs(), i * dim, x[i], 0, dim);
        }
        return GaussianProcess.condition(gp.kernel(), h, x, gp.targets()).logMarginalLikelihood();
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void predictionGradientsMatchFiniteDifferences(KernelFamily family) {
        GaussianProcess gp = randomModel(Kernel.of(family, 2), 1e-4, 5);
        double[] x = {0.41, 0.63};
        double[] meanGradient = new double[2];
        double[] varianceGradient = new double[2];
        Prediction p = gp.predict(x, meanGradient, varianceGradient);
        assertThat(p.mean()).isCloseTo(gp.predict(x).mean(), within(1e-12));
        assertThat(p.variance()).isCloseTo(gp.predict(x).variance(), within(1e-12));
        double h = 1e-6;
        for (int d = 0; d < 2; d++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[d] += h;
            down[d] -= h;
            assertThat(meanGradient[d])
                    .isCloseTo((gp.predict(up).mean() - gp.predict(down).mean()) / (2 * h), within(1e-6));
            assertThat(varianceGradient[d])
                    .isCloseTo((gp.predict(up).variance() - gp.predict(down).variance()) / (2 * h), within(1e-6));
        }
    }

    @Test
    void duplicatedInputsWithoutNoiseGetJitterInsteadOfFailing() {
        double[][] x = {{0.2, 0.2}, {0.2, 0.2}, {0.2 + 1e-13, 0.2}, {0.8, 0.5}};
        double[] y = {1.0, 1.0, 1.0, 3.0};
        GaussianProcess gp = GaussianProcess.condition(Kernel.of(KernelFamily.SQUARED_EXPONENTIAL, 2),
                new Hyperparameters(1.0, new double[] {0.3, 0.3}, 0.0), x, y);

        assertThat(gp.jitter()).isPositive();
        Prediction p = gp.predict(new double[] {0.5, 0.4});
        assertThat(p.mean()).isFinite();
        assertThat(p.variance()).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(gp.predict(new double[] {0.2, 0.2}).mean()).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void rejectsNonFiniteOrMismatchedData() {
        Kernel k = Kernel.of(KernelFamily.MATERN_52, 1);
        Hyperparameters h = new Hyperparameters(1, new double[] {1}, 0);
        assertThatThrownBy(() -> GaussianProcess.condition(k, h, new double[][] {{0}}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target 0");
        assertThatThrownBy(() -> GaussianProcess.condition(k, h, new double[][] {{0, 1}}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input 0");
        assertThatThrownBy(() -> new Hyperparameters(1, new double[] {-1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 0");
    }
}
