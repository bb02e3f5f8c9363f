package org.synthstack.optimize.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The closed forms of the projected process against integration of the conditioned GP itself: Z(θ)
 * = E_x[Y(θ,x)] has mean E_x[ŷ(θ,x)] and variance E_{x,x'}[cov(Y(θ,x), Y(θ,x'))], x and x'
 * independent.
 */
class ProjectedProcessTest {
    private static final double THETA = 0.37;

    /** A GP over (θ, x₁, x₂) conditioned on 12 scattered points of a smooth function. */
    private static GaussianProcess jointModel(KernelFamily family) {
        SplittableRandom random = new SplittableRandom(11);
        int n = 12;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                x[i][d] = random.nextDouble();
            }
            y[i] = Math.cos(3 * x[i][0]) + (x[i][1] - 0.4) * (x[i][1] - 0.4) + 0.5 * x[i][2] * x[i][0];
        }
        return GaussianProcess.condition(Kernel.product(family, 1, 2),
                new Hyperparameters(0.7, new double[] {0.35, 0.25, 0.4}, 1e-4), x, y);
    }

    private static double[] joint(double theta, double[] x) {
        return new double[] {theta, x[0], x[1]};
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void gaussianInputFormMatchesMonteCarloIntegrationOfTheGp(KernelFamily family) {
        GaussianProcess gp = jointModel(family);
        double[] mu = {0.45, 0.6};
        double[] variance = {0.02, 0.05};
        Prediction z = ProjectedProcess.gaussianInputs(gp, mu, variance).predict(new double[] {THETA});

        SplittableRandom random = new SplittableRandom(12);
        int samples = 100_000;
        double sum = 0;
        double sumSquares = 0;
        double covarianceSum = 0;
        double covarianceSquares = 0;
        for (int s = 0; s < samples; s++) {
            double[] x = draw(mu, variance, random);
            double mean = gp.predict(joint(THETA, x)).mean();
            sum += mean;
            sumSquares += mean * mean;
            double c = gp.posteriorCovariance(joint(THETA, x), joint(THETA, draw(mu, variance, random)));
            covarianceSum += c;
            covarianceSquares += c * c;
        }
        double meanMc = sum / samples;
        double meanError = Math.sqrt((sumSquares / samples - meanMc * meanMc) / samples);
        double varianceMc = covarianceSum / samples;
        double varianceError = Math.sqrt((covarianceSquares / samples - varianceMc * varianceMc) / samples);

        assertThat(z.mean()).isCloseTo(meanMc, within(4 * meanError));
        assertThat(z.variance()).isCloseTo(varianceMc, within(4 * varianceError));
        // The seed paper's eq. 20, exp(+½…), is far outside the Monte-Carlo band.
        assertThat(Math.abs(seedSignMean(gp, mu, variance) - meanMc)).isGreaterThan(20 * meanError);
    }

    private static double[] draw(double[] mu, double[] variance, SplittableRandom random) {
        return new double[] {
            mu[0] + Math.sqrt(variance[0]) * random.nextGaussian(),
            mu[1] + Math.sqrt(variance[1]) * random.nextGaussian()};
    }

    /** ẑ with the exponent sign of the seed's eq. 20, for contrast. */
    private static double seedSignMean(GaussianProcess gp, double[] mu, double[] variance) {
        double[] ell = gp.hyperparameters().lengthScales();
        double s2 = gp.hyperparameters().signalVariance();
        double z = gp.constantMean();
        for (int i = 0; i < gp.size(); i++) {
            double[] xi = {gp.inputs()[3 * i], gp.inputs()[3 * i + 1], gp.inputs()[3 * i + 2]};
            double factor = 1;
            for (int d = 0; d < 2; d++) {
                double l2 = ell[1 + d] * ell[1 + d];
                factor *= Math.exp(0.5 * Math.pow(xi[1 + d] - mu[d], 2) / (l2 + variance[d]))
                        / Math.sqrt(1 + variance[d] / l2);
            }
            double designCorrelation = gp.kernel().designCorrelation(new double[] {THETA}, 0, xi, 0,
                    gp.inverseLengthScales());
            z += s2 * designCorrelation * factor * gp.alpha()[i];
        }
        return z;
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void finiteInstanceFormIsTheExactWeightedSumOfTheGp(KernelFamily family) {
        GaussianProcess gp = jointModel(family);
        double[][] instances = {{0.1, 0.9}, {0.4, 0.5}, {0.8, 0.2}, {0.55, 0.55}};
        double[] weights = {1, 3, 2, 4};
        double total = 10;
        Prediction z = ProjectedProcess.finiteInstances(gp, instances, weights).predict(new double[] {THETA});

        double mean = 0;
        double variance = 0;
        for (int k = 0; k < instances.length; k++) {
            mean += weights[k] / total * gp.predict(joint(THETA, instances[k])).mean();
            for (int l = 0; l < instances.length; l++) {
                variance += weights[k] / total * weights[l] / total
                        * gp.posteriorCovariance(joint(THETA, instances[k]), joint(THETA, instances[l]));
            }
        }
        assertThat(z.mean()).isCloseTo(mean, within(1e-12));
        assertThat(z.variance()).isCloseTo(variance, within(1e-12));

        // And against sampling instances by weight.
        SplittableRandom random = new SplittableRandom(13);
        int samples = 50_000;
        double sum = 0;
        double sumSquares = 0;
        for (int s = 0; s < samples; s++) {
            double u = random.nextDouble() * total;
            int k = u < 1 ? 0 : u < 4 ? 1 : u < 6 ? 2 : 3;
            double v = gp.predict(joint(THETA, instances[k])).mean();
            sum += v;
            sumSquares += v * v;
        }
        double meanMc = sum / samples;
        double error = Math.sqrt((sumSquares / samples - meanMc * meanMc) / samples);
        assertThat(z.mean()).isCloseTo(meanMc, within(4 * error));
    }

    @Test
    void gradientsWithRespectToTheDesignMatchFiniteDifferences() {
        GaussianProcess gp = jointModel(KernelFamily.MATERN_52);
        ProjectedProcess[] forms = {
            ProjectedProcess.gaussianInputs(gp, new double[] {0.45, 0.6}, new double[] {0.02, 0.05}),
            ProjectedProcess.finiteInstances(gp, new double[][] {{0.1, 0.9}, {0.4, 0.5}}, new double[] {1, 2})};
        for (ProjectedProcess z : forms) {
            double[] meanGradient = new double[1];
            double[] varianceGradient = new double[1];
            Prediction p = z.predict(new double[] {THETA}, meanGradient, varianceGradient);
            assertThat(p.mean()).isCloseTo(z.predict(new double[] {THETA}).mean(), within(1e-12));
            double h = 1e-6;
            Prediction up = z.predict(new double[] {THETA + h});
            Prediction down = z.predict(new double[] {THETA - h});
            assertThat(meanGradient[0]).isCloseTo((up.mean() - down.mean()) / (2 * h), within(1e-6));
            assertThat(varianceGradient[0]).isCloseTo((up.variance() - down.variance()) / (2 * h), within(1e-6));
        }
    }

    @Test
    void priorVarianceIsTheDoubleIntegralOfTheKernel() {
        GaussianProcess gp = jointModel(KernelFamily.SQUARED_EXPONENTIAL);
        // V = s²·Π_d (1 + 2σ_d²/ℓ_d²)^(−½).
        double expected = 0.7 / Math.sqrt(1 + 2 * 0.02 / (0.25 * 0.25)) / Math.sqrt(1 + 2 * 0.05 / (0.4 * 0.4));
        assertThat(ProjectedProcess.gaussianInputs(gp, new double[] {0.45, 0.6}, new double[] {0.02, 0.05})
                .priorVariance()).isCloseTo(expected, within(1e-15));
    }
}
